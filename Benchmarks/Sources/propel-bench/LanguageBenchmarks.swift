import Foundation
import Language

/// Propel vs CPython on the same four programs, timed in the same run (each side times only the
/// program, not process start), plus the interpreter's own startup.
enum LanguageBenchmarks {
    struct Case {
        let name: String
        let propel: String
        let python: String
    }

    static func cases(smoke: Bool) -> [Case] {
        let fibN = smoke ? 15 : 27
        let loopN = smoke ? 10_000 : 10_000_000
        let arrayN = smoke ? 10_000 : 1_000_000
        let stringN = smoke ? 1_000 : 100_000
        return [
            Case(name: "fib(\(fibN)) recursive",
                 propel: "func fib(_ n: Int) -> Int {\n    if n < 2 { return n }\n    return fib(n - 1) + fib(n - 2)\n}\nfib(\(fibN))",
                 python: "def fib(n):\n    if n < 2: return n\n    return fib(n - 1) + fib(n - 2)\nfib(\(fibN))"),
            Case(name: "\(loopN) arithmetic iterations",
                 propel: "func loop() -> Int {\n    var s = 0\n    for i in 0..<\(loopN) { s = (s + i * 3) % 1000003 }\n    return s\n}\nloop()",
                 python: "def loop():\n    s = 0\n    for i in range(\(loopN)): s = (s + i * 3) % 1000003\n    return s\nloop()"),
            Case(name: "build+sum \(arrayN)-element array",
                 propel: "func build() -> Int {\n    var a = [Int]()\n    for i in 0..<\(arrayN) { a.append(i) }\n    var t = 0\n    for x in a { t += x }\n    return t\n}\nbuild()",
                 python: "def build():\n    a = []\n    for i in range(\(arrayN)): a.append(i)\n    t = 0\n    for x in a: t += x\n    return t\nbuild()"),
            Case(name: "\(stringN)-piece string",
                 propel: "func pieces() -> Int {\n    var s = \"\"\n    for i in 0..<\(stringN) { s += String(i) }\n    return s.utf8Count\n}\npieces()",
                 python: "def pieces():\n    s = ''\n    for i in range(\(stringN)): s += str(i)\n    return len(s)\npieces()"),
        ]
    }

    final class QuietHost: Language.Host {
        func write(_ text: String, to stream: StandardStream) {}
        func display(_ bundle: MimeBundle, id: String?, update: Bool) {}
        func clearOutput(wait: Bool) {}
        func page(_ bundle: MimeBundle) {}
        func readLine(prompt: String, password: Bool) throws -> String { "" }
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    static func propelSeconds(_ code: String) throws -> Double {
        let session = Session()
        let start = now()
        let outcome = session.execute(code, cell: "bench", host: QuietHost())
        let elapsed = now() - start
        if case .failure(let report) = outcome { throw BenchmarkError(report.rendered) }
        return elapsed
    }

    static func pythonSeconds(_ code: String) throws -> Double {
        let harness = "import time\nsrc = \(pythonLiteral(code))\nstart = time.perf_counter()\nexec(compile(src, 'bench', 'exec'), {})\nprint(time.perf_counter() - start)\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", harness]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8),
              let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchmarkError("python3 failed on: \(code)")
        }
        return seconds
    }

    static func pythonLiteral(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'").replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    struct BenchmarkError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// Best of `runs` of each side, the sides taking turns: this machine's speed drifts over seconds,
    /// and running one side's runs after the other's put the drift into the ratio.
    static func bestOfAlternating(_ runs: Int, _ first: () throws -> Double, _ second: () throws -> Double) rethrows -> (Double, Double) {
        var a = Double.infinity, b = Double.infinity
        for _ in 0..<runs {
            a = min(a, try first())
            b = min(b, try second())
        }
        return (a, b)
    }

    static func run(smoke: Bool) throws {
        // `PROPEL_BENCH_CASE=N` runs only Propel's side of case N once (for profiling).
        if let only = ProcessInfo.processInfo.environment["PROPEL_BENCH_CASE"].flatMap(Int.init) {
            print(try propelSeconds(cases(smoke: smoke)[only].propel))
            return
        }
        let runs = smoke ? 1 : 5
        print("best of \(runs) runs a side, the sides taking turns")
        print("program                              propel      python3     ratio (≤ 1.0 is the target)")
        for c in cases(smoke: smoke) {
            let (p, q) = try bestOfAlternating(runs, { try propelSeconds(c.propel) }, { try pythonSeconds(c.python) })
            print(c.name.padding(toLength: 36, withPad: " ", startingAt: 0),
                  String(format: "%8.3f s  %8.3f s  %6.2f", p, q, p / q))
        }
        let startups = (0..<(smoke ? 3 : 50)).map { _ -> Double in
            let start = now()
            let session = Session()
            _ = session.execute("1", cell: "startup", host: QuietHost())
            return now() - start
        }.sorted()
        print(String(format: "interpreter startup (Session() + first cell, median): %.2f ms (target ≤ 5 ms)", startups[startups.count / 2] * 1e3))
    }
}
