import Foundation
import Pipeline
import XCTest

/// `QueryService.basicStats`, `.eventCounts`, `.funnel` and `.correlation` must give exactly the rows of the
/// SQL they stand for (`ReferenceQueries`), nulls and odd spellings included, and must never
/// answer from events read before the data changed.
final class EventSummariesTests: XCTestCase {
    private func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map { table.row($0) } }

    private func assertSameAsSQL(_ ws: Workspace, source: String = "events", parameters: [String: Value] = [:],
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let pairs: [(QueryResult, String)] = [
            (try ws.sql.basicStats(source: source, parameters: parameters), ReferenceQueries.basicStats(source)),
            (try ws.sql.eventCounts(source: source, parameters: parameters), ReferenceQueries.eventCounts(source)),
            (try ws.sql.funnel(source: source, parameters: parameters), ReferenceQueries.funnel(source)),
            (try ws.sql.correlation(source: source, parameters: parameters), ReferenceQueries.correlation(source)),
        ]
        for (fast, definition) in pairs {
            let sql = try ws.sql.run(definition, parameters: parameters).table
            XCTAssertEqual(fast.statement, definition, file: file, line: line)
            XCTAssertEqual(fast.table.columnNames, sql.columnNames, file: file, line: line)
            XCTAssertEqual(fast.table.columns.map(\.type), sql.columns.map(\.type), file: file, line: line)
            XCTAssertEqual(rows(fast.table), rows(sql), definition, file: file, line: line)
        }
    }

    func testSummariesEqualTheirQueriesOnSimulatedEvents() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 600, seed: 11, batchSize: 200)).run(into: ws)
        try assertSameAsSQL(ws)
        try assertSameAsSQL(ws, source: "events SNAPSHOT BETWEEN $from_snapshot AND 2", parameters: ["from_snapshot": .int(2)])
        let funnel = try ws.sql.funnel().table
        XCTAssertEqual(funnel.rowCount, 13)
        XCTAssertNil(try ws.sql.correlation().table.column("pearsonCorrelation").doubles?.first { $0.isNaN }, "no null correlation")
    }

    func testNullsAndBinarySpellingsCountAsSQLCountsThem() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "loose_events", kind: .event, fields: [
            Field("_id", .string), Field("userId", .string), Field("eventType", .string), Field("timestamp", .timestamp),
        ]))
        try ws.catalog.ensureDataset("events", schema: "loose_events")
        let t = { (minutes: Int64) in Value.timestamp(Timestamp(microseconds: 1_790_000_000_000_000 + minutes * 60_000_000)) }
        try ws.catalog.ingest(try Table(names: ["_id", "userId", "eventType", "timestamp"], types: [.string, .string, .string, .timestamp], rows: [
            [.string("caf\u{e9}"), .string("u1"), .string("directMarketing.emailClicked"), t(0)],
            [.string("cafe\u{301}"), .string("u1"), .string("web.formFilledOut"), t(1)],       // equal as Swift Strings, distinct bytes
            [.string("x"), .string("u2"), .string("directMarketing.emailClicked"), t(2)],
            [.string("x"), .string("u2"), .null, t(3)],                                          // duplicate _id, null type
            [.null, .string("u3"), .string("directMarketing.emailSent"), t(4)],                  // null _id
            [.string(""), .string("u3"), .string("directMarketing.emailSent"), t(6)],            // empty _id: a value
            [.string("y"), .null, .string("web.formFilledOut"), t(5)],                           // nobody's event
            [.string("z"), .null, .string("directMarketing.emailClicked"), .null],
        ]), into: "events")
        try assertSameAsSQL(ws)
        XCTAssertEqual(rows(try ws.sql.basicStats().table), [[.int(7), .int(3), .int(6)]])
        let funnel = try ws.sql.funnel().table
        XCTAssertEqual(try funnel.column("eventType").nullCount, 1, "a null type is a group of its own")
        // Rows without a person still count as events of their type; people are counted once per type.
        XCTAssertEqual(rows(try ws.sql.eventCounts().table), [
            [.string("directMarketing.emailClicked"), .int(3), .int(2)], [.string("directMarketing.emailSent"), .int(2), .int(1)],
            [.string("web.formFilledOut"), .int(2), .int(1)], [.null, .int(1), .int(1)],
        ])
        // Timelines need a type and a time on every person's event: the training set names the event.
        XCTAssertThrowsError(try ws.sql.trainingSet()) { error in
            XCTAssertTrue("\(error)".contains("event 4: the event type is null"), "\(error)")
        }
    }

    func testChangedDataIsReadAgain() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 200, seed: 3, batchSize: 100)).run(into: ws)
        let before = try ws.sql.basicStats().table
        try ws.sql.run("INSERT INTO events SELECT _id || '-copy', userId, eventType, timestamp, subscriptionPropensity FROM events LIMIT 10")
        let after = try ws.sql.basicStats().table
        XCTAssertEqual(try after.column("distinctEvents")[0].doubleValue, try before.column("distinctEvents")[0].doubleValue! + 10)
        try assertSameAsSQL(ws)
        // A change made by another connection (another notebook's kernel) is seen too.
        let other = try Workspace(path: ws.root.path)
        try other.sql.run("DELETE FROM \"events$rows\" WHERE _id LIKE '%-copy'")
        XCTAssertEqual(rows(try ws.sql.basicStats().table), rows(before))
        XCTAssertThrowsError(try ws.sql.funnel(source: "evnts")) { error in
            XCTAssertTrue("\(error)".contains("evnts"), "\(error)")
        }
    }
}
