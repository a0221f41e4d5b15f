import Foundation
import Pipeline
import XCTest

/// `QueryService.trainingSet` must give exactly the rows of the featurization SQL
/// (`ReferenceQueries.trainingSet`) it replaces for speed.
final class TrainingSetTests: XCTestCase {
    private func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map { table.row($0) } }

    func testOnePassBuilderEqualsTheWindowQuery() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 800, seed: 5, batchSize: 200)).run(into: ws)
        for seed in [42, 7] {
            let sql = try ws.sql.run(ReferenceQueries.trainingSet(seed: seed)).table
            let fast = try ws.sql.trainingSet(seed: seed).table
            XCTAssertEqual(fast.columnNames, sql.columnNames)
            XCTAssertEqual(fast.columns.map(\.type), sql.columns.map(\.type))
            XCTAssertEqual(fast.rowCount, sql.rowCount)
            XCTAssertEqual(rows(fast), rows(sql), "seed \(seed)")
            XCTAssertGreaterThan(try fast.column("minutes_since_propositionDismiss").nullCount, 0, "nulls kept where the event has not happened")
        }
        // A snapshot range with parameters: the same as the SQL over the same range.
        let range = "events SNAPSHOT BETWEEN $from_snapshot AND $to_snapshot"
        let parameters: [String: Value] = ["from_snapshot": .int(2), "to_snapshot": .int(3)]
        let sql = try ws.sql.run(ReferenceQueries.trainingSet(range), parameters: parameters).table
        let fast = try ws.sql.trainingSet(source: range, parameters: parameters).table
        XCTAssertEqual(rows(fast), rows(sql))
        XCTAssertLessThan(fast.rowCount, try ws.sql.trainingSet().table.rowCount)
    }

    func testTiesInTimeAndMissingEventTypesMatchTheQuery() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Simulator.eventSchema)
        try ws.catalog.ensureDataset("events", schema: Simulator.eventSchema.name)
        // Two people; u1 has two events at the same instant (ordered by _id) and subscribes; no
        // product views or proposition events at all, so those features are null in every row.
        let t0: Int64 = 1_790_000_000_000_000
        let table = try Table(names: ["_id", "userId", "eventType", "timestamp"], types: [.string, .string, .string, .timestamp], rows: [
            [.string("b"), .string("u1"), .string("directMarketing.emailSent"), .timestamp(Timestamp(microseconds: t0))],
            [.string("a"), .string("u1"), .string("directMarketing.emailOpened"), .timestamp(Timestamp(microseconds: t0))],
            [.string("c"), .string("u1"), .string("web.formFilledOut"), .timestamp(Timestamp(microseconds: t0 + 125 * 60_000_000))],
            [.string("d"), .string("u2"), .string("directMarketing.emailSent"), .timestamp(Timestamp(microseconds: t0 + 1))],
            [.string("e"), .string("u2"), .string("directMarketing.emailSent"), .timestamp(Timestamp(microseconds: t0 + 3_600_000_000))],
        ])
        try ws.catalog.ingest(table, into: "events")
        let sql = try ws.sql.run(ReferenceQueries.trainingSet()).table
        let fast = try ws.sql.trainingSet().table
        XCTAssertEqual(rows(fast), rows(sql))
        let subscriber = try XCTUnwrap(rows(fast).first { $0[0] == .string("u1") })
        XCTAssertEqual(subscriber[2], .timestamp(Timestamp(microseconds: t0 + 125 * 60_000_000)), "the subscription row")
        XCTAssertEqual(subscriber[4], .int(1), "one email before subscribing")
        XCTAssertEqual(subscriber[11], .int(125), "minutes since that email")
        XCTAssertEqual(try fast.column("minutes_since_productView").type, .int, "an all-null feature keeps its type")
        XCTAssertEqual(try fast.column("minutes_since_productView").nullCount, 2)
    }

    /// A timeline longer than the builder sorts by insertion (shuffled, with ties in time broken by
    /// `_id`), and people whose rows tie in time with names where one is a
    /// prefix of another: the same rows in the same order as the SQL.
    func testLongTimelinesAndTiesBetweenPeopleMatchTheQuery() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Simulator.eventSchema)
        try ws.catalog.ensureDataset("events", schema: Simulator.eventSchema.name)
        let t0: Int64 = 1_790_000_000_000_000
        let kinds = ["directMarketing.emailSent", "directMarketing.emailOpened", "web.webpagedetails.pageViews", "commerce.productViews"]
        var rows: [[Value]] = []
        var generator = SystemRandomNumberGenerator()
        for (n, person) in ["long", "lon", "u1", "u10", "u2", "u1\u{e9}"].enumerated() {
            let count = person == "long" ? 70 : 3
            for k in (0..<count).shuffled(using: &generator) {
                rows.append([.string("\(person)-\(k % 7)-\(k)"), .string(person), .string(kinds[(k + n) % kinds.count]),
                             .timestamp(Timestamp(microseconds: t0 + Int64(k / 3) * 60_000_000))])
            }
        }
        rows.append([.string("s"), .string("long"), .string("web.formFilledOut"), .timestamp(Timestamp(microseconds: t0 + 20 * 60_000_000))])
        try ws.catalog.ingest(try Table(names: ["_id", "userId", "eventType", "timestamp"], types: [.string, .string, .string, .timestamp],
                                        rows: rows), into: "events")
        for seed in [1, 2, 3] {
            XCTAssertEqual(self.rows(try ws.sql.trainingSet(seed: seed).table),
                           self.rows(try ws.sql.run(ReferenceQueries.trainingSet(seed: seed)).table), "seed \(seed)")
        }
    }

    func testCreateTrainingSetWritesADatasetAndRefusesToOverwrite() throws {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 200, seed: 3, batchSize: 100)).run(into: ws)
        let created = try ws.sql.createTrainingSet("training")
        XCTAssertEqual(created.outcome, .created(dataset: "training", rows: created.table.rowCount))
        XCTAssertEqual(try ws.catalog.rowCount("training"), created.table.rowCount)
        XCTAssertThrowsError(try ws.sql.createTrainingSet("training")) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        // replace: the old dataset goes, the new one holds the same rows once (a new first batch).
        let replaced = try ws.sql.createTrainingSet("training", replace: true)
        XCTAssertEqual(replaced.outcome, .created(dataset: "training", rows: created.table.rowCount))
        XCTAssertEqual(try ws.catalog.rowCount("training"), created.table.rowCount)
        XCTAssertEqual(try ws.catalog.snapshots(dataset: "training").count, 1)
        XCTAssertThrowsError(try ws.sql.createTrainingSet("training", source: "evnts", replace: true)) { error in
            XCTAssertTrue("\(error)".contains("evnts"), "\(error)")
        }
        XCTAssertEqual(try ws.catalog.rowCount("training"), created.table.rowCount, "a failed replacement keeps the old rows")
        XCTAssertThrowsError(try ws.sql.trainingSet(source: "evnts")) { error in
            XCTAssertTrue("\(error)".contains("evnts"), "\(error)")
        }
        XCTAssertThrowsError(try ws.sql.trainingSet(source: "events SNAPSHOT BETWEEN $from AND 2")) { error in
            XCTAssertTrue("\(error)".contains("no value for parameter $from"), "\(error)")
        }
    }
}
