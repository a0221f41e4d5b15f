import JSON
import Notebook
import Runner
import XCTest

/// The standalone HTML page: highlighted inputs, rich outputs inline, errors plain, nothing external.
final class HTMLPageTests: XCTestCase {
    func testPageRendersEveryKindOfCellAndOutputInline() {
        var code = Cell.code("let users = 5000 // how many\nprint(\"<hi>\")", id: "c1")
        code.executionCount = 1
        code.outputs = [
            .stream(name: "stdout", text: "<hi>\n"),
            .executeResult(executionCount: 1, data: ["text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "table"], metadata: [:]),
            .displayData(data: ["image/svg+xml": "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>", "text/plain": "chart"], metadata: [:]),
            .displayData(data: ["image/png": "iVBORw0KGgo=\n"], metadata: [:]),
            .error(ename: "E", evalue: "v", traceback: ["\u{1B}[31mE\u{1B}[0m: v"]),
        ]
        let notebook = Notebook(
            metadata: ["kernelspec": ["name": "propel", "display_name": "Propel"], "language_info": ["name": "propel"]],
            cells: [.markdown("# Step 1\n\nSome **bold** text & more.", id: "m1"), code])
        let html = HTMLPage.render(notebook, title: "01-synthetic-data")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<h1>Step 1</h1>"), html)
        XCTAssertTrue(html.contains("<strong>bold</strong>"))
        XCTAssertTrue(html.contains("<span class=\"kw\">let</span> users = <span class=\"num\">5000</span> <span class=\"com\">// how many</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"str\">&quot;&lt;hi&gt;&quot;</span>"), html)
        XCTAssertTrue(html.contains("<pre class=\"stream stdout\">&lt;hi&gt;\n</pre>"))
        XCTAssertTrue(html.contains("<table><tr><td>1</td></tr></table>"))
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"))
        XCTAssertTrue(html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
        XCTAssertTrue(html.contains("<pre class=\"error\">E: v</pre>"))
        XCTAssertFalse(html.contains("<script"), "no scripts")
        XCTAssertFalse(html.contains("<link"), "no external stylesheets")
        XCTAssertFalse(html.contains("\u{1B}"))
    }

    func testFailedCellIsMarkedAndStatusShown() {
        let notebook = Notebook(cells: [.code("1/0", id: "bad")])
        let failure = CellFailure(kind: .error, cellIndex: 0, cellID: "bad", executionCount: 1, source: "1/0", ename: "ZeroDivisionError", evalue: "x", traceback: [])
        let html = HTMLPage.render(notebook, title: "t", result: NotebookResult(input: "t.ipynb", status: .cellError, failure: failure))
        XCTAssertTrue(html.contains("class=\"cell code failed\" id=\"cell-bad\""))
        XCTAssertTrue(html.contains("<p class=\"status failed\">FAILED t.ipynb cell 1"))
    }

    func testPythonHighlighting() {
        let html = Highlighter(.python).html("def f(x):  # doc\n    return 'a' if x else None")
        XCTAssertEqual(html, "<span class=\"kw\">def</span> f(x):  <span class=\"com\"># doc</span>\n    <span class=\"kw\">return</span> <span class=\"str\">'a'</span> <span class=\"kw\">if</span> x <span class=\"kw\">else</span> <span class=\"kw\">None</span>")
    }
}
