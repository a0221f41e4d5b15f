import XCTest
@testable import Language

final class SmokeTests: XCTestCase {
    func testArithmeticAndFunctions() {
        XCTAssertEqual(run("1 + 2 * 3"), "7")
        XCTAssertEqual(run("func fib(_ n: Int) -> Int { if n < 2 { return n }\n return fib(n - 1) + fib(n - 2) }\nfib(20)"), "6765")
        XCTAssertEqual(output("var xs = [Int]()\nfor i in 0..<5 { xs.append(i * i) }\nprint(xs)"), "[0, 1, 4, 9, 16]\n")
        XCTAssertEqual(run("let d = [\"a\": 1, \"b\": 2]\nd"), "[\"a\": 1, \"b\": 2]")
        XCTAssertEqual(run("\"x = \\(1 + 1)\""), "\"x = 2\"")
        XCTAssertEqual(run("[3, 1, 2].sorted(by: >)"), "[3, 2, 1]")
        XCTAssertEqual(run("[1, 2, 3].map { $0 * 2 }.reduce(0, +)"), "12")
    }
}
