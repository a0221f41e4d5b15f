import XCTest

final class SQLTests: StdlibTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        run("""
            let schema = catalog.schema("people", fields: ["userId": "String", "age": "Int"], identity: "userId")
            catalog.createDataset("people", schema: schema)
            catalog.ingest(table(["userId": ["a", "b", "c"], "age": [30, 40, 50]]), into: "people")
            """)
    }

    func testQueryWithParameters() {
        XCTAssertEqual(text("sql.query(\"SELECT userId FROM people WHERE age > $min ORDER BY age\", params: [\"min\": 35])[\"userId\"]"),
                       "[\"b\", \"c\"]")
        XCTAssertEqual(text("sql.query(\"SELECT corr(age, age) AS r FROM people\")[\"r\"][0]"), "1.0")
    }

    func testSQLMagicShowsBindsAndTakesVariables() {
        run("let minimum = 35")
        let bundle = run("%%sql older\nSELECT userId, age FROM people WHERE age > $minimum ORDER BY age")
        XCTAssertTrue(bundle?["text/html"]?.contains("<table") ?? false)
        XCTAssertEqual(text("older.count"), "2")
        XCTAssertEqual(text("older[0][\"userId\"]"), "\"b\"")
        run("%%sql\nSELECT COUNT(*) AS n FROM people")
    }

    func testSQLMagicWithoutRowsPrintsWhatItDid() {
        XCTAssertNil(run("%%sql\nCREATE TABLE adults AS SELECT * FROM people WHERE age >= 40"))
        XCTAssertTrue(host.output.contains("created dataset `adults` with 2 rows"))
        XCTAssertEqual(text("catalog.dataset(\"adults\").rows"), "2")
    }

    func testSQLErrorsAreLocatedWithTheStatement() {
        let report = failure("%%sql\nSELECT agee FROM people")
        XCTAssertEqual(report?.ename, "SQLError")
        XCTAssertTrue(report?.traceback.joined(separator: "\n").contains("agee") ?? false)
        XCTAssertEqual(failure("%%sql two words\nSELECT 1")?.ename, "UsageError")
        XCTAssertEqual(failure("sql.query(\"SELECT * FROM people WHERE age > $missing\")")?.ename, "SQLError")
        XCTAssertEqual(failure("sql.query(\"SELECT 1\", params: [\"x\": [1]])")?.ename, "TypeError")
    }

    func testAllNullColumnsWarnOnStderr() {
        run("%%sql\nSELECT userId, CASE WHEN age > 100 THEN 1 END AS never FROM people")
        XCTAssertTrue(host.errors.contains("warning: column `never` is null in all 3 rows"))
    }

    func testCreateTableReplacesOnlyWhenAsked() {
        run("sql.createTable(\"young\", as: \"SELECT * FROM people WHERE age < 45\")")
        XCTAssertEqual(failure("sql.createTable(\"young\", as: \"SELECT * FROM people\")")?.ename, "ConflictError")
        XCTAssertEqual(text("sql.createTable(\"young\", as: \"SELECT * FROM people\", replace: true).rows"), "3")
    }

    func testTheTrainingSetQueryRunsOnSimulatedEvents() {
        run("synth.generate(users: 200, seed: 3)")
        run("let training = sql.createTable(\"training_set\", as: sql.trainingSetQuery(source: \"events\", seed: 3))")
        XCTAssertEqual(text("catalog.table(\"training_set\").columns.count"), "19")
        XCTAssertEqual(text("sql.featureColumns.count"), "14")
        XCTAssertEqual(text("sql.query(\"SELECT COUNT(*) = COUNT(DISTINCT userId) AS one FROM training_set\")[\"one\"][0]"), "1")
    }

    func testEventSummariesGiveTheRowsOfTheirQueries() {
        run("synth.generate(users: 200, seed: 3)")
        for (name, query, column) in [("stats", "statsQuery", "distinctEvents"), ("funnel", "funnelQuery", "distinctUsers"),
                                      ("correlations", "correlationsQuery", "pearsonCorrelation")] {
            XCTAssertEqual(text("sql.\(name)(source: \"events\")[\"\(column)\"] == sql.query(sql.\(query)(source: \"events\"))[\"\(column)\"]"),
                           "true", name)
        }
        XCTAssertEqual(text("sql.funnel().count"), "13")
        XCTAssertTrue(text("sql.statsQuery()")?.contains("COUNT(DISTINCT userId)") ?? false)
        XCTAssertEqual(failure("sql.stats(source: \"evnts\")")?.ename, "SQLError")
    }
}
