import Notebook
import XCTest

/// `Lines.split` must agree with Python's `str.splitlines(True)`, which nbformat's writer uses.
final class LinesTests: XCTestCase {
    func testSplitsLikePythonSplitlinesKeepEnds() {
        // Expected values printed by Python 3.11: repr(s.splitlines(True)).
        XCTAssertEqual(Lines.split(""), [])
        XCTAssertEqual(Lines.split("a"), ["a"])
        XCTAssertEqual(Lines.split("a\n"), ["a\n"])
        XCTAssertEqual(Lines.split("a\n\nb"), ["a\n", "\n", "b"])
        XCTAssertEqual(Lines.split("z\n\rprogress 1"), ["z\n", "\r", "progress 1"])
        XCTAssertEqual(Lines.split("a\r\nb\rc"), ["a\r\n", "b\r", "c"])
        XCTAssertEqual(Lines.split("a\u{0B}b\u{0C}c\u{1C}d\u{1D}e\u{1E}f\u{85}g\u{2028}h\u{2029}i"),
                       ["a\u{0B}", "b\u{0C}", "c\u{1C}", "d\u{1D}", "e\u{1E}", "f\u{85}", "g\u{2028}", "h\u{2029}", "i"])
        XCTAssertEqual(Lines.split("é🚀\ttab\u{1F}"), ["é🚀\ttab\u{1F}"])
    }
}
