import Foundation
import Pipeline
import TestSupport
import XCTest

final class CatalogTests: XCTestCase {
    private func workspaceWithEvents() throws -> Workspace {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: "events_schema", profileEnabled: true)
        return ws
    }

    func testSchemaAndDatasetAreGetOrCreateAndRefuseConflicts() throws {
        let ws = try workspaceWithEvents()
        XCTAssertEqual(try ws.catalog.schema(named: "events_schema").identity, Identity(field: "userId", namespace: "ECID"))
        var changed = testEventSchema
        changed.fields.append(Field("extra", .int))
        XCTAssertThrowsError(try ws.catalog.ensureSchema(changed)) { XCTAssertEqual(($0 as? PipelineError)?.kind, .conflict) }
        try ws.catalog.ensureSchema(Schema(name: "other", fields: [Field("x", .int)]))
        XCTAssertThrowsError(try ws.catalog.ensureDataset("events", schema: "other")) {
            XCTAssertEqual(($0 as? PipelineError)?.kind, .conflict)
        }
        XCTAssertEqual(try ws.catalog.datasets().map(\.name), ["events"])
        XCTAssertTrue(try ws.catalog.dataset(named: "events").profileEnabled)
        try ws.catalog.setProfileEnabled("events", false)
        XCTAssertFalse(try ws.catalog.dataset(named: "events").profileEnabled)
        XCTAssertEqual(try ws.catalog.datasetsTable().rowCount, 1)
        XCTAssertEqual(try ws.catalog.schemasTable().rowCount, 2)
    }

    func testBadNamesAndIdentityAreRejected() throws {
        let ws = try makeTemporaryWorkspace(self)
        XCTAssertThrowsError(try ws.catalog.ensureSchema(Schema(name: "bad name", fields: [Field("x", .int)])))
        XCTAssertThrowsError(try ws.catalog.ensureSchema(Schema(name: "propel_x", fields: [Field("x", .int)])))
        XCTAssertThrowsError(try ws.catalog.ensureSchema(Schema(name: "s", fields: [Field("x", .int)],
                                                                identity: Identity(field: "usrId", namespace: "ECID")))) { error in
            XCTAssertTrue("\(error)".contains("usrId"), "\(error)")
        }
        XCTAssertThrowsError(try ws.catalog.dataset(named: "evnts"))
    }

    func testIngestionAppendsReplacesAndRecordsBatchesAndSnapshots() throws {
        let ws = try workspaceWithEvents()
        let first = try ws.catalog.ingest(try eventTable(count: 4), into: "events")
        let second = try ws.catalog.ingest(try eventTable(count: 3, offset: 4), into: "events")
        XCTAssertEqual(first.status, .success)
        XCTAssertLessThan(first.id, second.id, "batch ids sort by creation")
        XCTAssertEqual(first.id.count, 26)
        XCTAssertEqual(try ws.catalog.rowCount("events"), 7)
        XCTAssertEqual(try ws.catalog.read("events", snapshots: 2...2).rowCount, 3)
        let replaced = try ws.catalog.ingest(try eventTable(count: 2), into: "events", mode: .replace)
        XCTAssertEqual(replaced.mode, .replace)
        XCTAssertEqual(try ws.catalog.rowCount("events"), 2)
        let snaps = try ws.catalog.snapshots(dataset: "events")
        XCTAssertEqual(snaps.map(\.generation), [1, 2, 3])
        XCTAssertEqual(snaps.map(\.parentGeneration), [nil, 1, 2])
        XCTAssertEqual(snaps.map(\.rows), [4, 3, 2])
        XCTAssertEqual(snaps.last?.replaced, true)
        let table = try ws.catalog.read("events")
        XCTAssertEqual(table.columnNames, ["_id", "userId", "eventType", "timestamp", "value"])
        XCTAssertEqual(try table.column("timestamp").type, .timestamp)
        XCTAssertEqual(try table.column("timestamp")[1], .timestamp(Timestamp(microseconds: 1_700_000_000_000_000 + 60_000_000)))
    }

    /// Text is encoded into one buffer per column before binding: multi-byte characters, empty
    /// strings, long strings, nulls between values, repeated and null times must all come back
    /// exactly, in a batch larger than one multi-row INSERT.
    func testTextAndTimestampsReadBackExactly() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "texts", fields: [Field("s", .string), Field("t", .timestamp), Field("u", .timestamp)]))
        try ws.catalog.ensureDataset("texts", schema: "texts")
        let pieces = ["é", "", "naïve café 🙂", String(repeating: "long text ", count: 40), "plain", "Ω"]
        let n = 150
        let strings = (0..<n).map { pieces[$0 % pieces.count] + ($0 % 5 == 0 ? "" : "\($0)") }
        let times: [Int64] = (0..<n).map { r in
            let step = Int64(r / 4) * 1_000_001   // four rows share each time
            return r % 9 == 0 ? step - 86_400_000_000_000 : 1_700_000_000_000_000 + step
        }
        let stringNulls = (0..<n).map { $0 % 7 == 3 }, timeNulls = (0..<n).map { $0 % 11 == 5 }
        let texts = (0..<n).map { Timestamp(microseconds: times[$0]).description }
        let table = try Table([Column("s", strings: strings, nulls: stringNulls), Column("t", timestamps: times, nulls: timeNulls),
                               Column("u", strings: texts)])
        let batch = try ws.catalog.ingest(table, into: "texts")
        let back = try ws.catalog.read("texts")
        XCTAssertEqual(back.rowCount, n)
        for r in 0..<n {
            XCTAssertEqual(try back.column("s")[r], stringNulls[r] ? .null : .string(strings[r]), "row \(r)")
            XCTAssertEqual(try back.column("t")[r], timeNulls[r] ? .null : .timestamp(Timestamp(microseconds: times[r])), "row \(r)")
            XCTAssertEqual(try back.column("u")[r], .timestamp(Timestamp(microseconds: times[r])), "row \(r)")
        }
        let textBytes = strings.reduce(0) { $0 + $1.utf8.count }
        XCTAssertEqual(batch.bytes, textBytes + 2 * n * TimestampText.width, "bytes count the text and both time columns")
    }

    func testWrongTypeRejectsTheBatchNamingRowAndField() throws {
        let ws = try workspaceWithEvents()
        let bad = try eventTable(count: 3).setting(Column("value", strings: ["1", "2", "3"]))
        XCTAssertThrowsError(try ws.catalog.ingest(bad, into: "events")) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .typeMismatch)
            XCTAssertTrue("\(error)".contains("row 1, field `value`"), "\(error)")
        }
        let badTime = try eventTable(count: 3).setting(Column("timestamp", strings: ["2026-01-01T00:00:00Z", "2026-01-02", "yesterday"]))
        XCTAssertThrowsError(try ws.catalog.ingest(badTime, into: "events")) { error in
            XCTAssertTrue("\(error)".contains("row 3, field `timestamp`"), "\(error)")
        }
        XCTAssertEqual(try ws.catalog.rowCount("events"), 0)
        let batches = try ws.catalog.batchesTable(dataset: "events")
        XCTAssertEqual(batches.rowCount, 2)
        XCTAssertEqual(try batches.column("status")[0], .string("failed"))
        XCTAssertTrue(try batches.column("reason")[0].description.contains("row 1, field `value`"))
        XCTAssertTrue(try ws.catalog.snapshots(dataset: "events").isEmpty)
    }

    func testMissingRequiredFieldAndUnknownColumnAreRejected() throws {
        let ws = try workspaceWithEvents()
        let nullUser = try eventTable(count: 3).setting(Column("userId", strings: ["a", "", "c"], nulls: [false, true, false]))
        XCTAssertThrowsError(try ws.catalog.ingest(nullUser, into: "events")) { error in
            XCTAssertTrue("\(error)".contains("row 2, field `userId`"), "\(error)")
        }
        let noType = try Table(try eventTable(count: 2).columns.filter { $0.name != "eventType" })
        XCTAssertThrowsError(try ws.catalog.ingest(noType, into: "events")) { error in
            XCTAssertTrue("\(error)".contains("`eventType`"), "\(error)")
        }
        let extra = try eventTable(count: 2).setting(Column("evenType", strings: ["x", "y"]))
        XCTAssertThrowsError(try ws.catalog.ingest(extra, into: "events")) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `eventType`?")
        }
        XCTAssertEqual(try ws.catalog.rowCount("events"), 0)
    }

    func testReadingNamedColumnsGivesThoseInThatOrderAndAnUnknownOneIsAnError() throws {
        let ws = try workspaceWithEvents()
        try ws.catalog.ingest(try eventTable(count: 4), into: "events")
        try ws.catalog.ingest(try eventTable(count: 3, offset: 4), into: "events")
        let all = try ws.catalog.read("events")
        let some = try ws.catalog.read("events", columns: ["value", "userId"])
        func values(_ table: Table, _ name: String) throws -> [Value] {
            let column = try table.column(name)
            return (0..<column.count).map { column[$0] }
        }
        XCTAssertEqual(some.columnNames, ["value", "userId"])
        XCTAssertEqual(try some.column("value").type, .double)
        XCTAssertEqual(try values(some, "value"), try values(all, "value"))
        XCTAssertEqual(try values(some, "userId"), try values(all, "userId"))
        XCTAssertEqual(try values(try ws.catalog.read("events", columns: ["_id"], snapshots: 2...2), "_id"), ["e4", "e5", "e6"].map(Value.string))
        XCTAssertThrowsError(try ws.catalog.read("events", columns: ["userId", "evenType"])) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .unknownColumn)
            XCTAssertTrue("\(error)".contains("dataset `events` has no field `evenType`"), "\(error)")
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `eventType`?")
        }
    }

    func testExportAndImportRunsAreRecordedAndLatestGoesByTime() throws {
        let ws = try workspaceWithEvents()
        let t0 = Timestamp(microseconds: 1_700_000_000_000_000)
        try ws.catalog.recordExport(dataset: "events", path: "storage/egress/events/exportTime=20991231000000", format: "parquet",
                                    compression: "gzip", rows: 10, bytes: 100, files: 1, startedAt: t0,
                                    finishedAt: Timestamp(microseconds: t0.microseconds + 1_000_000))
        try ws.catalog.recordExport(dataset: "events", path: "storage/egress/events/exportTime=20000101000000", format: "csv",
                                    rows: 11, bytes: 120, files: 2, startedAt: t0,
                                    finishedAt: Timestamp(microseconds: t0.microseconds + 5_000_000))
        try ws.catalog.recordImport(dataset: "events", path: "storage/ingress/scores.csv", format: "csv", rows: 3, bytes: 30,
                                    files: 1, startedAt: t0, finishedAt: t0, error: "row 2: bad")
        XCTAssertEqual(try ws.catalog.latestExport(dataset: "events")?.format, "csv")
        XCTAssertEqual(try ws.catalog.runs(kind: .import).first?.status, .failed)
        let table = try ws.catalog.runsTable()
        XCTAssertEqual(table.rowCount, 3)
        XCTAssertEqual(try table.column("seconds")[2], .double(5), "ordered by finish time")
    }

    func testDropRemovesRowsAndRecordsButKeepsSchema() throws {
        let ws = try workspaceWithEvents()
        try ws.catalog.ingest(try eventTable(count: 2), into: "events")
        XCTAssertTrue(try ws.catalog.dropDataset("events"))
        XCTAssertFalse(try ws.catalog.dropDataset("events"))
        XCTAssertFalse(try ws.catalog.datasetExists("events"))
        XCTAssertEqual(try ws.catalog.batchesTable(dataset: "events").rowCount, 0)
        try ws.catalog.ensureDataset("events", schema: "events_schema")
        XCTAssertEqual(try ws.catalog.rowCount("events"), 0)
    }
}
