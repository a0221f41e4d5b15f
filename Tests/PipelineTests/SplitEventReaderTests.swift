@testable import Pipeline
import TestSupport
import XCTest

/// Events read in two halves on two connections must be exactly the events one statement
/// reads — the same people, types, times and `_id`s in the same order, interned the same way —
/// and the reader must step aside whenever a split read could differ from one read.
final class SplitEventReaderTests: XCTestCase {
    private func single(_ ws: Workspace, withIDs: Bool) throws -> QueriedEvents {
        try QueriedEvents(ws.database.prepare("SELECT userId, eventType, timestamp\(withIDs ? ", _id" : "") FROM events"))
    }

    func testHalvesReadExactlyWhatOneStatementReads() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 5_500, seed: 5, batchSize: 2_750)).run(into: ws)
        let rows = try ws.catalog.rowCount("events")
        XCTAssertGreaterThan(rows, SplitEventReader.minimumRows, "the data must be large enough to be split")
        for withIDs in [false, true] {
            let split = try XCTUnwrap(try SplitEventReader(database: ws.database).read(table: "\"events$rows\"", withIDs: withIDs))
            assertSameEvents(split, try single(ws, withIDs: withIDs))
        }
        // Through the public calls: the summaries still equal their SQL.
        for (fast, definition) in [(try ws.sql.eventCounts(), ReferenceQueries.eventCounts()), (try ws.sql.funnel(), ReferenceQueries.funnel()),
                                   (try ws.sql.basicStats(), ReferenceQueries.basicStats())] {
            let sql = try ws.sql.run(definition).table
            XCTAssertEqual((0..<fast.table.rowCount).map { fast.table.row($0) }, (0..<sql.rowCount).map { sql.row($0) }, definition)
        }
    }

    func testAPersonSplitAcrossTheHalvesIsOnePerson() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: testEventSchema.name)
        // Two people alternating, and a third whose only event is a null type in the second half.
        let n = SplitEventReader.minimumRows + 10
        let t0 = Int64(1_790_000_000_000_000)
        let table = try Table([
            Column("_id", strings: (0..<n).map { "e\($0)" }),
            Column("userId", strings: (0..<n).map { $0 == n - 1 ? "u3" : "u\($0 % 2)" }),
            Column("eventType", strings: (0..<n).map { $0 < n / 2 ? "a" : "b" }),
            Column("timestamp", timestamps: (0..<n).map { t0 + Int64($0) * 1_000_000 }),
        ])
        try ws.catalog.ingest(table, into: "events")
        let split = try XCTUnwrap(try SplitEventReader(database: ws.database).read(table: "\"events$rows\"", withIDs: true))
        assertSameEvents(split, try single(ws, withIDs: true))
        XCTAssertEqual(split.userNames, ["u0", "u1", "u3"])
        XCTAssertEqual(split.typeNames, ["a", "b"])
        XCTAssertEqual(split.userRanges.map(\.count), [(n - 1) / 2 + (n - 1) % 2, (n - 1) / 2, 1])
        // Inside a transaction the query connection may see rows no other connection can.
        try ws.database.execute("BEGIN")
        defer { try? ws.database.execute("ROLLBACK") }
        XCTAssertNil(try SplitEventReader(database: ws.database).read(table: "\"events$rows\"", withIDs: false))
    }

    func testDeclinesSmallTables() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 100, seed: 5, batchSize: 100)).run(into: ws)
        let reader = SplitEventReader(database: ws.database)
        XCTAssertNil(try reader.read(table: "\"events$rows\"", withIDs: false), "a small table is read on one connection")
    }
}
