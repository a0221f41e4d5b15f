import XCTest
@testable import Language

final class ParserTests: XCTestCase {
    func parse(_ text: String) -> (statements: [Stmt], errors: [LocatedDiagnostic]) {
        var p = Parser(source: Source(text, name: "t"))
        let s = p.parseProgram()
        return (s, p.errors)
    }

    func testPrecedenceFollowsSwift() {
        XCTAssertEqual(run("1 + 2 * 3 - 4 / 2"), "5")
        XCTAssertEqual(run("true || false && false"), "true")
        XCTAssertEqual(run("let x: Int? = nil\nx ?? 1 + 2"), "3")
        XCTAssertEqual(run("1 < 2 ? \"a\" : \"b\""), "\"a\"")
        XCTAssertEqual(run("-2 * 3"), "-6")
        XCTAssertEqual(run("!(1 > 2)"), "true")
    }

    func testReportsEveryIndependentSyntaxError() {
        let (_, errors) = parse("let = 1\nlet b = 2\nvar c = )\nprint(b")
        XCTAssertEqual(errors.count, 3, errors.map(\.message).joined(separator: "; "))
        XCTAssertEqual(errors.map { $0.range!.location.line }, [1, 3, 4])
    }

    func testErrorsInsideBlocksRecover() {
        let (_, errors) = parse("func f() {\n  let = 1\n  return 2 +\n}\nlet ok = 1\nlet = 3")
        XCTAssertEqual(errors.count, 3, errors.map(\.message).joined(separator: "; "))
    }

    func testMissingBraceIsLocatedAtTheOpeningBrace() {
        let (_, errors) = parse("if true {\n  print(1)\n")
        XCTAssertEqual(errors.first?.message, "missing `}` to close this `{`")
        XCTAssertEqual(errors.first?.range?.location.line, 1)
    }

    func testConsecutiveStatementsNeedSemicolon() {
        XCTAssertEqual(parse("let a = 1 let b = 2").errors.first?.message, "consecutive statements on a line must be separated by `;`")
        XCTAssertTrue(parse("let a = 1; let b = 2").errors.isEmpty)
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        XCTAssertTrue(parse(deep).errors.contains { $0.message.contains("nested too deeply") })
        let blocks = String(repeating: "if true {", count: 3000)
        XCTAssertFalse(parse(blocks).errors.isEmpty)
    }

    func testComparisonsDoNotChain() {
        XCTAssertTrue(parse("1 < 2 < 3").errors.first?.message.contains("cannot be chained") ?? false)
    }

    func testClosureForms() {
        XCTAssertEqual(run("[1, 2].map { x in x + 1 }"), "[2, 3]")
        XCTAssertEqual(run("[1, 2].map({ (x: Int) -> Int in x * 10 })"), "[10, 20]")
        XCTAssertEqual(run("[3, 1, 2].sorted { $0 > $1 }"), "[3, 2, 1]")
        XCTAssertEqual(run("[1, 2, 3].reduce(0) { acc, x in acc + x }"), "6")
    }

    func testTypedEmptyCollectionsAndTypes() {
        XCTAssertEqual(run("[Int]()"), "[]")
        XCTAssertEqual(run("[String: Int]()"), "[:]")
        XCTAssertEqual(run("let a: [Int] = [1]\nlet d: [String: [Double]] = [\"a\": [1]]\nd"), "[\"a\": [1.0]]")
    }

    func testTrailingClosureNotTakenInConditions() {
        XCTAssertEqual(run("var n = 0\nlet xs = [1]\nif xs.isEmpty { n = 1 } else { n = 2 }\nn"), "2")
        XCTAssertEqual(run("var t = 0\nfor x in [1, 2].map({ $0 * 2 }) { t += x }\nt"), "6")
    }
}
