import Foundation
import Pipeline
import XCTest

/// A result column that is null in every row takes the type its expression implies, so
/// `CREATE TABLE … AS` gives the same schema whether or not the data has a value for it.
final class ExpressionTypesTests: XCTestCase {
    private func workspace() throws -> Workspace {
        let ws = try makeTemporaryWorkspace(self)
        _ = try Simulator(SimulationConfig(users: 30, seed: 4, batchSize: 30)).run(into: ws)
        return ws
    }

    private func fieldTypes(_ ws: Workspace, _ dataset: String) throws -> [String: DataType] {
        let schema = try ws.catalog.schema(named: try ws.catalog.dataset(named: dataset).schema)
        return Dictionary(uniqueKeysWithValues: schema.fields.map { ($0.name, $0.type) })
    }

    func testAllNullExpressionColumnsTakeTheirImpliedType() throws {
        let ws = try workspace()
        let r = try ws.sql.run("""
            WITH f AS (
                SELECT userId,
                       time_between_previous_match(timestamp, eventType = 'nope', 'minutes')
                           OVER (PARTITION BY userId ORDER BY timestamp) AS minutes_since_nope,
                       AVG(CASE WHEN eventType = 'nope' THEN 1 END) OVER (PARTITION BY userId) AS share,
                       CAST(NULL AS REAL) AS real_null,
                       MAX(CASE WHEN eventType = 'nope' THEN 1 ELSE NULL END) OVER (PARTITION BY userId) AS flag,
                       (SUM(CASE WHEN eventType = 'nope' THEN 2 END) OVER (PARTITION BY userId)) * 1.5 AS scaled,
                       CASE WHEN eventType = 'nope' THEN 'x' END AS label,
                       NULL AS missing
                FROM events
            )
            SELECT f.userId, f.minutes_since_nope, share, f.real_null, flag, scaled, label, missing FROM f
            """)
        let types = Dictionary(uniqueKeysWithValues: r.table.columns.map { ($0.name, $0.type) })
        XCTAssertEqual(types["minutes_since_nope"], .int)
        XCTAssertEqual(types["share"], .double)
        XCTAssertEqual(types["real_null"], .double)
        XCTAssertEqual(types["flag"], .int)
        XCTAssertEqual(types["scaled"], .double)
        XCTAssertEqual(types["label"], .string)
        XCTAssertEqual(types["missing"], .string, "nothing implies a type: text, as before")
        XCTAssertEqual(r.warnings.count, 7, "every all-null column is still flagged")
    }

    func testCTASOfTheFeaturizationQueryKeepsNumericRecencyWhenAnEventIsMissing() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Simulator.eventSchema)
        try ws.catalog.ensureDataset("events", schema: Simulator.eventSchema.name)
        let t0: Int64 = 1_790_000_000_000_000
        try ws.catalog.ingest(try Table(names: ["_id", "userId", "eventType", "timestamp"], types: [.string, .string, .string, .timestamp], rows: [
            [.string("a"), .string("u1"), .string("directMarketing.emailSent"), .timestamp(Timestamp(microseconds: t0))],
            [.string("b"), .string("u1"), .string("web.formFilledOut"), .timestamp(Timestamp(microseconds: t0 + 60_000_000))],
        ]), into: "events")
        try ws.sql.run("CREATE TABLE training AS " + ReferenceQueries.trainingSet())
        let types = try fieldTypes(ws, "training")
        for feature in ReferenceQueries.recencyFeatures {
            XCTAssertEqual(types[feature.name], .int, feature.name)
        }
        // The one-pass builder makes the same schema.
        try ws.sql.createTrainingSet("training_fast")
        XCTAssertEqual(try fieldTypes(ws, "training_fast"), types)
    }

    func testAliasesThatAreNotColumnsAreIgnored() throws {
        let ws = try workspace()
        // `AS` in CAST, a table alias and a CTE name must not type the column `x`.
        let r = try ws.sql.run("""
            WITH x AS (SELECT CAST(userId AS INTEGER) AS n FROM events)
            SELECT NULL AS x FROM x AS e LIMIT 1
            """)
        XCTAssertEqual(try r.table.column("x").type, .string)
    }
}
