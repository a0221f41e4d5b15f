import Pipeline
import XCTest

final class TableRenderingTests: XCTestCase {
    func testHTMLEscapesMarksNullsAlignsNumbersAndElides() throws {
        let t = try Table([
            Column("n", ints: Array(0..<50)),
            Column("label", strings: (0..<50).map { $0 == 0 ? "<b>&\"" : "row \($0)" }, nulls: (0..<50).map { $0 == 1 }),
        ])
        let html = t.html(maxRows: 10)
        XCTAssertTrue(html.contains("50 rows × 2 columns"))
        XCTAssertTrue(html.contains("&lt;b&gt;&amp;&quot;"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertTrue(html.contains("font-style:italic\">null</span>"))
        XCTAssertTrue(html.contains("text-align:right;\">49</td>"))
        XCTAssertTrue(html.contains("… 40 more rows …"))
        XCTAssertFalse(html.contains("row 5<"), "middle rows are elided")
        XCTAssertTrue(html.contains(">Int</span>"))
        XCTAssertFalse(html.contains("<style"))
    }

    func testTextIsAligned() throws {
        let t = try Table(names: ["id", "score", "name"], rows: [
            [.int(1), .double(0.5), .string("a")], [.int(1000), .null, .string("longer")],
        ])
        XCTAssertEqual(t.text(), """
        2 rows × 3 columns
             id   score  name
            Int  Double  String
        0     1     0.5  a
        1  1000    null  longer
        """)
        XCTAssertTrue(try Table([Column("x", ints: Array(0..<30))]).text(maxRows: 4).contains("…"))
    }

    func testNumberFormatting() {
        XCTAssertEqual(CellFormat.number(0.123456789), "0.123457")
        XCTAssertEqual(CellFormat.number(12), "12.0")
        XCTAssertEqual(CellFormat.number(1234567.25), "1234567.2")
        XCTAssertEqual(CellFormat.number(0.00001234), "1.234e-05")
        XCTAssertEqual(CellFormat.number(-2.5), "-2.5")
        XCTAssertEqual(CellFormat.number(.nan), "NaN")
        XCTAssertEqual(CellFormat.grouped(1234567), "1,234,567")
    }
}
