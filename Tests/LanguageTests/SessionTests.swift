import XCTest
@testable import Language

final class SessionTests: XCTestCase {
    func testCellsShareGlobals() {
        let s = Session()
        XCTAssertEqual(run("var total = 1", "func bump() { total += 10 }", "bump(); bump()", "total", session: s), "21")
        XCTAssertEqual(s.globalNames, ["bump", "total"])
        XCTAssertEqual(s.history.count, 4)
    }

    func testRedefinedFunctionIsWhatEarlierCallersCallNext() {
        let s = Session()
        run("func value() -> Int { 1 }", "func twice() -> Int { value() + value() }", session: s)
        XCTAssertEqual(run("twice()", session: s), "2")
        run("func value() -> Int { 20 }", session: s)
        XCTAssertEqual(run("twice()", session: s), "40", "a call site that called the old function calls the new one")
        run("var value = 3", session: s)
        XCTAssertEqual(failure("twice()", session: s)?.ename, "TypeError", "a global that stops being a function is not called")
    }

    func testFailingCellKeepsEarlierVariables() {
        let s = Session()
        run("var kept = 5", session: s)
        XCTAssertEqual(failure("kept = 6\nlet fresh = 1 / 0", session: s)?.ename, "ArithmeticError")
        XCTAssertEqual(run("kept", session: s), "6")
        XCTAssertEqual(failure("fresh", session: s)?.ename, "NameError", "a declaration that never ran is forgotten")
    }

    func testInterruptStopsAnInfiniteLoopQuicklyAndKeepsVariables() {
        let s = Session()
        run("var before = 42\nvar spins = 0", session: s)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { s.interrupt() }
        let start = Date()
        let outcome = s.execute("while true { spins += 1 }", cell: "[2]", host: RecordingHost())
        let elapsed = Date().timeIntervalSince(start)
        guard case .failure(let report) = outcome else { return XCTFail("expected Interrupted") }
        XCTAssertEqual(report.ename, "Interrupted")
        XCTAssertLessThan(elapsed, 0.3 + 0.1 + 0.2, "stops within 100 ms of the request (plus scheduling slack)")
        XCTAssertEqual(run("before", session: s), "42")
        XCTAssertNotEqual(run("spins", session: s), "0")
    }

    func testInterruptStopsSleepAndRecursion() {
        let s = Session()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { s.interrupt() }
        let start = Date()
        guard case .failure(let r) = s.execute("sleep(30)", cell: "", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(r.ename, "Interrupted")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { s.interrupt() }
        guard case .failure(let r2) = s.execute("func spin(_ n: Int) -> Int { spin(n + 1) - 1 + spin(0) }\nspin(0)", cell: "",
                                                host: RecordingHost()) else { return XCTFail() }
        XCTAssertTrue(["Interrupted", "RecursionError"].contains(r2.ename))
    }

    func testInterruptBeforeExecutionDoesNotLeakIntoNextCell() {
        let s = Session()
        s.interrupt()
        XCTAssertEqual(run("var i = 0\nwhile i < 1000 { i += 1 }\ni", session: s), "1000")
    }

    func testOutputIsStreamedAndBounded() {
        let s = Session(options: SessionOptions(maxOutputBytes: 100))
        let host = RecordingHost()
        run("for i in 0..<1000 { print(\"line \\(i)\") }", session: s, host: host)
        XCTAssertLessThanOrEqual(host.stdout.utf8.count, 100)
        XCTAssertTrue(host.stderr.contains("output truncated"))
        let next = RecordingHost()
        run("print(\"fresh\")", session: s, host: next)
        XCTAssertEqual(next.stdout, "fresh\n", "the limit is per cell")
    }

    func testDisplayFamily() {
        let host = RecordingHost()
        run("""
        display(html("<b>x</b>"))
        display(markdown("# T"), id: "m")
        updateDisplay(svg("<svg/>"), id: "m")
        clearOutput(wait: true)
        help(print)
        """, host: host)
        XCTAssertEqual(host.displays.count, 3)
        XCTAssertEqual(host.displays[0].bundle["text/html"], "<b>x</b>")
        XCTAssertEqual(host.displays[1].id, "m")
        XCTAssertEqual(host.displays[2].bundle["image/svg+xml"], "<svg/>")
        XCTAssertTrue(host.displays[2].update)
        XCTAssertEqual(host.cleared, [true])
        XCTAssertTrue(host.pages[0]["text/plain"]?.hasPrefix("print(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\")") ?? false)
    }

    func testCellResultIsTheMimebundleOfTheLastExpression() {
        let s = Session()
        guard case .value(let b) = s.execute("markdown(\"**hi**\")", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(b?["text/markdown"], "**hi**")
        XCTAssertNotNil(b?["text/plain"])
        guard case .value(let none) = s.execute("let q = 1", host: RecordingHost()) else { return XCTFail() }
        XCTAssertNil(none)
    }

    func testInputUsesTheHost() {
        let host = RecordingHost()
        host.inputs = ["Ada"]
        XCTAssertEqual(run("let n = input(\"name? \")\n\"hi \\(n)\"", host: host), "\"hi Ada\"")
        XCTAssertEqual(host.prompts, ["name? "])
        XCTAssertEqual(failure("input()")?.ename, "StdinNotAllowed")
    }

    func testHelpOnUserFunctionShowsDocComment() {
        let host = RecordingHost()
        run("/// Doubles a number.\nfunc double(_ x: Int) -> Int { x * 2 }\nhelp(double)", host: host)
        XCTAssertEqual(host.pages.first?["text/plain"], "double(_ x: Int) -> Int\n\nDoubles a number.")
    }

    func testLineMagics() {
        let s = Session()
        let host = RecordingHost()
        run("let a = 1\nvar b = 2", "%who", session: s, host: host)
        XCTAssertEqual(host.stdout, "a\tb\n")
        let t = RecordingHost()
        XCTAssertEqual(run("%time a + b", session: s, host: t), nil)
        XCTAssertTrue(t.stdout.hasPrefix("Wall time: "))
        XCTAssertTrue(t.stdout.hasSuffix("3\n"))
        run("%reset", session: s)
        XCTAssertEqual(s.globalNames, [])
        let l = RecordingHost()
        run("%lsmagic", session: s, host: l)
        XCTAssertTrue(l.stdout.contains("%time"))
        XCTAssertEqual(failure("%tmie 1")?.diagnostics.first?.hints.first, "did you mean `time`?")
    }

    func testResetKeepsHostDefinitionsAndRemovesUserNames() throws {
        let s = Session()
        try s.define("library", .string("host"))
        s.registerCellMagic("keep") { call in
            try call.bind("kept", .int(1))
            return nil
        }
        run("var x = 1\nlibrary = \"overwritten by the user\"", "%%keep", session: s)
        XCTAssertEqual(s.globalNames, ["kept", "library", "x"])
        run("%reset", session: s)
        // The host's binding is back with its original value; the user's names (and magic data) are gone.
        XCTAssertEqual(s.globalNames, ["library"])
        XCTAssertEqual(run("library", session: s), "\"host\"")
        XCTAssertEqual(failure("x", session: s)?.ename, "NameError")
        XCTAssertEqual(failure("kept", session: s)?.ename, "NameError")
    }

    func testCellMagicHook() {
        let s = Session()
        s.registerCellMagic("shout") { call in
            let value = Value.string(call.body.uppercased())
            if !call.arguments.isEmpty { try call.bind(call.arguments, value) }
            return value
        }
        XCTAssertEqual(run("%%shout loud\nhello", "loud.count", session: s), "5")
        XCTAssertEqual(failure("%%nothere\nx", session: s)?.ename, "UsageError")
        s.registerCellMagic("broken") { _ in throw LanguageError("SQLError", "no such table: t") }
        let r = failure("%%broken\nselect", session: s)
        XCTAssertEqual(r?.ename, "SQLError")
        XCTAssertEqual(r?.diagnostics.first?.location?.line, 1)
    }

    func testEvaluateForUserExpressions() {
        let s = Session()
        run("let x = 20", session: s)
        XCTAssertEqual(try s.evaluate("x + 1", host: RecordingHost()).get(), ["text/plain": "21"])
        guard case .failure(let r) = s.evaluate("x +", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(r.ename, "SyntaxError")
        guard case .failure(let n) = s.evaluate("nope", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(n.ename, "NameError")
    }

    func testDefineHandsValuesToCells() throws {
        let s = Session()
        try s.define("answer", .int(42))
        XCTAssertEqual(run("answer + 1", session: s), "43")
        XCTAssertThrowsError(try s.define("not valid", .null))
    }

    /// A caller with the session's stack size runs cells on its own thread (no switch per cell); a
    /// smaller one has them moved to the session's thread, and deep recursion still ends in
    /// RecursionError on both.
    func testCellsRunOnACallerThreadWithTheSessionsStackOnlyThenRecursionStillEndsCleanly() {
        final class ThreadHost: Language.Host {
            var writers: [Thread] = []
            var recursion: String?
            func write(_ text: String, to stream: StandardStream) { writers.append(Thread.current) }
            func display(_ bundle: MimeBundle, id: String?, update: Bool) {}
            func clearOutput(wait: Bool) {}
            func page(_ bundle: MimeBundle) {}
            func readLine(prompt: String, password: Bool) throws -> String { "" }
        }
        let session = Session()
        let deep = "func down(_ n: Int) -> Int { n == 0 ? 0 : down(n - 1) + 1 }\ndown(100000)"
        for stackSize in [session.executionStackSize, 1 << 20] {
            let host = ThreadHost()
            let done = DispatchSemaphore(value: 0)
            let caller = Thread {
                _ = session.execute("print(1)", host: host)
                if case .failure(let report) = session.execute(deep, host: host) { host.recursion = report.ename }
                done.signal()
            }
            caller.stackSize = stackSize
            caller.start()
            done.wait()
            XCTAssertEqual(host.writers.count, 1)
            XCTAssertEqual(host.writers.first === caller, stackSize == session.executionStackSize, "stack \(stackSize)")
            XCTAssertEqual(host.recursion, "RecursionError")
        }
    }
}
