import XCTest
@testable import Language

final class LexerTests: XCTestCase {
    func lex(_ text: String) -> Lexer { Lexer(Source(text, name: "t")) }
    func kinds(_ text: String) -> [TokenKind] { lex(text).tokens.map(\.kind).dropLast() }

    func testNumbers() {
        XCTAssertEqual(kinds("1_000_000 0x1F 0b101 0o17 2.5 1e3 1.5e-2"),
                       [.integer(1_000_000), .integer(31), .integer(5), .integer(15), .double(2.5), .double(1000), .double(0.015)])
    }

    func testIdentifiersAndLinesKeepEveryScalar() {
        XCTAssertEqual(kinds("café π_2 x"), [.identifier("café"), .identifier("π_2"), .identifier("x")])
        let source = Source("let naïve = \"😀\"\r\nnaïve", name: "t")
        XCTAssertEqual(source.lineText(1), "let naïve = \"😀\"")
        XCTAssertEqual(source.lineText(2), "naïve")
        XCTAssertEqual(source.text(4, 9), "naïve")
        XCTAssertEqual(source.text(-3, 3), "let")
        XCTAssertEqual(source.text(30, 40), "")
    }

    func testRangeIsNotADecimalPoint() {
        XCTAssertEqual(kinds("1..<5"), [.integer(1), .symbol("..<"), .integer(5)])
        XCTAssertEqual(kinds("t.0.1"), [.identifier("t"), .symbol("."), .integer(0), .symbol("."), .integer(1)])
    }

    func testIntegerOverflowIsAnError() {
        let l = lex("99999999999999999999")
        XCTAssertEqual(l.errors.count, 1)
        XCTAssertTrue(l.errors[0].message.contains("overflows Int"))
    }

    func testStringEscapesAndInterpolation() {
        XCTAssertEqual(kinds(#""a\n\t\"\\\u{41}""#), [.string([.text("a\n\t\"\\A")])])
        guard case .string(let parts) = kinds(#""x = \(a + (b)) !""#)[0] else { return XCTFail() }
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(parts[0], .text("x = "))
        XCTAssertEqual(parts[2], .text(" !"))
    }

    func testMultilineStringStripsClosingIndentation() {
        let code = "let s = \"\"\"\n    one\n      two\n    \"\"\""
        guard case .string(let parts) = kinds(code)[3] else { return XCTFail() }
        XCTAssertEqual(parts, [.text("one\n  two")])
    }

    func testUnterminatedStringsAndComments() {
        XCTAssertEqual(lex("\"abc").errors.map(\.message), ["unterminated string literal"])
        XCTAssertTrue(lex("\"\"\"\nabc").errors[0].unterminated)
        XCTAssertTrue(lex("/* open").errors[0].unterminated)
        XCTAssertFalse(lex("\"abc").errors[0].unterminated)
    }

    func testBadCharactersAreReportedAndSkipped() {
        let l = lex("let a = 1 ` b")
        XCTAssertEqual(l.errors.count, 1)
        XCTAssertEqual(l.tokens.count, 6)
    }

    func testDocCommentsAttachToNextToken() {
        let l = lex("/// Adds.\n/// Twice.\nfunc f() {}")
        XCTAssertEqual(l.tokens[0].doc, "Adds.\nTwice.")
        XCTAssertNil(lex("/// Lost.\n\nfunc f() {}").tokens[0].doc)
    }

    func testNewlinesAndSpacesAreRecorded() {
        let l = lex("a\n b!c")
        XCTAssertTrue(l.tokens[1].newlineBefore)
        XCTAssertFalse(l.tokens[2].spaceBefore)
    }

    func testMagicOnlyAtLineStart() {
        XCTAssertEqual(kinds("%time x")[0], .magic(name: "time", argument: "x", argumentStart: 6))
        XCTAssertEqual(kinds("a % b"), [.identifier("a"), .symbol("%"), .identifier("b")])
    }

    func testOptionalChainingToken() {
        XCTAssertEqual(kinds("a?.b"), [.identifier("a"), .symbol("?."), .identifier("b")])
        XCTAssertEqual(kinds("a ? b : c")[1], .symbol("?"))
    }
}
