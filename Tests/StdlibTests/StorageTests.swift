import XCTest

final class StorageTests: StdlibTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        run("""
            let schema = catalog.schema("scores", fields: ["userId": "String", "propensity": "Double"], identity: "userId")
            catalog.createDataset("scores", schema: schema)
            catalog.ingest(table(["userId": ["a", "b"], "propensity": [0.25, nil]]), into: "scores")
            """)
    }

    func testExportReadBackAndLatest() {
        for format in ["parquet", "csv", "json"] {
            run("let e = storage.export(\"scores\", format: \"\(format)\")\nlet back = storage.read(e.path)")
            XCTAssertEqual(text("back[\"propensity\"]"), "[0.25, nil]", format)
            XCTAssertEqual(text("storage.latestExport(\"scores\").path == e.path"), "true")
        }
        XCTAssertEqual(text("catalog.exports().count"), "3")
        XCTAssertTrue(text("storage.tree(\"egress\")")?.contains("part-00000.json") ?? false)
    }

    func testWriteThenImportWithAMapping() {
        run("""
            let other = catalog.schema("propensity", fields: ["id": "String", "p": "Double"], identity: "id")
            catalog.createDataset("enriched", schema: other)
            let file = storage.write(catalog.table("scores"), to: "ingress/enriched", format: "csv")
            let imported = storage.import(file.path, into: "enriched", mapping: ["userId": "id", "propensity": "p"])
            """)
        XCTAssertEqual(text("imported.rows"), "2")
        XCTAssertEqual(text("catalog.table(\"enriched\")[\"p\"]"), "[0.25, nil]")
        run("storage.import(file.path, into: \"enriched\", mapping: [\"userId\": \"id\", \"propensity\": \"p\"], replace: true)")
        XCTAssertEqual(text("catalog.dataset(\"enriched\").rows"), "2")
        XCTAssertEqual(text("catalog.imports().count"), "2")
    }

    func testUnhappyPaths() {
        XCTAssertEqual(failure("storage.export(\"scores\", format: \"xlsx\")")?.ename, "ArgumentError")
        XCTAssertEqual(failure("storage.export(\"scores\", compression: \"zstd\")")?.ename, "ValueError")
        XCTAssertEqual(failure("storage.latestExport(\"scores\")")?.ename, "UnknownDatasetError")
        XCTAssertEqual(failure("storage.read(\"nowhere/part-00000.csv\")")?.ename, "IOError")
        XCTAssertEqual(failure("storage.write(catalog.table(\"scores\"), to: \"../outside\")")?.ename, "ArgumentError")
        run("let file = storage.write(catalog.table(\"scores\"), to: \"ingress/x\")")
        let bad = failure("storage.import(file.path, into: \"scores\", mapping: [\"userId\": \"userid\"])")
        XCTAssertEqual(bad?.ename, "SchemaError")
        XCTAssertTrue(bad?.traceback.joined(separator: "\n").contains("did you mean `userId`?") ?? false)
        XCTAssertEqual(failure("storage.tree(\"missing\")")?.ename, "IOError")
    }
}
