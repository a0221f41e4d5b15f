import XCTest
import Foundation
@testable import Language

/// A small data library bound through the public API only, as Stdlib binds tables and charts:
/// a module with documented functions and a host object with properties, methods, iteration,
/// subscripts, rich display and errors of its own kind.
final class Ledger: HostObject {
    var rows: [(name: String, amount: Int)]

    init(rows: [(String, Int)]) { self.rows = rows.map { (name: $0.0, amount: $0.1) } }

    var typeName: String { "Ledger" }
    var doc: String { "Named amounts." }

    var members: [HostMember] {
        [
            .property("count", type: "Int", doc: "Number of rows.") { .int(self.rows.count) },
            .property("total", type: "Int", doc: "Sum of amounts.") { .int(self.rows.reduce(0) { $0 + $1.amount }) },
            .method(NativeFunction("filter", [.positional("isIncluded", "(Row) -> Bool")], returns: "Ledger",
                                   doc: "Rows for which the closure returns true.") { args in
                let kept = try self.rows.filter { row in
                    try args.call(args[0], [.dictionary(OrderedDictionary([("name", .string(row.name)), ("amount", .int(row.amount))]))]).boolValue == true
                }
                return .object(Ledger(rows: kept.map { ($0.name, $0.amount) }))
            }),
            .method(NativeFunction("top", [.positional("n", "Int", default: 1)], returns: "[String]", doc: "Names of the largest amounts.") { args in
                let n = try args.int(0)
                guard n >= 0 else { throw LanguageError("LedgerError", "top(_:) needs n >= 0, got \(n)") }
                return .array(self.rows.sorted { $0.amount > $1.amount }.prefix(n).map { .string($0.name) })
            }),
        ]
    }

    func display() -> MimeBundle {
        ["text/plain": "Ledger(\(rows.count) rows)", "text/html": "<table>" + rows.map { "<tr><td>\($0.name)</td><td>\($0.amount)</td></tr>" }.joined() + "</table>"]
    }

    func elements() throws -> [Value]? { rows.map { .tuple([.string($0.name), .int($0.amount)]) } }

    func subscripted(by key: Value) throws -> Value? {
        guard let name = key.stringValue else { return nil }
        guard let row = rows.first(where: { $0.name == name }) else { throw LanguageError.keyError("no row named \(name)") }
        return .int(row.amount)
    }
}

final class BindingTests: XCTestCase {
    func ledgerModule() -> NativeModule {
        NativeModule("books", doc: "Bookkeeping helpers.", members: [
            .method(NativeFunction("ledger", [.positional("amounts", "[String: Int]")], returns: "Ledger",
                                   doc: "A ledger from a dictionary of amounts.") { args in
                let d = try args.dictionary(0)
                return .object(Ledger(rows: zip(d.keys, d.values).map { ($0.stringValue ?? "", $1.intValue ?? 0) }))
            }),
            .method(NativeFunction("round", [.positional("x", "Double"), .labeled("places", "Int", default: 0)], returns: "Double",
                                   doc: "Rounds to decimal places.") { args in
                let p = Foundation.pow(10.0, Double(try args.int(1)))
                return .double((try args.double(0) * p).rounded() / p)
            }),
            .constant("currency", "EUR", doc: "The ledger currency."),
        ])
    }

    func session() -> Session { Session(prelude: [ledgerModule()]) }

    func testModuleFunctionsWithLabelsAndDefaults() {
        let s = session()
        XCTAssertEqual(run("books.round(2.345, places: 2)", session: s), "2.35")
        XCTAssertEqual(run("books.round(2.5)", session: s), "3.0")
        XCTAssertEqual(run("books.currency", session: s), "\"EUR\"")
        let r = failure("books.round(1.0, digits: 2)", session: s)
        XCTAssertEqual(r?.ename, "ArgumentError")
        XCTAssertEqual(r?.diagnostics.first?.hints, ["expected: round(_ x: Double, places: Int = 0) -> Double"])
        XCTAssertEqual(failure("books.round(\"x\")", session: s)?.ename, "TypeError")
        XCTAssertEqual(failure("books.rnd(1)", session: s)?.diagnostics.first?.hints, ["did you mean `round`?"])
    }

    func testHostObjectMembersDisplayIterationAndSubscripts() {
        let s = session()
        run("let l = books.ledger([\"rent\": 900, \"food\": 300, \"fun\": 50])", session: s)
        XCTAssertEqual(run("(l.count, l.total, l[\"food\"])", session: s), "(3, 1250, 300)")
        XCTAssertEqual(run("l.top(2)", session: s), "[\"rent\", \"food\"]")
        XCTAssertEqual(run("l.filter { $0[\"amount\"]! > 100 }.count", session: s), "2")
        let host = RecordingHost()
        run("for (name, amount) in l where amount < 100 { print(name) }", session: s, host: host)
        XCTAssertEqual(host.stdout, "fun\n")
        guard case .value(let bundle) = s.execute("l", host: RecordingHost()) else { return XCTFail() }
        XCTAssertEqual(bundle?["text/plain"], "Ledger(3 rows)")
        XCTAssertTrue(bundle?["text/html"]?.hasPrefix("<table>") ?? false)
        XCTAssertEqual(run("type(of: l)", session: s), "\"Ledger\"")
    }

    func testHostErrorsAreLocatedAtTheCallSite() {
        let s = session()
        run("let l = books.ledger([\"a\": 1])", session: s)
        let r = failure("let x = 1\nlet t = l.top(-1)", session: s)
        XCTAssertEqual(r?.ename, "LedgerError")
        XCTAssertEqual(r?.diagnostics.first?.location?.line, 2)
        XCTAssertEqual(failure("l[\"zzz\"]", session: s)?.ename, "KeyError")
        XCTAssertEqual(failure("l.nope", session: s)?.ename, "TypeError")
        XCTAssertEqual(failure("l[1]", session: s)?.ename, "TypeError")
    }

    func testCompletionAndInspectionSeeLibraryMembers() {
        let s = session()
        run("let ledger = books.ledger([\"a\": 1])", session: s)
        XCTAssertEqual(s.complete("books.ro", cursor: 8).matches, ["round"])
        XCTAssertEqual(s.complete("ledger.to", cursor: 9).matches, ["top", "total"])
        XCTAssertEqual(s.complete("books.round(1, ", cursor: 15).matches.first, "places:")
        let doc = s.inspect("books.round", cursor: 9)?["text/plain"] ?? ""
        XCTAssertTrue(doc.hasPrefix("round(_ x: Double, places: Int = 0) -> Double\n\nRounds to decimal places."), doc)
        XCTAssertTrue(s.inspect("help(ledger)", cursor: 8)?["text/plain"]?.contains("top(_ n: Int = 1) -> [String]") ?? false)
    }
}
