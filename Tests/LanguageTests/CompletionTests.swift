import XCTest
@testable import Language

final class CompletionTests: XCTestCase {
    func testNamesKeywordsAndBuiltins() {
        let s = Session()
        run("let profiles = [1]\nfunc profit() {}", session: s)
        let r = s.complete("pro", cursor: 3)
        XCTAssertEqual(r.matches, ["profiles", "profit"])
        XCTAssertEqual(r.start, 0)
        XCTAssertEqual(r.end, 3)
        XCTAssertTrue(s.complete("pri", cursor: 3).matches.contains("print"))
        XCTAssertTrue(s.complete("gu", cursor: 2).matches.contains("guard"))
        XCTAssertTrue(s.complete("let local = 1\nloc", cursor: 17).matches.contains("local"), "names declared in the cell itself")
    }

    func testMembersAfterDot() {
        let s = Session()
        run("let words = [\"a\"]\nlet d = [\"k\": 1]", session: s)
        XCTAssertEqual(s.complete("words.app", cursor: 9).matches, ["append"])
        XCTAssertTrue(s.complete("words.", cursor: 6).matches.contains("count"))
        XCTAssertTrue(s.complete("\"abc\".upp", cursor: 9).matches.contains("uppercased"))
        XCTAssertEqual(s.complete("d.ke", cursor: 4).matches, ["keys"])
        let r = s.complete("x = words.so", cursor: 12)
        XCTAssertEqual(r.start, 10)
        XCTAssertEqual(r.matches, ["sort", "sorted"])
        XCTAssertEqual(s.complete("unknown.fo", cursor: 10).matches, [])
    }

    func testDictionaryKeysAfterBracketQuote() {
        let s = Session()
        run("let scores = [\"alice\": 1, \"albert\": 2, \"bob\": 3]", session: s)
        let r = s.complete("scores[\"al", cursor: 10)
        XCTAssertEqual(r.matches, ["alice", "albert"])
        XCTAssertEqual(r.start, 8)
    }

    func testArgumentLabelsInsideACall() {
        let s = Session()
        run("func scale(_ x: Int, by k: Double = 1.0, offset: Int = 0) -> Double { 0 }", session: s)
        let r = s.complete("scale(1, ", cursor: 9)
        XCTAssertEqual(Array(r.matches.prefix(2)), ["by:", "offset:"])
        XCTAssertTrue(s.complete("print(1, sep", cursor: 12).matches.contains("separator:"))
    }

    func testUnicodeScalarOffsets() {
        let s = Session()
        run("let café = 1", session: s)
        XCTAssertTrue(s.complete("let é = 0; ca", cursor: 13).matches.contains("café"))
        XCTAssertEqual(s.complete("let é = 0; ca", cursor: 13).start, 11)
    }

    func testInspection() {
        let s = Session()
        run("/// Adds one.\nfunc inc(_ x: Int) -> Int { x + 1 }", session: s)
        XCTAssertEqual(s.inspect("inc(3)", cursor: 1)?["text/plain"], "inc(_ x: Int) -> Int\n\nAdds one.")
        XCTAssertEqual(s.inspect("inc(3)", cursor: 5)?["text/plain"], "inc(_ x: Int) -> Int\n\nAdds one.", "inside the call's parentheses")
        XCTAssertTrue(s.inspect("print", cursor: 2)?["text/plain"]?.contains("standard output") ?? false)
        XCTAssertTrue(s.inspect("[1].append", cursor: 7)?["text/plain"]?.contains("append(_ newElement: Any)") ?? false)
        XCTAssertTrue(s.inspect("inc", cursor: 1, detailLevel: 1)?["text/plain"]?.contains("x + 1") ?? false)
        XCTAssertNotNil(s.inspect("guard", cursor: 2))
        XCTAssertNil(s.inspect("zzz", cursor: 1))
    }

    func testIsComplete() {
        let s = Session()
        XCTAssertEqual(s.isComplete("let x = 1"), .complete)
        XCTAssertEqual(s.isComplete("func f() {"), .incomplete(indent: "    "))
        XCTAssertEqual(s.isComplete("let a = [1,\n  [2,"), .incomplete(indent: "        "))
        XCTAssertEqual(s.isComplete("let s = \"\"\"\nabc"), .incomplete(indent: ""))
        XCTAssertEqual(s.isComplete("let y = 1 +"), .incomplete(indent: ""))
        XCTAssertEqual(s.isComplete("if x"), .incomplete(indent: ""))
        XCTAssertEqual(s.isComplete("let x = )"), .invalid)
        XCTAssertEqual(s.isComplete("let = 1"), .invalid)
        XCTAssertEqual(s.isComplete("%%sql\nselect 1"), .complete)
        XCTAssertEqual(s.isComplete("x!"), .complete)
    }
}
