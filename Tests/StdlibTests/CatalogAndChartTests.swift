import XCTest

final class CatalogAndChartTests: StdlibTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        run("""
            let schema = catalog.schema("people", fields: ["userId": "String", "age": "Int"], identity: "userId")
            let people = catalog.createDataset("people", schema: schema, profile: true)
            """)
    }

    func testCreateDatasetIsGetOrCreate() {
        run("catalog.createDataset(\"people\", schema: schema, profile: true)")
        XCTAssertEqual(text("catalog.datasets().count"), "1")
        XCTAssertEqual(text("catalog.dataset(\"people\").profile"), "true")
        XCTAssertEqual(text("catalog.schemas()[\"schema\"]"), "[\"people\"]")
    }

    func testIngestAppendsOrReplacesAndRecordsBatchesAndSnapshots() {
        run("catalog.ingest(table([\"userId\": [\"a\", \"b\"], \"age\": [1, 2]]), into: \"people\")")
        let batch = run("catalog.ingest(table([\"userId\": [\"c\"], \"age\": [3]]), into: \"people\")")
        XCTAssertTrue(batch?["text/html"]?.contains("success") ?? false)
        XCTAssertEqual(text("catalog.dataset(\"people\").rows"), "3")
        run("catalog.ingest(table([\"userId\": [\"z\"], \"age\": [9]]), into: \"people\", replace: true)")
        XCTAssertEqual(text("catalog.table(\"people\")[\"userId\"]"), "[\"z\"]")
        XCTAssertEqual(text("catalog.batches(\"people\").count"), "3")
        XCTAssertEqual(text("catalog.snapshots(\"people\").count"), "3")
    }

    func testARejectedBatchNamesTheFieldAndLeavesNoRows() {
        let report = failure("catalog.ingest(table([\"userId\": [\"a\", nil], \"age\": [1, 2]]), into: \"people\")")
        XCTAssertEqual(report?.ename, "SchemaError")
        XCTAssertTrue(report?.evalue.contains("userId") ?? false)
        XCTAssertEqual(text("catalog.dataset(\"people\").rows"), "0")
        XCTAssertEqual(text("catalog.batches(\"people\")[\"status\"]"), "[\"failed\"]")
    }

    func testUnknownDatasetsSuggestTheClosestName() {
        let report = failure("catalog.dataset(\"peple\")")
        XCTAssertEqual(report?.ename, "UnknownDatasetError")
        XCTAssertTrue(report?.traceback.joined(separator: "\n").contains("did you mean `people`?") ?? false)
    }

    func testSchemasRejectUnknownTypesAndMissingIdentity() {
        XCTAssertEqual(failure("catalog.schema(\"s\", fields: [\"a\": \"Float64\"])")?.ename, "ValueError")
        XCTAssertEqual(failure("catalog.schema(\"s\", fields: [\"a\": \"Int\"], identity: \"b\")")?.ename, "ValueError")
        XCTAssertEqual(failure("catalog.schema(\"s\", fields: [\"a\": \"Int\"], kind: \"document\")")?.ename, "ValueError")
    }

    func testConflictingRedefinitionIsAConflictError() {
        let other = "catalog.schema(\"people\", fields: [\"userId\": \"String\"], identity: \"userId\")"
        XCTAssertEqual(failure("catalog.createDataset(\"people\", schema: \(other))")?.ename, "ConflictError")
    }

    func testChartsDisplayAsSVG() throws {
        run("let t = table([\"kind\": [\"a\", \"b\"], \"n\": [3, 5], \"m\": [1.0, 2.0]])")
        for call in ["chart.bar(t, x: \"kind\", y: \"n\", horizontal: true, title: \"Bars\")",
                     "chart.funnel(t, stage: \"kind\", value: \"n\")",
                     "chart.histogram(t, column: \"m\", bins: 5)",
                     "chart.heatmap(t, x: \"kind\", y: \"kind\", value: \"n\")",
                     "chart.line(t, x: \"m\", y: [\"n\"], xLabel: \"m\", yLabel: \"n\")",
                     "chart.scatter(t, x: \"m\", y: \"n\", color: \"kind\")"] {
            let bundle = run(call)
            XCTAssertTrue(bundle?["image/svg+xml"]?.hasPrefix("<svg") ?? false, call)
        }
        let path = folder.appendingPathComponent("bars.svg").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        run("chart.bar(t, x: \"kind\", y: \"n\").save(\"\(path)\")")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    }

    func testChartErrorsNameTheColumn() {
        run("let t = table([\"kind\": [\"a\"], \"n\": [3]])")
        XCTAssertEqual(failure("chart.bar(t, x: \"kind\", y: \"count\")")?.ename, "UnknownColumnError")
        XCTAssertEqual(failure("chart.line(t, x: \"n\", y: [1])")?.ename, "TypeError")
    }
}
