import XCTest

final class GlobalsTests: StdlibTestCase {
    func testCheckPassesSilentlyAndFailsLoudlyWithItsMessage() {
        run("check(1 + 1 == 2, \"arithmetic\")")
        let report = failure("let rate = 0.5\ncheck(rate < 0.3, \"conversion \\(rate) is outside 5–30 %\")")
        XCTAssertEqual(report?.ename, "CheckError")
        XCTAssertEqual(report?.evalue, "conversion 0.5 is outside 5–30 %")
        XCTAssertTrue(report?.traceback.joined().contains("check(rate < 0.3") ?? false, "the error points at the check")
    }

    func testCheckRejectsANonBooleanCondition() {
        XCTAssertEqual(failure("check(1, \"x\")")?.ename, "TypeError")
    }

    func testFormatAndPercent() {
        XCTAssertEqual(text("format(1234567.891)"), "\"1,234,567.89\"")
        XCTAssertEqual(text("format(-0.004, digits: 2)"), "\"0.00\"")
        XCTAssertEqual(text("format(-1500, digits: 0)"), "\"-1,500\"")
        XCTAssertEqual(text("percent(0.1484)"), "\"14.8 %\"")
        XCTAssertEqual(text("percent(1, digits: 0)"), "\"100 %\"")
    }

    func testTableFromColumnsInfersTypesAndKeepsOrder() {
        run("let t = table([\"name\": [\"a\", \"b\", nil], \"n\": [1, 2, 3], \"x\": [1, 2.5, nil]])")
        XCTAssertEqual(text("t.columns"), "[\"name\", \"n\", \"x\"]")
        XCTAssertEqual(text("t.types"), "[\"name\": \"String\", \"n\": \"Int\", \"x\": \"Double\"]")
        XCTAssertEqual(text("t.count"), "3")
        XCTAssertEqual(text("t[\"x\"]"), "[1.0, 2.5, nil]")
    }

    func testTableFromColumnsRejectsRaggedAndMixedColumns() {
        XCTAssertEqual(failure("table([\"a\": [1, 2], \"b\": [1]])")?.evalue, "column `b` has 1 values, but `a` has 2")
        let mixed = failure("table([\"a\": [1, \"two\"]])")
        XCTAssertEqual(mixed?.ename, "TypeMismatchError")
        XCTAssertTrue(mixed?.evalue.contains("row 2") ?? false)
        XCTAssertEqual(failure("table([\"a\": [[1]]])")?.ename, "TypeError")
    }

    func testOpenCreatesTheWorkspaceAndShowsItsDatasets() throws {
        let path = folder.appendingPathComponent("ws").path
        let bundle = run("let ws = open(workspace: \"\(path)\")\nws")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + "/platform.db"))
        XCTAssertTrue(bundle?["text/plain"]?.contains("0 datasets") ?? false)
        XCTAssertNotNil(bundle?["text/html"])
        XCTAssertEqual(text("ws.path"), "\"\(path)\"")
    }

    func testOpeningAnUnwritableFolderIsAnIOError() {
        let report = failure("open(workspace: \"/proc/propel-cannot-be-here\")")
        XCTAssertEqual(report?.ename, "IOError")
    }
}
