import XCTest
@testable import Language

/// Random and mutated programs through the whole pipeline: the only acceptable outcomes are a value
/// or a diagnostic — never a crash or a hang. A step limit bounds loops; recursion is bounded too.
final class FuzzTests: XCTestCase {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    }

    static let seeds = [
        "let x = 1 + 2 * 3\nx",
        "var a = [1, 2, 3]\na.append(4)\nfor v in a where v > 1 { print(v) }",
        "func f(_ n: Int) -> Int { n < 2 ? n : f(n - 1) + f(n - 2) }\nf(10)",
        "var d = [\"a\": 1]\nd[\"b\", default: 0] += 2\nd.keys.sorted()",
        "let s = \"hello \\(1 + 1)\"\ns.uppercased().split(separator: \"L\")",
        "var i = 0\nwhile i < 10 { i += 1; if i == 5 { break } }\ni",
        "switch 5 { case 0..<3: print(1)\ncase 5: print(5)\ndefault: break }",
        "let t = (1, \"a\")\nlet (p, q) = t\np",
        "func g(x: Int = 2, _ y: Double...) -> Double { y.reduce(Double(x), +) }\ng(1.0, 2.0)",
        "let xs = [3, 1, 2].sorted { $0 > $1 }.map { $0 * 2 }\nxs[0..<2]",
        "var o: Int? = nil\nif let v = o { print(v) } else { o = 3 }\no! + (o ?? 0)",
        "repeat { print(1) } while false",
        "let m = \"\"\"\n  a\n  b\n  \"\"\"\nm.count",
        "%time 1 + 1",
        "guard true else { fatalError() }",
        "switch 7 { case let x where x > 5, let x: print(x)\ncase 1, 2: break\ndefault: break }",
        "var fs = [Any]()\nfor i in 0..<3 { fs.append({ i }) }\nfs.map { $0() }",
        "let v: Any = 2.5\n(v is Double, v as? Int ?? 0, v as! Double)",
    ]

    static let fragments = [
        "(", ")", "{", "}", "[", "]", ",", ".", "?", "!", "=", "+", "-", "*", "/", "%", "..<", "...", "&&", "||",
        "??", "->", ":", ";", "\n", " ", "\"", "\"\"\"", "\\(", "$0", "let ", "var ", "func ", "if ", "else ", "for ",
        " in ", "while ", "return ", "switch ", "case ", "default:", "break", "nil", "true", "0", "1", "-1",
        "9223372036854775807", "x", "a", "print", "f", "{ $0 }", "[:]", "[Int]()", "/*", "*/", "//", "_", "é",
        " is ", " as? ", " as! ", "Int", " where ", "case let ",
    ]

    func mutate(_ program: String, _ g: inout Generator) -> String {
        var scalars = Array(program.unicodeScalars)
        for _ in 0..<(1 + g.int(4)) {
            let at = scalars.isEmpty ? 0 : g.int(scalars.count + 1)
            switch g.int(4) {
            case 0: if !scalars.isEmpty { scalars.remove(at: min(at, scalars.count - 1)) }
            case 1: scalars.insert(contentsOf: g.pick(Self.fragments).unicodeScalars, at: at)
            case 2: if at < scalars.count { scalars.replaceSubrange(at..<min(scalars.count, at + g.int(6)), with: g.pick(Self.fragments).unicodeScalars) }
            default:
                let other = Array(g.pick(Self.seeds).unicodeScalars)
                if !other.isEmpty { let from = g.int(other.count); scalars.insert(contentsOf: other[from..<min(other.count, from + g.int(20))], at: at) }
            }
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    func random(_ g: inout Generator) -> String {
        (0..<(1 + g.int(25))).map { _ in g.pick(Self.fragments) }.joined()
    }

    /// Parsing, resolving and completion of 100,000+ programs, and running a share of them.
    func testRandomAndMutatedProgramsOnlyProduceDiagnostics() {
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let host = RecordingHost()
        var session = Session(options: SessionOptions(maxOutputBytes: 10_000, maxRecursionDepth: 200, stepLimit: 5_000, stackSize: 64 << 20))
        let deadline = Date().addingTimeInterval(300)
        var cases = 0, ran = 0, failures = 0
        var programs: [String] = []
        let globals = Globals(capacity: 256)
        while cases < 100_000 && Date() < deadline {
            let program = g.int(3) == 0 ? random(&g) : mutate(g.pick(Self.seeds), &g)
            cases += 1
            // Front end on every case: lexer, parser, resolver, completion and completeness.
            let source = Source(program, name: "fuzz")
            var parser = Parser(source: source)
            let statements = parser.parseProgram()
            if parser.errors.isEmpty {
                var resolver = Resolver(source: source, globals: globals, builtinNames: session.runtime.builtinNames)
                _ = resolver.resolveCell(statements)
                if resolver.errors.isEmpty { programs.append(program) }
            } else {
                XCTAssertTrue(parser.errors.allSatisfy { $0.range != nil && !$0.message.isEmpty })
            }
            if cases % 4 == 0 { _ = CompletenessCheck.check(program) }
            if cases % 50 == 0 { _ = session.complete(program, cursor: g.int(program.unicodeScalars.count + 1)) }
        }
        // Whole-cell execution (on the session's thread) for every program that passed the front end.
        for program in programs.prefix(5_000) where Date() < deadline.addingTimeInterval(60) {
            ran += 1
            if case .failure(let r) = session.execute(program, cell: "fuzz", host: host) {
                failures += 1
                XCTAssertFalse(r.ename.isEmpty)
                XCTAssertFalse(r.traceback.isEmpty)
                XCTAssertNotEqual(r.ename, "InternalError", r.rendered)
            }
            if ran % 500 == 0 { session = Session(options: SessionOptions(maxOutputBytes: 10_000, maxRecursionDepth: 200, stepLimit: 5_000, stackSize: 64 << 20)) }
        }
        XCTAssertGreaterThanOrEqual(cases, 100_000, "ran out of time budget after \(cases) cases")
        print("fuzz: \(cases) programs, \(ran) executed, \(failures) failed with diagnostics")
    }
}
