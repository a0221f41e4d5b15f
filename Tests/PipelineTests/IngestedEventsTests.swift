@testable import Pipeline
import TestSupport
import XCTest

/// The events a workspace has just ingested are handed to its query service instead of being
/// read back (`IngestedEvents`). They must be exactly the events a read gives — same people,
/// types, times, `_id`s, order and interning — and must never be used once anything else may
/// have changed the database: another connection's commit, this connection's own SQL, a schema
/// change, a temporary view hiding the dataset.
final class IngestedEventsTests: XCTestCase {
    private func read(_ ws: Workspace, _ source: String = "events") throws -> QueriedEvents {
        try QueriedEvents(ws.database.prepare("SELECT userId, eventType, timestamp, _id FROM \(source)"))
    }

    private func handedOver(_ ws: Workspace, _ dataset: String = "events") throws -> QueriedEvents? {
        try ws.sql.ingestedEvents.take(dataset, at: ws.database.changeStamp())
    }

    private func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map { table.row($0) } }

    /// Every one-pass call equals its SQL definition.
    private func assertOnePassEqualsSQL(_ ws: Workspace, file: StaticString = #filePath, line: UInt = #line) throws {
        for (fast, definition) in [(try ws.sql.eventCounts(), ReferenceQueries.eventCounts()), (try ws.sql.basicStats(), ReferenceQueries.basicStats()),
                                   (try ws.sql.funnel(), ReferenceQueries.funnel()), (try ws.sql.correlation(), ReferenceQueries.correlation())] {
            XCTAssertEqual(rows(fast.table), rows(try ws.sql.run(definition).table), definition, file: file, line: line)
        }
    }

    func testSimulatedBatchesAreExactlyWhatAReadGives() throws {
        let ws = try makeTemporaryWorkspace(self)
        // Events and profiles batches alternate on the connection: the profiles do not break the chain.
        _ = try Simulator(SimulationConfig(users: 900, seed: 7, batchSize: 300)).run(into: ws)
        assertSameEvents(try XCTUnwrap(try handedOver(ws), "the events just ingested are handed over"), try read(ws))
        // Replacing starts again from the new rows alone.
        _ = try Simulator(SimulationConfig(users: 400, seed: 8, batchSize: 200)).run(into: ws)
        assertSameEvents(try XCTUnwrap(try handedOver(ws)), try read(ws))
        XCTAssertEqual(try read(ws).userNames.count, 400)
    }

    /// The log a bulk load leaves is copied in the background and emptied by the writer itself,
    /// which changes nothing the writer can see: the events are still handed over.
    func testEmptyingTheLogAfterItsCopyKeepsThem() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 600, seed: 3, batchSize: 200)).run(into: ws)
        let stamp = try ws.database.changeStamp()
        let log = ws.databasePath + "-wal", deadline = Date().addingTimeInterval(60)
        func logSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int) ?? 0 }
        while logSize() > 0, Date() < deadline {
            usleep(5_000)
            _ = try ws.database.prepare("SELECT 1")
        }
        XCTAssertEqual(logSize(), 0, "the log was not emptied")
        XCTAssertEqual(try ws.database.changeStamp(), stamp)
        assertSameEvents(try XCTUnwrap(try handedOver(ws), "emptying the log does not lose them"), try read(ws))
    }

    func testTheOnePassCallsAnswerFromThemAsTheirSQLDoes() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 500, seed: 9, batchSize: 250)).run(into: ws)
        try assertOnePassEqualsSQL(ws)
        XCTAssertNil(try handedOver(ws), "the first call took them over")
        let fast = try ws.sql.trainingSet(seed: 5).table
        XCTAssertEqual(rows(fast), rows(try ws.sql.run(ReferenceQueries.trainingSet("events", seed: 5)).table))
    }

    func testNullsOddTextAndAppendsToAnEmptyDatasetMatchARead() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "loose_events", kind: .event, fields: [
            Field("_id", .string), Field("userId", .string), Field("eventType", .string), Field("timestamp", .timestamp), Field("n", .int),
        ]))
        try ws.catalog.ensureDataset("events", schema: "loose_events")
        let t = { (minutes: Int64) in Value.timestamp(Timestamp(microseconds: 1_790_000_000_000_000 + minutes * 60_000_000)) }
        let names = ["_id", "userId", "eventType", "timestamp", "n"]
        let types: [DataType] = [.string, .string, .string, .timestamp, .int]
        try ws.catalog.ingest(try Table(names: names, types: types, rows: [
            [.string("caf\u{e9}"), .string("u1"), .string("a"), t(0), .int(1)],
            [.string("cafe\u{301}"), .string("cafe\u{301}"), .string("caf\u{e9}"), t(1), .null],
            [.null, .string("u2"), .null, t(2), .int(3)],
            [.string(""), .null, .string("a"), .null, .int(4)],
            [.string("z"), .string(""), .string(""), .null, .int(5)],
        ]), into: "events")
        // A second batch whose text columns are all null.
        try ws.catalog.ingest(try Table(names: names, types: types, rows: [[.null, .null, .null, t(3), .int(6)]]), into: "events")
        assertSameEvents(try XCTUnwrap(try handedOver(ws)), try read(ws))
    }

    func testAnotherConnectionsCommitIsNeverMissed() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 300, seed: 4, batchSize: 300)).run(into: ws)
        let other = try SQLiteDatabase(path: ws.databasePath)
        try other.execute("DELETE FROM \"events$rows\" WHERE rowid % 3 = 0")
        XCTAssertNil(try handedOver(ws))
        try assertOnePassEqualsSQL(ws)
    }

    func testAnotherConnectionsCommitBetweenBatchesBreaksTheChain() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: testEventSchema.name)
        let batch = { (k: Int) in
            try Table([Column("_id", strings: ["e\(k)"]), Column("userId", strings: ["u\(k)"]), Column("eventType", strings: ["t"]),
                       Column("timestamp", timestamps: [1_790_000_000_000_000])])
        }
        try ws.catalog.ingest(try batch(1), into: "events")
        let other = try SQLiteDatabase(path: ws.databasePath)
        try other.execute("INSERT INTO \"events$rows\" (_id, userId, eventType, timestamp, _batch) VALUES ('x', 'ux', 't', '2026-01-01T00:00:00.000000Z', 1)")
        try ws.catalog.ingest(try batch(2), into: "events")
        XCTAssertNil(try handedOver(ws), "the entry from before the other commit cannot be extended")
        XCTAssertEqual(try read(ws).userNames, ["u1", "ux", "u2"])
        XCTAssertEqual(rows(try ws.sql.basicStats().table), [[.int(3), .int(3), .int(3)]])
    }

    func testThisConnectionsOwnChangesAreNeverMissed() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 300, seed: 4, batchSize: 150)).run(into: ws)
        try ws.sql.run("DELETE FROM \"events$rows\" WHERE rowid = 5")
        XCTAssertNil(try handedOver(ws))
        try assertOnePassEqualsSQL(ws)
        // A change of schema (a view replaced) with no row changed.
        _ = try Simulator(SimulationConfig(users: 300, seed: 4, batchSize: 150)).run(into: ws)
        try ws.database.execute("DROP VIEW events; CREATE VIEW events AS SELECT * FROM \"events$rows\" WHERE rowid > 100")
        XCTAssertNil(try handedOver(ws))
        try assertOnePassEqualsSQL(ws)
    }

    func testATemporaryTableHidingTheDatasetIsNeverMissed() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 300, seed: 4, batchSize: 150)).run(into: ws)
        try ws.database.execute("CREATE TEMP VIEW events AS SELECT _id, userId, eventType, timestamp FROM main.\"events$rows\" WHERE rowid <= 10")
        try assertOnePassEqualsSQL(ws)
        XCTAssertEqual(rows(try ws.sql.basicStats().table)[0][0], .int(10))
        // The events a call read are not reused once the temporary view is gone either.
        try ws.database.execute("DROP VIEW temp.events")
        try assertOnePassEqualsSQL(ws)
    }

    func testTimesOutsideFourDigitYearsAreNotHandedOver() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: testEventSchema.name)
        let late = TimestampText.writableRange.upperBound + 1
        try ws.catalog.ingest(try Table([Column("_id", strings: ["a", "b"]), Column("userId", strings: ["u", "u"]),
                                         Column("eventType", strings: ["t", "t"]),
                                         Column("timestamp", timestamps: [TimestampText.writableRange.upperBound, late])]), into: "events")
        XCTAssertNil(try handedOver(ws))
        try assertOnePassEqualsSQL(ws)
        // The range's ends are written and read back unchanged; one past them is not.
        for (micros, same) in [(TimestampText.writableRange.lowerBound, true), (TimestampText.writableRange.upperBound, true),
                               (TimestampText.writableRange.lowerBound - 1, false), (late, false)] {
            var text = TimestampText.format(micros)
            XCTAssertEqual(text.withUTF8 { TimestampText.parse($0) } == micros, same, text)
        }
    }
}
