import Foundation
import Pipeline
import XCTest

/// `QueryService.cooccurrence` must give exactly the rows of `ReferenceQueries.cooccurrence`,
/// which equals the reference's self-join of every event pair.
final class CooccurrenceTests: XCTestCase {
    private func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map { table.row($0) } }

    func testOnePassEqualsTheSpansQueryAndTheSelfJoin() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 600, seed: 11, mode: .corrected, batchSize: 200)).run(into: ws)
        let fast = try ws.sql.cooccurrence().table
        let sql = try ws.sql.run(ReferenceQueries.cooccurrence()).table
        XCTAssertEqual(fast.columnNames, sql.columnNames)
        XCTAssertEqual(fast.columns.map(\.type), sql.columns.map(\.type))
        XCTAssertEqual(rows(fast), rows(sql))
        let naive = try ws.sql.run("""
            SELECT a.eventType, b.eventType, COUNT(DISTINCT a.userId) AS users
            FROM events a JOIN events b ON a.userId = b.userId AND a.timestamp <= b.timestamp
            GROUP BY 1, 2 ORDER BY 1, 2
            """).table
        XCTAssertEqual(try fast.column("users").doubles, try naive.column("users").doubles)
        // Snapshot ranges and parameters work as in SQL.
        let range = "events SNAPSHOT BETWEEN $from_snapshot AND 2"
        XCTAssertEqual(rows(try ws.sql.cooccurrence(source: range, parameters: ["from_snapshot": .int(2)]).table),
                       rows(try ws.sql.run(ReferenceQueries.cooccurrence(range), parameters: ["from_snapshot": .int(2)]).table))
    }

    func testSameInstantCountsBothWaysAndBadInputIsLocated() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Simulator.eventSchema)
        try ws.catalog.ensureDataset("events", schema: Simulator.eventSchema.name)
        let t0: Int64 = 1_790_000_000_000_000
        try ws.catalog.ingest(try Table(names: ["_id", "userId", "eventType", "timestamp"], types: [.string, .string, .string, .timestamp], rows: [
            [.string("a"), .string("u1"), .string("x"), .timestamp(Timestamp(microseconds: t0))],
            [.string("b"), .string("u1"), .string("y"), .timestamp(Timestamp(microseconds: t0))],
            [.string("c"), .string("u2"), .string("y"), .timestamp(Timestamp(microseconds: t0))],
            [.string("d"), .string("u2"), .string("x"), .timestamp(Timestamp(microseconds: t0 + 1))],
        ]), into: "events")
        let table = try ws.sql.cooccurrence().table
        XCTAssertEqual(rows(table), rows(try ws.sql.run(ReferenceQueries.cooccurrence()).table))
        // x→y: u1 only (u2's x came after its only y); y→x: both.
        XCTAssertEqual(rows(table), [
            [.string("x"), .string("x"), .int(2), .double(1)], [.string("x"), .string("y"), .int(1), .double(0.5)],
            [.string("y"), .string("x"), .int(2), .double(1)], [.string("y"), .string("y"), .int(2), .double(1)],
        ])
        XCTAssertThrowsError(try ws.sql.cooccurrence(source: "events WHERE")) { error in
            XCTAssertTrue("\(error)".contains("incomplete input"), "\(error)")
            XCTAssertTrue("\(error)".contains("events WHERE"), "the statement is shown: \(error)")
        }
    }
}
