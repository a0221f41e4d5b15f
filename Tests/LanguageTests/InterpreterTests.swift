import XCTest
@testable import Language

final class InterpreterTests: XCTestCase {
    func testLiteralsRenderAsSwift() {
        XCTAssertEqual(run("0.1 + 0.2"), "0.30000000000000004")
        XCTAssertEqual(run("3.0"), "3.0")
        XCTAssertEqual(run("\"a\\\"b\""), "\"a\\\"b\"")
        XCTAssertEqual(run("[1, 2]"), "[1, 2]")
        XCTAssertEqual(run("[\"a\": 1]"), "[\"a\": 1]")
        XCTAssertEqual(run("[:]"), "[:]")
        XCTAssertEqual(run("(1, \"a\")"), "(1, \"a\")")
        XCTAssertEqual(run("0..<3"), "0..<3")
        XCTAssertEqual(run("1...3"), "1...3")
        XCTAssertEqual(run("nil"), nil)
        XCTAssertEqual(run("true"), "true")
    }

    func testVariablesAndDestructuring() {
        XCTAssertEqual(run("var a = 1; a += 2; a *= 3; a -= 1; a /= 2; a %= 3; a"), "1")
        XCTAssertEqual(run("let (a, b) = (1, 2)\na * 10 + b"), "12")
        XCTAssertEqual(run("let (x, (y, _)) = (1, (2, 3))\nx + y"), "3")
        XCTAssertEqual(run("var t = (1, 2)\nt.0 = 5\nt"), "(5, 2)")
    }

    func testControlFlow() {
        XCTAssertEqual(output("""
        for i in 1...10 {
            if i % 2 == 0 { continue }
            if i > 7 { break }
            print(i, terminator: " ")
        }
        var n = 0
        while n < 3 { n += 1 }
        repeat { n -= 1 } while n > 1
        print(n)
        """), "1 3 5 7 1\n")
        XCTAssertEqual(run("func sign(_ x: Int) -> String {\n if x < 0 { return \"-\" } else if x == 0 { return \"0\" } else { return \"+\" }\n}\n[sign(-2), sign(0), sign(9)]"), "[\"-\", \"0\", \"+\"]")
    }

    func testSwitch() {
        let code = """
        func grade(_ n: Int) -> String {
            switch n {
            case 90...100: return "A"
            case 80..<90: return "B"
            case 0, 1: return "zero or one"
            default: return "C"
            }
        }
        [grade(95), grade(85), grade(1), grade(50)]
        """
        XCTAssertEqual(run(code), "[\"A\", \"B\", \"zero or one\", \"C\"]")
        XCTAssertEqual(run("var r = \"\"\nswitch \"b\" { case \"a\": r = \"A\"\ncase \"b\": r = \"B\"\ndefault: break }\nr"), "\"B\"")
    }

    func testSwitchBindingsWithWhere() {
        let code = """
        func describe(_ n: Int) -> String {
            switch n {
            case 0: return "zero"
            case let x where x < 0: return "negative \\(x)"
            case 1, 2, 3: return "small"
            case let x where x % 2 == 0: return "even \\(x)"
            case _ where n > 100: return "big"
            case var y:
                y += 1
                return "odd, next \\(y)"
            }
        }
        [describe(0), describe(-4), describe(2), describe(10), describe(101), describe(7)]
        """
        XCTAssertEqual(run(code), "[\"zero\", \"negative -4\", \"small\", \"even 10\", \"big\", \"odd, next 8\"]")
        // The `where` belongs to the pattern it follows: `1` matches unconditionally.
        XCTAssertEqual(run("var r = 0\nswitch 1 { case 1, 5 where false: r = 1\ndefault: r = 2 }\nr"), "1")
        XCTAssertEqual(run("var r = 0\nswitch 5 { case 1, 5 where false: r = 1\ndefault: r = 2 }\nr"), "2")
    }

    func testTypeChecksAndCasts() {
        XCTAssertEqual(run("let xs: [Any] = [1, 2.5, \"a\", nil, [1, 2]]\nxs.map { $0 is Int }"), "[true, false, false, false, false]")
        XCTAssertEqual(run("[1, 2.5].map { $0 is Double }"), "[false, true]")
        XCTAssertEqual(run("let v = \"7\"\n(v as? Int ?? 0) + (Int(v as! String) ?? 0)"), "7")
        XCTAssertEqual(run("[1, 2] as? [Int]"), "[1, 2]")
        XCTAssertEqual(run("[1, \"a\"] as? [Int]"), nil)
        XCTAssertEqual(run("nil is Int?"), "true")
        XCTAssertEqual(run("1 + 2 is Int"), "true")
        // `is`/`as` are not reserved: on a new line they start a statement.
        XCTAssertEqual(run("let a = 1\nvar as = 2\nas"), "2")
    }

    func testNativeParameterTypesAreReadAsTheParserReadsThem() {
        let cases: [String: String?] = ["Int": "Int", "_Row2": "_Row2", "Double?": "Double?", "Int??": "Int??", "[String]": "[String]",
                                        "[[Int]?]": "[[Int]?]", "[String: Any]": "[String: Any]", "(Int, String)": "(Int, String)",
                                        "[(Int) -> Int]?": "[(Int) -> Int]?",
                                        "9lives": nil, "": nil, "?": nil, "[]": nil, "[Int": nil, "Int]": nil]
        for (text, expected) in cases {
            XCTAssertEqual(TypeNames.parse(text)?.description, expected, text)
        }
        // A function returning an optional, not an optional function (the two print alike).
        guard case .function(_, .optional(.named("Int"))) = TypeNames.parse("(Int) -> Int?") else {
            return XCTFail("\(String(describing: TypeNames.parse("(Int) -> Int?")))")
        }
    }

    func testClosuresInLoopsCaptureEachIteration() {
        XCTAssertEqual(run("var fs = [Any]()\nfor i in 0..<3 { fs.append({ i }) }\nfs.map { $0() }"), "[0, 1, 2]")
        XCTAssertEqual(run("var fs = [Any]()\nfor (i, x) in [\"a\", \"b\"].enumerated() {\n  let tag = x + String(i)\n  fs.append({ tag })\n}\nfs.map { $0() }"), "[\"a0\", \"b1\"]")
        // Inside a function: outer variables stay shared, `return` and `break` leave as usual.
        let code = """
        func firstOver(_ limit: Int, _ xs: [Int]) -> Int {
            var calls = 0
            for x in xs {
                let bump = { calls += 1 }
                bump()
                if x > limit { return x * 100 + calls }
            }
            return -1
        }
        [firstOver(2, [1, 2, 3, 4]), firstOver(9, [1])]
        """
        XCTAssertEqual(run(code), "[303, -1]")
        XCTAssertEqual(run("var seen = [Int]()\nfor i in 1...9 where i % 2 == 1 {\n  if i > 5 { break }\n  [i].forEach { seen.append($0) }\n}\nseen"), "[1, 3, 5]")
    }

    func testForInOverCollections() {
        XCTAssertEqual(output("for (k, v) in [\"a\": 1, \"b\": 2] { print(k, v) }"), "a 1\nb 2\n")
        XCTAssertEqual(output("for (i, x) in [\"x\", \"y\"].enumerated() { print(i, x) }"), "0 x\n1 y\n")
        XCTAssertEqual(output("for c in \"hé\" { print(c) }"), "h\né\n")
        XCTAssertEqual(output("for x in [1, 2, 3, 4] where x % 2 == 0 { print(x) }"), "2\n4\n")
        XCTAssertEqual(output("for _ in 0..<2 { print(\"hi\") }"), "hi\nhi\n")
    }

    func testFunctionsLabelsDefaultsAndTypes() {
        let code = """
        func scale(_ x: Int, by k: Double = 1.0) -> Double { Double(x) * k }
        [scale(2), scale(2, by: 2.5), scale(3, by: 2)]
        """
        XCTAssertEqual(run(code), "[2.0, 5.0, 6.0]")
        XCTAssertEqual(run("func greet(name: String, greeting: String = \"Hi\") -> String { \"\\(greeting), \\(name)!\" }\ngreet(name: \"Ann\")"), "\"Hi, Ann!\"")
        XCTAssertEqual(run("func sum(_ xs: Int...) -> Int { xs.reduce(0, +) }\nsum(1, 2, 3)"), "6")
    }

    func testOptionals() {
        XCTAssertEqual(run("let d = [\"a\": 1]\nif let v = d[\"a\"] { v * 2 } else { 0 }\n"), nil)
        XCTAssertEqual(run("let d = [\"a\": 1]\nvar r = 0\nif let v = d[\"a\"], v > 0 { r = v * 2 }\nr"), "2")
        XCTAssertEqual(run("let d = [\"a\": 1]\nd[\"zz\"] ?? 7"), "7")
        XCTAssertEqual(run("let d = [\"a\": 1]\nd[\"a\"]!"), "1")
        XCTAssertEqual(run("func f(_ x: Int?) -> Int { guard let y = x else { return -1 }\n return y }\n[f(nil), f(4)]"), "[-1, 4]")
        XCTAssertEqual(run("let s: String? = nil\ns?.count ?? 0"), "0")
        XCTAssertEqual(run("let s: String? = \"abc\"\ns?.uppercased()"), "\"ABC\"")
        XCTAssertEqual(run("let x: Int? = 3\nif let x { x + 1 } else { 0 }\nx! + 1"), "4")
        XCTAssertEqual(run("Int(\"42\")"), "42")
        XCTAssertEqual(run("Int(\"x\") == nil"), "true")
    }

    func testArrays() {
        XCTAssertEqual(run("var a = [3, 1, 2]\na.append(4)\na.insert(0, at: 0)\na.remove(at: 1)\na"), "[0, 1, 2, 4]")
        XCTAssertEqual(run("let a = [3, 1, 2]\n[a.count, a.first!, a.last!, a.min()!, a.max()!]"), "[3, 3, 2, 1, 3]")
        XCTAssertEqual(run("[1, 2, 3, 4].filter { $0 % 2 == 0 }"), "[2, 4]")
        XCTAssertEqual(run("[\"b\", \"a\"].sorted()"), "[\"a\", \"b\"]")
        XCTAssertEqual(run("[1, 2, 3].contains(2)"), "true")
        XCTAssertEqual(run("[\"a\", \"b\"].joined(separator: \", \")"), "\"a, b\"")
        XCTAssertEqual(run("[10, 20, 30, 40][1..<3]"), "[20, 30]")
        XCTAssertEqual(run("[1, 2] + [3]"), "[1, 2, 3]")
        XCTAssertEqual(run("[Int]().isEmpty"), "true")
        XCTAssertEqual(run("var grid = [[0, 0], [0, 0]]\ngrid[1][0] = 5\ngrid[0][1] += 2\ngrid"), "[[0, 2], [5, 0]]")
        XCTAssertEqual(run("(0..<4).map { $0 * $0 }"), "[0, 1, 4, 9]")
    }

    func testValueSemantics() {
        XCTAssertEqual(run("var a = [1]\nvar b = a\nb.append(2)\n(a, b)"), "([1], [1, 2])")
        XCTAssertEqual(run("var d = [\"k\": [1]]\nlet e = d\nd[\"k\"]!.append(2)\n(d, e)"), "([\"k\": [1, 2]], [\"k\": [1]])")
        XCTAssertEqual(run("func f(_ xs: [Int]) -> [Int] { var ys = xs\n ys.append(9)\n return ys }\nlet xs = [1]\nlet ys = f(xs)\n(xs, ys)"), "([1], [1, 9])")
        // `+=` appends in place, yet never to a copy that another variable still shares.
        XCTAssertEqual(run("var s = \"a\"\nlet t = s\ns += String(1)\nvar xs = [1]\nlet ys = xs\nxs += [2]\nvar e = [[0]]\ne[0] += [1]\n(s, t, xs, ys, e)"),
                       "(\"a1\", \"a\", [1, 2], [1], [[0, 1]])")
        XCTAssertEqual(failure("var s = \"a\"\ns += 1")?.ename, "TypeError")
    }

    func testDictionaries() {
        XCTAssertEqual(run("var d = [\"b\": 2, \"a\": 1]\nd[\"c\"] = 3\nd[\"b\"] = nil\nd"), "[\"a\": 1, \"c\": 3]")
        XCTAssertEqual(run("var counts = [String: Int]()\nfor w in [\"x\", \"y\", \"x\"] { counts[w, default: 0] += 1 }\ncounts"), "[\"x\": 2, \"y\": 1]")
        XCTAssertEqual(run("let d = [\"a\": 1, \"b\": 2]\n(d.keys, d.values, d.count)"), "([\"a\", \"b\"], [1, 2], 2)")
        XCTAssertEqual(run("[\"a\": 1, \"b\": 5].filter { $0.1 > 2 }"), "[\"b\": 5]")
        XCTAssertEqual(run("[\"a\": 1].mapValues { $0 * 10 }"), "[\"a\": 10]")
    }

    func testStrings() {
        XCTAssertEqual(run("let s = \"Hello, World\"\n[s.uppercased(), s.lowercased()]"), "[\"HELLO, WORLD\", \"hello, world\"]")
        XCTAssertEqual(run("\"a,b,,c\".split(separator: \",\")"), "[\"a\", \"b\", \"c\"]")
        XCTAssertEqual(run("\"banana\".replacingOccurrences(of: \"a\", with: \"o\")"), "\"bonono\"")
        XCTAssertEqual(run("[\"abc\".hasPrefix(\"ab\"), \"abc\".hasSuffix(\"bc\"), \"abc\".contains(\"z\")]"), "[true, true, false]")
        XCTAssertEqual(run("\"héllo\".count"), "5")
        XCTAssertEqual(run("var s = \"a\"\ns += \"b\"\ns.append(\"c\")\ns"), "\"abc\"")
        XCTAssertEqual(run("let name = \"x\"\n\"\\(name) has \\(name.count) char\""), "\"x has 1 char\"")
        XCTAssertEqual(run("String(42) + String(1.5)"), "\"421.5\"")
        XCTAssertEqual(output("let v = \"\"\"\n  Line 1\n    Line 2\n  \"\"\"\nprint(v)"), "Line 1\n  Line 2\n")
    }

    func testOperatorsAsFunctionsAndIntDoubleMixing() {
        XCTAssertEqual(run("[1, 2, 3].reduce(1, *)"), "6")
        XCTAssertEqual(run("[3, 1, 2].sorted(by: <)"), "[1, 2, 3]")
        XCTAssertEqual(run("7 / 2"), "3")
        XCTAssertEqual(run("7.0 / 2"), "3.5")
        XCTAssertEqual(run("-7 % 3"), "-1")
        XCTAssertEqual(run("1 == 1.0"), "true")
    }

    func testPrintSeparatorTerminatorAndStderr() {
        let host = RecordingHost()
        run("print(1, \"a\", [1], separator: \"-\", terminator: \"!\")\neprint(\"oops\")", host: host)
        XCTAssertEqual(host.stdout, "1-a-[1]!")
        XCTAssertEqual(host.stderr, "oops\n")
    }

    func testRecursionAndClosuresAsValues() {
        XCTAssertEqual(run("func fact(_ n: Int) -> Int { n <= 1 ? 1 : n * fact(n - 1) }\nfact(20)"), "2432902008176640000")
        XCTAssertEqual(run("let add = { (a: Int, b: Int) in a + b }\nadd(2, 3)"), "5")
        XCTAssertEqual(run("func apply(_ f: (Int) -> Int, to x: Int) -> Int { f(x) }\napply({ $0 + 1 }, to: 1)"), "2")
        // Frames of finished calls are reused; those a closure captured must keep their values.
        let code = """
        var keep = [Any]()
        func walk(_ n: Int) -> Int {
            if n == 0 { return 0 }
            let here = n * 10
            if n % 2 == 0 { keep.append({ here }) }
            return walk(n - 1) + 1
        }
        [walk(6), walk(3)] + keep.map { $0() }
        """
        XCTAssertEqual(run(code), "[6, 3, 60, 40, 20, 20]")
        // Functions that use a variable of an enclosing block or function capture its frame; others do not.
        XCTAssertEqual(run("var out = 0\nif true {\n  let k = 5\n  func g() -> Int { k * 2 }\n  func h(_ x: Int = k) -> Int { x + 1 }\n  out = g() + h()\n}\nout"), "16")
        XCTAssertEqual(run("func adder(_ n: Int) -> (Int) -> Int {\n  func add(_ x: Int) -> Int {\n    let f = { (y: Int) in y + n }\n    return f(x)\n  }\n  return add\n}\nadder(4)(1)"), "5")
        // A library call re-entered while its arguments are evaluated gets its own argument array.
        XCTAssertEqual(run("func g(_ n: Int) -> String { n == 0 ? \"\" : String(n) + \",\" + String(g(n - 1)) }\ng(4)"), "\"4,3,2,1,\"")
    }

    func testReturnsFromAnywhereInABody() {
        let code = """
        func early(_ xs: [Int]) -> Int {
            for x in xs { if x > 2 { return x } }
            return -1
        }
        func bump(_ n: Int) -> Int { var t = n; t += 1; return t }
        func nothing(_ n: Int) { if n > 0 { return }; print("zero") }
        func fallsOff(_ n: Int) -> Int? { if n > 0 { return n } }
        nothing(0)
        nothing(1)
        [early([1, 5, 3]), early([1]), bump(1), fallsOff(2)!, fallsOff(0) ?? -2]
        """
        let host = RecordingHost()
        XCTAssertEqual(run(code, host: host), "[5, -1, 2, 2, -2]")
        XCTAssertEqual(host.stdout, "zero\n")
        XCTAssertEqual(failure("func f(_ n: Int) -> Int { if n > 0 { return n }\n return \"no\" }\nf(0)")?.ename, "TypeError")
        // `if x < 2 { return … }` compares Ints inline; other values still compare (or fail) as anywhere else.
        XCTAssertEqual(run("func down(_ x: Double) -> Double {\n if x < 2 { return x }\n return down(x - 1)\n}\nfunc isNil(_ x: Int?) -> Bool {\n if x == nil { return true }\n return false\n}\n[down(5.5), down(1), isNil(nil) ? 1 : 0, isNil(3) ? 1 : 0]"),
                       "[1.5, 1.0, 1, 0]")
        XCTAssertEqual(failure("func g(_ s: String) -> Int {\n if s < 2 { return 1 }\n return 0\n}\ng(\"a\")")?.evalue, "cannot compare String and Int with `<`")
    }

    func testCallsThatFailPartWayLeaveLaterCallsIntact() {
        // Deeper than the frame pool holds, failing in an argument and in a body: frames taken by the
        // failed calls must not come back holding stale values.
        let session = Session()
        run("""
        func depth(_ n: Int, failAt k: Int) -> Int {
            if n == k { return 1 / (n - k) }
            if n == 0 { return 0 }
            let here = n
            return depth(n - 1, failAt: k) + here - n + 1
        }
        func sum(_ a: Int, _ b: Int) -> Int { a + b }
        """, session: session)
        XCTAssertEqual(failure("depth(200, failAt: 150)", session: session)?.ename, "ArithmeticError")
        XCTAssertEqual(failure("sum(1, depth(100, failAt: 3))", session: session)?.ename, "ArithmeticError")
        XCTAssertEqual(run("[depth(200, failAt: -1), depth(5, failAt: -1), sum(2, 3)]", session: session), "[200, 5, 5]")
    }
}
