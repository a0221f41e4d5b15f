import JSON
import XCTest

final class JSONTests: XCTestCase {
    func testRoundTripKeepsIntegersAndDoublesApart() throws {
        let value = try JSONParser.parse(#"{"a": 1, "b": 1.5, "c": [true, null, "x\n\u00e9"], "d": -0.0, "e": 1e300}"#)
        XCTAssertEqual(value["a"], .int(1))
        XCTAssertEqual(value["b"], .double(1.5))
        XCTAssertEqual(value["c"], .array([.bool(true), .null, .string("x\né")]))
        XCTAssertEqual(try JSONParser.parse(JSONWriter().string(value)), value)
    }

    func testPythonStyleMatchesJsonDumps() {
        // json.dumps({"b": [1, 2.0], "a": {}, "é": "\u0001"}, indent=1, sort_keys=True, ensure_ascii=False)
        let value: JSONValue = ["b": [1, 2.0], "a": [:], "é": "\u{01}"]
        XCTAssertEqual(JSONWriter.notebook.string(value), "{\n \"a\": {},\n \"b\": [\n  1,\n  2.0\n ],\n \"é\": \"\\u0001\"\n}")
    }

    func testErrorsAreLocated() {
        XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": tru\n}")) { error in
            let e = error as! JSONError
            XCTAssertEqual(e.line, 2)
            XCTAssertEqual(e.column, 8)
        }
        for bad in ["", "{", "[1,]", "01", "\"\\x\"", "\"\u{01}\"", "1 2", "{\"a\" 1}", "\"\\ud800\"", "nul"] {
            XCTAssertThrowsError(try JSONParser.parse(bad), bad)
        }
    }

    func testDeepNestingIsRejectedNotCrashed() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep))
    }

    func testSurrogatePairsDecode() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#), .string("😀"))
    }

    func testMembersAreWrittenInTheGivenOrder() {
        XCTAssertEqual(String(decoding: JSONWriter().bytes(members: [("b", 1), ("a", ["x": "\"q\""])] as [(String, JSONValue)]), as: UTF8.self),
                       #"{"b":1,"a":{"x":"\"q\""}}"#)
        XCTAssertEqual(String(decoding: JSONWriter().bytes(members: [(String, JSONValue)]()), as: UTF8.self), "{}")
    }
}
