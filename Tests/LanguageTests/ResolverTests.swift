import XCTest
@testable import Language

final class ResolverTests: XCTestCase {
    func testUnknownNameSuggestsClosest() {
        let s = Session()
        run("let profiles = [1, 2]", session: s)
        let r = failure("profles.count", session: s)
        XCTAssertEqual(r?.ename, "NameError")
        XCTAssertEqual(r?.evalue, "cannot find `profles` in scope")
        XCTAssertEqual(r?.diagnostics.first?.hints, ["did you mean `profiles`?"])
        XCTAssertEqual(r?.diagnostics.first?.location, SourceLocation(cell: "[1]", line: 1, column: 1, length: 7))
    }

    func testNameErrorsAreFoundBeforeRunning() {
        let host = RecordingHost()
        let r = failure("print(\"side effect\")\nprint(nope)", host: host)
        XCTAssertEqual(r?.ename, "NameError")
        XCTAssertEqual(host.stdout, "", "nothing runs when a name cannot be resolved")
    }

    func testAssigningToLetIsRejected() {
        let r = failure("let x = 1\nx = 2")
        XCTAssertEqual(r?.evalue, "cannot assign to value: `x` is a `let` constant")
        XCTAssertEqual(r?.diagnostics.first?.hints, ["change `let` to `var` to make it mutable"])
        XCTAssertEqual(failure("let xs = [1]\nxs.append(2)")?.ename, "TypeError")
        XCTAssertEqual(failure("func f(_ a: Int) { a = 2 }")?.ename, "SyntaxError")
    }

    func testControlFlowOutsideItsConstruct() {
        XCTAssertEqual(failure("break")?.evalue, "`break` is only allowed inside a loop or `switch`")
        XCTAssertEqual(failure("continue")?.evalue, "`continue` is only allowed inside a loop")
        XCTAssertEqual(failure("return 1")?.evalue, "`return` is only allowed inside a function")
        XCTAssertEqual(failure("func f(_ x: Int?) { guard let y = x else { print(1) }\n print(y) }")?.evalue, "`guard` body must not fall through")
    }

    func testUseBeforeDeclarationAtTopLevel() {
        XCTAssertEqual(failure("print(a)\nlet a = 1")?.evalue, "use of `a` before its declaration")
    }

    func testFunctionsAreHoistedAndMayUseLaterGlobals() {
        XCTAssertEqual(run("let r = twice(3)\nfunc twice(_ x: Int) -> Int { x * 2 }\nr"), "6")
        XCTAssertEqual(run("func g() -> Int { later }\nlet later = 5\ng()"), "5")
    }

    func testRedeclarationInOneScope() {
        XCTAssertEqual(failure("func f() { let a = 1\n let a = 2 }")?.evalue, "invalid redeclaration of `a`")
        XCTAssertEqual(run("let a = 1\nlet a = 2\na"), "2", "top-level names may be redefined, as notebooks re-run cells")
    }

    func testAllResolveErrorsAreReported() {
        let r = failure("print(aa)\nprint(bb)")
        XCTAssertEqual(r?.diagnostics.count, 2)
    }

    func testClosuresCaptureEnclosingVariables() {
        XCTAssertEqual(run("func counter() -> () -> Int { var n = 0\n return { n += 1; return n } }\nlet c = counter()\nc(); c(); c()"), "3")
        XCTAssertEqual(run("func outer() -> Int { let k = 10\n func inner(_ x: Int) -> Int { x + k }\n return inner(5) }\nouter()"), "15")
    }
}
