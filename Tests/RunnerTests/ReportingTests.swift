import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JSON
import Notebook
import Runner
import XCTest

/// Exit codes, the stderr error report, summary lines, and the Markdown / JUnit reports.
final class ReportingTests: XCTestCase {
    let failure = CellFailure(
        kind: .error, cellIndex: 1, cellID: "d8b2b974", executionCount: 2, source: "print('out')\n1/0",
        ename: "ZeroDivisionError", evalue: "division by zero",
        traceback: ["\u{1B}[0;31m---------\u{1B}[0m", "\u{1B}[0;31mZeroDivisionError\u{1B}[0m: division by zero"],
        stdout: "out\n", stderr: "")

    func testExitCodesAreDistinctAndOverallPicksTheFirstFailure() {
        let statuses: [RunStatus] = [.ok, .cellError, .usage, .timeout, .kernelDied, .kernelStartFailed, .cancelled(signal: 2)]
        XCTAssertEqual(statuses.map(\.exitCode), [0, 1, 2, 3, 4, 5, 130])
        XCTAssertEqual(RunStatus.overall([.ok, .ok]), .ok)
        XCTAssertEqual(RunStatus.overall([.ok, .timeout, .cellError]), .timeout)
        XCTAssertEqual(RunStatus.overall([.cellError, .cancelled(signal: 15)]).exitCode, 143)
        XCTAssertEqual(RunStatus.overall([]), .ok)
    }

    func testSummaryLines() {
        let failed = NotebookResult(input: "nb.ipynb", output: "out/nb.ipynb", status: .cellError, failure: failure, seconds: 0.98)
        XCTAssertEqual(failed.summaryLine,
                       "FAILED nb.ipynb cell 2 (id d8b2b974, In [2]): ZeroDivisionError: division by zero (0.98 s) → out/nb.ipynb")
        let ok = NotebookResult(input: "a.ipynb", output: "out/a.ipynb", status: .ok, executedCells: 7, plannedCells: 7, seconds: 0.4)
        XCTAssertEqual(ok.summaryLine, "OK a.ipynb: 7 cells (0.40 s) → out/a.ipynb")
        var timeout = failure
        timeout.kind = .timeout(seconds: 2, total: false)
        XCTAssertEqual(NotebookResult(input: "t.ipynb", status: .timeout, failure: timeout, seconds: 2.1).summaryLine,
                       "TIMEOUT t.ipynb cell 2 (id d8b2b974, In [2]): cell ran past --timeout 2 s (2.10 s)")
        XCTAssertEqual(NotebookResult(input: "k.ipynb", status: .kernelStartFailed, message: "no kernel named 'nope'").summaryLine,
                       "KERNEL FAILED k.ipynb: no kernel named 'nope' (0.00 s)")
    }

    func testErrorReportNamesTheCellShowsSourceOutputAndPlainTraceback() {
        let result = NotebookResult(input: "nb.ipynb", status: .cellError, failure: failure)
        let text = ErrorReport.text(for: result, color: false)
        XCTAssertTrue(text.hasPrefix("error: nb.ipynb, cell 2 (id d8b2b974, In [2]): ZeroDivisionError: division by zero\n"), text)
        XCTAssertTrue(text.contains("1 | print('out')\n2 | 1/0\n"), text)
        XCTAssertTrue(text.contains("----- stdout -----\nout\n"), text)
        XCTAssertTrue(text.contains("ZeroDivisionError: division by zero\n"), text)
        XCTAssertFalse(text.contains("\u{1B}"), "no ANSI codes off a terminal")
        XCTAssertTrue(ErrorReport.text(for: result, color: true).contains("\u{1B}[0;31m"), "colours kept on a terminal")
    }

    func testParallelNotebooksShareOneBarLineCutToTheTerminalWidth() {
        var written: [String] = []
        let console = Console(mode: .bar, color: true, width: 80, out: { _ in }, err: { written.append($0) })
        let first = ProgressPrinter(console: console, name: "01.ipynb", key: "a/01.ipynb", logOutput: false)
        let second = ProgressPrinter(console: console, name: "02.ipynb", key: "b/02.ipynb", logOutput: false)
        first.cellStarted(index: 0, position: 1, of: 2)
        second.cellStarted(index: 3, position: 1, of: 4)
        XCTAssertTrue(written.last!.hasPrefix("\r\u{1B}[2K01.ipynb "), written.last!)
        XCTAssertTrue(written.last!.contains("│  02.ipynb"), "both bars on one line")
        XCTAssertEqual(written.last!.dropFirst(5).count, 79, "cut to the width, ending in …")
        first.cellFinished(index: 1, position: 2, of: 2, seconds: 0.1, failure: nil)
        XCTAssertEqual(written.last!, "\r\u{1B}[2K02.ipynb ░░░░░░░░░░░░░░░░░░░░░░░░ 0/4 running cell 4", "a finished notebook's bar goes")
        console.error("OK 01.ipynb")
        XCTAssertEqual(Array(written.suffix(3)), ["\r\u{1B}[2K", "OK 01.ipynb\n", "\r\u{1B}[2K02.ipynb ░░░░░░░░░░░░░░░░░░░░░░░░ 0/4 running cell 4"],
                       "messages go above the bar, which is drawn again")
    }

    func testANSIStrippingAndCarriageReturnFolding() {
        XCTAssertEqual(ANSI.strip("\u{1B}[1;31mred\u{1B}[0m \u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{07}"), "red link")
        XCTAssertEqual(ANSI.strip("plain"), "plain")
        let report = ErrorReport.text(for: NotebookResult(input: "p.ipynb", status: .cellError, failure: CellFailure(
            kind: .error, cellIndex: 0, cellID: "a", executionCount: 1, source: "x", ename: "E", evalue: "v", traceback: [],
            stdout: "progress 10%\rprogress 50%\rprogress 100%\ndone\n")), color: false)
        XCTAssertTrue(report.contains("----- stdout -----\nprogress 100%\ndone\n"), report)
    }

    func testMarkdownReport() {
        let results = [
            NotebookResult(input: "a.ipynb", output: "out/a.ipynb", status: .ok, executedCells: 3, plannedCells: 3, seconds: 0.5),
            NotebookResult(input: "b|c.ipynb", output: "out/b|c.ipynb", status: .cellError, failure: failure, executedCells: 2, plannedCells: 3, seconds: 1),
        ]
        let md = SummaryReport.render(results, format: .markdown)
        XCTAssertTrue(md.contains("1 of 2 notebooks failed."), md)
        XCTAssertTrue(md.contains("| `a.ipynb` | ✅ OK | 3/3 | 0.50 s | `out/a.ipynb` |"), md)
        XCTAssertTrue(md.contains("| `b\\|c.ipynb` | ❌ FAILED | 2/3 |"), md)
        XCTAssertTrue(md.contains("**FAILED** in cell 2 (id d8b2b974, In [2]): ZeroDivisionError: division by zero"), md)
        XCTAssertFalse(md.contains("\u{1B}"))
    }

    func testJUnitReportIsWellFormedXML() throws {
        let results = [
            NotebookResult(input: "nb/a.ipynb", status: .ok, seconds: 0.5),
            NotebookResult(input: "nb/b.ipynb", status: .cellError, failure: failure, seconds: 1),
            NotebookResult(input: "nb/<c>.ipynb", status: .kernelDied, seconds: 1, message: "the kernel died"),
        ]
        let xml = SummaryReport.render(results, format: .junit)
        let document = try XMLDocument(xmlString: xml)
        let suite = try XCTUnwrap(document.rootElement()?.elements(forName: "testsuite").first)
        XCTAssertEqual(suite.attribute(forName: "tests")?.stringValue, "3")
        XCTAssertEqual(suite.attribute(forName: "failures")?.stringValue, "1")
        XCTAssertEqual(suite.attribute(forName: "errors")?.stringValue, "1")
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.map { $0.attribute(forName: "name")?.stringValue }, ["a", "b", "<c>"])
        let failureElement = try XCTUnwrap(cases[1].elements(forName: "failure").first)
        XCTAssertEqual(failureElement.attribute(forName: "type")?.stringValue, "ZeroDivisionError")
        XCTAssertTrue(failureElement.stringValue?.contains("1/0") == true)
        XCTAssertEqual(cases[2].elements(forName: "error").count, 1)
        XCTAssertEqual(SummaryReport.Format(path: "r.xml"), .junit)
        XCTAssertEqual(SummaryReport.Format(path: "r.MD"), .markdown)
        XCTAssertNil(SummaryReport.Format(path: "r.txt"))
    }
}

/// Timestamps in `metadata.execution` and `metadata.papermill` are Jupyter's ISO form.
final class TimestampFormatTests: XCTestCase {
    func testPapermillMetadataTimesAreISOWithMicroseconds() {
        var notebook = Notebook(cells: [.code("ok:", id: "a")])
        _ = NotebookExecutor(options: .init()).run(&notebook, on: FakeKernel())
        let start = notebook.metadata["papermill"]?["start_time"]?.stringValue ?? ""
        XCTAssertNotNil(start.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"#, options: .regularExpression), start)
    }
}
