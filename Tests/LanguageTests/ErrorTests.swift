import XCTest
@testable import Language

final class ErrorTests: XCTestCase {
    func testIntegerOverflowAndDivisionByZero() {
        XCTAssertEqual(failure("Int.max + 1".replacingOccurrences(of: "Int.max", with: "9223372036854775807"))?.ename, "ArithmeticError")
        XCTAssertEqual(failure("let x = 4611686018427387904 * 2")?.evalue, "integer overflow: 4611686018427387904 * 2 does not fit in Int")
        XCTAssertEqual(failure("let z = 0\n1 / z")?.evalue, "division by zero")
        XCTAssertEqual(failure("let z = 0\n1 % z")?.ename, "ArithmeticError")
        XCTAssertEqual(run("1.0 / 0"), "inf")
    }

    func testRenderedReportHasSourceLineAndCaret() {
        let r = failure("let xs = [1, 2]\nlet y = xs[7]")
        XCTAssertEqual(r?.ename, "IndexError")
        XCTAssertEqual(r?.traceback, [
            "IndexError: index 7 is out of range for an array of 2 elements",
            " --> [1]:2:9",
            "  |",
            "2 | let y = xs[7]",
            "  |         ^^^^^",
            "   = hint: valid indices are 0...1",
        ])
    }

    func testKeyTypeAndValueErrors() {
        XCTAssertEqual(failure("1 + \"a\"")?.ename, "TypeError")
        XCTAssertEqual(failure("1 + \"a\"")?.diagnostics.first?.hints.first, "convert with String(…) or use interpolation: \"\\(value)\"")
        XCTAssertEqual(failure("let x: Int? = nil\nx!")?.ename, "ValueError")
        XCTAssertEqual(failure("if 1 { }")?.evalue, "condition must be Bool, got Int")
        XCTAssertEqual(failure("[1].nope()")?.ename, "TypeError")
        XCTAssertEqual(failure("\"a\".uppercase()")?.diagnostics.first?.hints, ["did you mean `uppercased`?"])
        XCTAssertEqual(failure("let t = (1, 2)\nt.5")?.ename, "IndexError")
        XCTAssertEqual(failure("for x in 5 { }")?.ename, "TypeError")
        XCTAssertEqual(failure("let (a, b) = (1, 2, 3)")?.ename, "TypeError")
        XCTAssertEqual(failure("var a = [Int]()\na.removeLast()")?.ename, "IndexError")
    }

    func testCastErrors() {
        let forced = failure("let x = 3\nlet s = x as! String")
        XCTAssertEqual(forced?.ename, "TypeError")
        XCTAssertEqual(forced?.evalue, "could not cast a value of type Int to String")
        XCTAssertEqual(forced?.traceback.dropFirst().first, " --> [1]:2:9")
        XCTAssertEqual(failure("let y = 3 as Int")?.ename, "SyntaxError")
        XCTAssertEqual(failure("let f = { $9223372036854775807 }")?.ename, "NameError")
        XCTAssertEqual(failure("[2, 1].sorted { $2 }")?.evalue, "missing argument for parameter `$2` in call to `closure`")
        XCTAssertEqual(failure("let y = 3 is")?.evalue, "expected a type (found the end of the cell)")
    }

    func testSwitchPatternAndLoopScopeErrors() {
        let unbound = failure("switch 3 {\ncase 1, let x: print(x)\ndefault: break\n}")
        XCTAssertEqual(unbound?.ename, "SyntaxError")
        XCTAssertEqual(unbound?.evalue, "`x` must be bound in every pattern of this `case`")
        XCTAssertEqual(failure("switch 3 { case let: break\ndefault: break }")?.ename, "SyntaxError")
        XCTAssertEqual(failure("switch 3 { case let x where y > 1: break\ndefault: break }")?.ename, "NameError")
        XCTAssertEqual(failure("switch 3 { case let x where x: break\ndefault: break }")?.evalue, "condition must be Bool, got Int")
        // A loop whose body makes closures still rejects `return` outside a function.
        XCTAssertEqual(failure("for i in 0..<2 { let f = { i }\nreturn }")?.evalue, "`return` is only allowed inside a function")
        XCTAssertEqual(failure("for i in 0..<2 { let f = { i }\nprint(f(), j) }")?.ename, "NameError")
    }

    func testCallErrorsShowTheSignature() {
        let code = "func scale(_ x: Int, by k: Double = 1.0) -> Double { Double(x) * k }\n"
        let wrongLabel = failure(code + "scale(2, with: 3)")
        XCTAssertEqual(wrongLabel?.ename, "ArgumentError")
        XCTAssertEqual(wrongLabel?.diagnostics.first?.hints, ["expected: scale(_ x: Int, by k: Double = 1.0) -> Double"])
        XCTAssertEqual(failure(code + "scale()")?.ename, "ArgumentError")
        XCTAssertEqual(failure(code + "scale(1, by: 2, 3)")?.ename, "ArgumentError")
        let wrongType = failure(code + "scale(\"a\")")
        XCTAssertEqual(wrongType?.ename, "TypeError")
        XCTAssertEqual(wrongType?.evalue, "argument `x` of `scale(_:by:)` expects Int, got String")
        XCTAssertEqual(failure("func f() -> Int { \"s\" }\nf()")?.ename, "TypeError")
        XCTAssertEqual(failure("print(1, separator: 2)")?.ename, "TypeError")
        XCTAssertEqual(failure("[1].contains(where: 1, 2)")?.ename, "ArgumentError")
    }

    func testRuntimeErrorsShowTheUserCallChain() {
        let code = "func inner(_ x: Int) -> Int { x / 0 }\nfunc outer() -> Int { inner(1) }\nouter()"
        let r = failure(code)
        XCTAssertEqual(r?.ename, "ArithmeticError")
        let text = r?.rendered ?? ""
        XCTAssertTrue(text.contains("in inner(_:), called at [1]:2:23"), text)
        XCTAssertTrue(text.contains("in outer(), called at [1]:3:1"), text)
    }

    func testRecursionLimitRaisesRecursionError() {
        let r = failure("func down(_ n: Int) -> Int { down(n + 1) }\ndown(0)")
        XCTAssertEqual(r?.ename, "RecursionError")
        let s = Session(options: SessionOptions(maxRecursionDepth: 5000))
        XCTAssertEqual(run("func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }\ndepth(4000)", session: s), "4000")
    }

    func testFatalErrorAndSyntaxErrorLocations() {
        XCTAssertEqual(failure("fatalError(\"stop\")")?.evalue, "stop")
        let r = failure("let a = (1 +\nlet b = 2")
        XCTAssertEqual(r?.ename, "SyntaxError")
        XCTAssertNotNil(r?.diagnostics.first?.location)
    }

    func testSeveralSyntaxErrorsInOneReport() {
        let r = failure("let = 1\nvar = 2")
        XCTAssertEqual(r?.diagnostics.count, 2)
        XCTAssertTrue(r?.evalue.hasSuffix("(and 1 more error)") ?? false)
    }
}
