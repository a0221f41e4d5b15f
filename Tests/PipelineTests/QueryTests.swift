import Foundation
import Pipeline
import XCTest

final class QueryTests: XCTestCase {
    private func workspaceWithEvents(users: Int = 300, batchSize: Int = 100) throws -> (Workspace, SimulationReport) {
        let ws = try makeTemporaryWorkspace(self)
        let report = try Simulator(SimulationConfig(users: users, seed: 9, batchSize: batchSize)).run(into: ws)
        return (ws, report)
    }

    func testSelectReturnsTypedTableOfAllRows() throws {
        let (ws, report) = try workspaceWithEvents()
        let all = try ws.sql.run("SELECT * FROM events")
        XCTAssertEqual(all.table.rowCount, report.events, "never truncated")
        XCTAssertEqual(all.table.columnNames, ["_id", "userId", "eventType", "timestamp", "subscriptionPropensity"])
        XCTAssertEqual(try all.table.column("timestamp").type, .timestamp)
        XCTAssertEqual(all.outcome, .rows)
        XCTAssertTrue(all.summary.hasSuffix("rows × 5 columns"), all.summary)
    }

    func testStatisticalFunctions() throws {
        let ws = try makeTemporaryWorkspace(self)
        let values = "(SELECT 1.0 AS x, 2.0 AS y UNION ALL SELECT 2, 4.1 UNION ALL SELECT 3, 5.9 UNION ALL SELECT 4, 8.2 UNION ALL SELECT NULL, 1)"
        let row = try ws.sql.run("""
            SELECT corr(x, y) AS r, stddev(x) AS sd, stddev_pop(x) AS sdp, variance(x) AS v, var_pop(x) AS vp,
                   percentile(x, 0.25) AS p25, median(x) AS med, corr(x, 1) AS flat FROM \(values)
            """).table.row(0)
        XCTAssertEqual(row[0].doubleValue!, 0.998992, accuracy: 1e-6)  // Python statistics.correlation
        XCTAssertEqual(row[1].doubleValue!, 1.29099, accuracy: 1e-4)
        XCTAssertEqual(row[2].doubleValue!, 1.11803, accuracy: 1e-4)
        XCTAssertEqual(row[3].doubleValue!, 1.66667, accuracy: 1e-4)
        XCTAssertEqual(row[4].doubleValue!, 1.25, accuracy: 1e-9)
        XCTAssertEqual(row[5].doubleValue!, 1.75, accuracy: 1e-9)
        XCTAssertEqual(row[6].doubleValue!, 2.5, accuracy: 1e-9)
        XCTAssertEqual(row[7], .null, "constant input has no correlation")
        XCTAssertThrowsError(try ws.sql.run("SELECT percentile(x, 2) FROM \(values)")) { XCTAssertTrue("\($0)".contains("between 0 and 1")) }
    }

    func testTimeBetweenPreviousMatchIsZeroOnMatchAndNullBeforeAny() throws {
        let ws = try makeTemporaryWorkspace(self)
        let t = try ws.sql.run("""
            WITH e(ts, kind) AS (VALUES ('2026-01-01T00:00:00Z', 'b'), ('2026-01-01T00:10:00Z', 'a'),
                                        ('2026-01-01T00:25:30Z', 'b'), ('2026-01-01T01:10:00Z', 'a'))
            SELECT kind, time_between_previous_match(ts, kind = 'a', 'minutes')
                       OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS m,
                   time_between_previous_match(ts, kind = 'a', 'hours') OVER (ORDER BY ts) AS h,
                   time_between_previous_match(ts, kind = 'a', 'minutes')
                       OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS sliding
            FROM e ORDER BY ts
            """).table
        XCTAssertEqual(try t.column("m").doubles?.map { $0.isNaN ? -1 : $0 }, [-1, 0, 15, 0])
        XCTAssertEqual(try t.column("h")[2], .int(0))
        XCTAssertEqual(try t.column("sliding")[2], .int(15))
        XCTAssertThrowsError(try ws.sql.run("SELECT time_between_previous_match('2026-01-01', 1, 'weeks') OVER ()")) {
            XCTAssertTrue("\($0)".contains("unknown unit"))
        }
    }

    func testSeededRandomIsReproducible() throws {
        let ws = try makeTemporaryWorkspace(self)
        XCTAssertEqual(try ws.sql.run("SELECT seeded_random(42, 'x') AS r").table.row(0),
                       try ws.sql.run("SELECT seeded_random(42, 'x') AS r").table.row(0))
        XCTAssertNotEqual(try ws.sql.run("SELECT seeded_random(42, 'x') AS r").table.row(0),
                          try ws.sql.run("SELECT seeded_random(43, 'x') AS r").table.row(0))
        ws.sql.seed(7)
        let a = try ws.sql.run("SELECT rand() AS r, randn() AS n").table.row(0)
        try ws.sql.run("SELECT setseed(7)")
        XCTAssertEqual(try ws.sql.run("SELECT rand() AS r, randn() AS n").table.row(0), a)
    }

    func testCTASInsertIfNotExistsDropAndParametersAreIdempotent() throws {
        let (ws, report) = try workspaceWithEvents()
        let results = try ws.sql.script("""
            CREATE TABLE IF NOT EXISTS emails AS SELECT userId, eventType, timestamp FROM events WHERE eventType = $type;
            CREATE TABLE IF NOT EXISTS emails AS SELECT userId, eventType, timestamp FROM events WHERE eventType = $type;
            INSERT INTO emails SELECT userId, eventType, timestamp FROM events WHERE eventType = 'web.formFilledOut';
            SELECT count(*) AS n FROM emails
            """, parameters: ["type": .string("directMarketing.emailSent")])
        guard case .created(_, let created) = results[0].outcome else { return XCTFail("\(results[0].outcome)") }
        XCTAssertEqual(results[1].outcome, .skipped(dataset: "emails"))
        guard case .inserted(_, let inserted) = results[2].outcome else { return XCTFail("\(results[2].outcome)") }
        XCTAssertEqual(try results[3].table.column("n")[0], .int(created + inserted))
        XCTAssertEqual(inserted, try ws.sql.run("SELECT count(*) AS n FROM events WHERE eventType = 'web.formFilledOut'").table.row(0)[0].doubleValue.map(Int.init))
        XCTAssertEqual(try ws.catalog.snapshots(dataset: "emails").count, 2)
        XCTAssertThrowsError(try ws.sql.run("CREATE TABLE emails AS SELECT 1 AS x")) {
            XCTAssertEqual(($0 as? PipelineError)?.kind, .conflict)
        }
        XCTAssertThrowsError(try ws.sql.run("INSERT INTO emails VALUES ('u', 'e', 'not a time')")) {
            XCTAssertTrue("\($0)".contains("row 1, field `timestamp`"), "\($0)")
        }
        XCTAssertEqual(try ws.sql.run("DROP TABLE emails").outcome, .dropped(dataset: "emails"))
        XCTAssertFalse(try ws.catalog.datasetExists("emails"))
        XCTAssertGreaterThan(report.events, created)
    }

    func testSnapshotRangesAreInclusiveOnBothEnds() throws {
        let (ws, _) = try workspaceWithEvents(users: 300, batchSize: 100)
        let perSnapshot = try ws.catalog.snapshots(dataset: "events").map(\.rows)
        XCTAssertEqual(perSnapshot.count, 3)
        func count(_ clause: String, _ p: [String: Value] = [:]) throws -> Int {
            Int(try ws.sql.run("SELECT count(*) AS n FROM events \(clause)", parameters: p).table.row(0)[0].doubleValue!)
        }
        XCTAssertEqual(try count("SNAPSHOT BETWEEN 2 AND 3"), perSnapshot[1] + perSnapshot[2])
        XCTAssertEqual(try count("SNAPSHOT BETWEEN 1 AND 1"), perSnapshot[0])
        XCTAssertEqual(try count("SNAPSHOT BETWEEN $from AND $to", ["from": .int(1), "to": .int(3)]), perSnapshot.reduce(0, +))
        XCTAssertEqual(try count("SNAPSHOT AS OF 2"), perSnapshot[0] + perSnapshot[1])
        XCTAssertEqual(try count("SNAPSHOT SINCE 3 e WHERE e.eventType IS NOT NULL"), perSnapshot[2])
        XCTAssertThrowsError(try count("SNAPSHOT BETWEEN a AND 2"))
    }

    func testSQLErrorsShowTheStatementWithACaret() throws {
        let (ws, _) = try workspaceWithEvents(users: 10)
        XCTAssertThrowsError(try ws.sql.script("SELECT 1;\nSELECT eventType,\n       evntType FROM events")) { error in
            let message = (error as? PipelineError)?.message ?? ""
            XCTAssertTrue(message.contains("statement 2 of 2"), message)
            XCTAssertTrue(message.contains("line 2, column 8:\n           evntType FROM events\n           ^"), message)
        }
        XCTAssertThrowsError(try ws.sql.run("SELECT * FROM evnts")) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `events`?")
        }
        XCTAssertThrowsError(try ws.sql.run("SELECT count(*) FROM events SNAPSHOT BETWEEN 1 AND 2 WHERE nosuch = 1")) { error in
            XCTAssertTrue("\(error)".contains("WHERE nosuch = 1\n"), "caret line is the original text: \(error)")
        }
        XCTAssertThrowsError(try ws.sql.run("SELECT * FROM events WHERE eventType = $kind", parameters: ["knd": .string("x")])) { error in
            XCTAssertTrue("\(error)".contains("no value for parameter $kind"), "\(error)")
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean $knd?")
        }
    }

    func testAllNullColumnsAreFlagged() throws {
        let (ws, _) = try workspaceWithEvents(users: 10)
        let r = try ws.sql.run("SELECT userId, MAX(CASE WHEN eventType = 'propositionDismiss' THEN 1 END) AS dismissed FROM events GROUP BY userId")
        XCTAssertEqual(r.warnings.count, 1)
        XCTAssertTrue(r.warnings[0].contains("`dismissed`"))
        XCTAssertTrue(try ws.sql.run("SELECT userId FROM events").warnings.isEmpty)
    }

    func testReferenceQueriesRunWithBugsFixed() throws {
        let (ws, report) = try workspaceWithEvents(users: 1_500, batchSize: 500)
        let stats = try ws.sql.run(ReferenceQueries.basicStats()).table.row(0)
        XCTAssertEqual(stats[0], .int(report.events))
        XCTAssertLessThanOrEqual(stats[1].doubleValue!, 1_500, "distinct users, not events")
        XCTAssertEqual(stats[2], .int(report.events))
        let funnel = try ws.sql.run(ReferenceQueries.funnel()).table
        XCTAssertEqual(funnel.rowCount, 13)
        XCTAssertEqual(try funnel.column("eventType")[0], .string("directMarketing.emailSent"))
        XCTAssertEqual(try ws.sql.run(ReferenceQueries.emailFunnel()).table.rowCount, 4)
        // Co-occurrence equals the reference's self-join formulation.
        let pairs = try ws.sql.run(ReferenceQueries.cooccurrence()).table
        let naive = try ws.sql.run("""
            SELECT a.eventType AS eventType_First, b.eventType AS eventType_Later, COUNT(DISTINCT a.userId) AS users
            FROM events a JOIN events b ON a.userId = b.userId AND a.timestamp <= b.timestamp
            GROUP BY 1, 2 ORDER BY 1, 2
            """).table
        XCTAssertEqual(pairs.rowCount, naive.rowCount)
        XCTAssertEqual(try pairs.column("users").doubles, try naive.column("users").doubles)
        XCTAssertTrue(try pairs.column("probability").doubles!.allSatisfy { $0 > 0 && $0 <= 1 })
        let corr = try ws.sql.run(ReferenceQueries.correlation())
        XCTAssertEqual(corr.table.rowCount, 11)
        XCTAssertTrue(corr.warnings.isEmpty)
        XCTAssertTrue(try corr.table.column("pearsonCorrelation").nullCount == 0, "no feature is all-null any more")
        let training = try ws.sql.run(ReferenceQueries.trainingSet())
        XCTAssertEqual(training.table.columnCount, 19)
        XCTAssertTrue(training.warnings.isEmpty, "\(training.warnings)")
        let users = try ws.sql.run("SELECT count(DISTINCT userId) AS n FROM events").table.row(0)[0]
        XCTAssertEqual(Value.int(training.table.rowCount), users, "one row per user with events")
        let labels = try training.table.column("subscriptionOccurred").doubles!.reduce(0, +)
        XCTAssertEqual(Int(labels), report.subscribers)
        XCTAssertEqual(try ws.sql.run(ReferenceQueries.trainingSet()).table.row(5), training.table.row(5), "reproducible negatives")
        // Incremental: snapshots 2…3 first, then 1…1, give everyone exactly once.
        try ws.sql.createOrAppend(ReferenceQueries.incrementalTrainingSet(), into: "training",
                                  parameters: ["from_snapshot": .int(2), "to_snapshot": .int(3)])
        let second = try ws.sql.createOrAppend(ReferenceQueries.incrementalTrainingSet(), into: "training",
                                               parameters: ["from_snapshot": .int(1), "to_snapshot": .int(1)])
        guard case .inserted = second.outcome else { return XCTFail("\(second.outcome)") }
        XCTAssertEqual(try ws.catalog.rowCount("training"), training.table.rowCount)
    }
}
