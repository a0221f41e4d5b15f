@testable import Pipeline
import XCTest

/// People and event types are told apart by their bytes, as SQL's BINARY collation does, and keep
/// the number they were first given however large the table grows.
final class TextInternerTests: XCTestCase {
    func testNumbersTextsByFirstSightAndKeepsCanonicalEquivalentsApart() {
        var interner = TextInterner()
        XCTAssertEqual(interner.index(of: "caf\u{e9}"), 0)
        XCTAssertEqual(interner.index(of: "cafe\u{301}"), 1, "equal as Swift strings, different bytes")
        XCTAssertEqual(interner.index(of: ""), 2, "the empty text is a value")
        XCTAssertEqual(interner.index(of: "caf\u{e9}"), 0)
        XCTAssertEqual(interner.index(of: ""), 2)
        // Past many growths, every text keeps its number.
        let many = (0..<5_000).map { "73499088146516665287214226267237\($0)" }
        let numbers = many.map { interner.index(of: $0) }
        XCTAssertEqual(numbers, (3..<5_003).map(Int32.init))
        XCTAssertEqual(many.map { interner.index(of: $0) }, numbers)
        XCTAssertEqual(interner.count, 5_003)
        XCTAssertEqual(interner.names[1], "cafe\u{301}")
        XCTAssertEqual(interner.names.last, many.last)
    }
}
