import Pipeline
import XCTest

final class JSONLinesTests: XCTestCase {
    func testRoundTripWithDeclaredTimestamps() throws {
        let bytes = JSONLinesWriter.bytes(FileSamples.table)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(String(lines[1]), #"{"userId":"u,2","events":-7,"propensity":1e-07,"subscribed":null,"firstSeen":"1970-01-01T00:00:00Z","note":"a"}"#)
        let back = try JSONLinesReader.read(bytes, source: "sample.json")
        XCTAssertEqual(back.columnNames, FileSamples.table.columnNames)
        XCTAssertEqual(back.columns.map(\.type), FileSamples.table.columns.map(\.type))
        XCTAssertEqual(back.rows, FileSamples.table.rows)
    }

    func testDeclaredTypesWinOverInference() throws {
        let t = try JSONLinesReader.read(Array("{\"day\":\"2026-11-22\",\"n\":1}\n".utf8), source: "x.json", types: ["day": .string, "n": .double])
        XCTAssertEqual(t.row(0), [.string("2026-11-22"), .double(1)])
        XCTAssertEqual(try JSONLinesReader.read(Array("{\"day\":\"2026-11-22\"}\n".utf8), source: "x.json").columns[0].type, .timestamp)
    }

    func testMissingKeysAreNullAndNumbersWiden() throws {
        let t = try JSONLinesReader.read(Array("{\"a\":1}\n\n{\"a\":2.5,\"b\":[1,2]}\n".utf8), source: "x.jsonl")
        XCTAssertEqual(t.columnNames, ["a", "b"])
        XCTAssertEqual(t.rows, [[.double(1), .null], [.double(2.5), .string("[1,2]")]])
    }

    func testErrorsNameFileLineAndKey() {
        let cases: [(String, String)] = [
            ("{\"a\":1}\n{\"a\":\n", "x.jsonl, line 2, column"),
            ("{\"a\":1}\n[1]\n", "x.jsonl, line 2: expected a JSON object"),
            ("{\"a\":1}\n{}\n{\"a\":\"x\"}\n", "x.jsonl, line 3, key `a`: found String `x` after Int values"),
        ]
        for (text, prefix) in cases {
            XCTAssertThrowsError(try JSONLinesReader.read(Array(text.utf8), source: "x.jsonl")) { error in
                XCTAssertTrue("\(error)".hasPrefix(prefix), "\(error)")
            }
        }
        XCTAssertThrowsError(try JSONLinesReader.read(Array("{\"t\":\"soon\"}\n".utf8), source: "x.jsonl", types: ["t": .timestamp])) { error in
            XCTAssertEqual("\(error)", "x.jsonl, line 1, key `t`: `soon` is not a Timestamp")
        }
    }
}
