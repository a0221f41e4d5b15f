import Pipeline
import XCTest

final class CSVTests: XCTestCase {
    func read(_ text: String, types: [String: DataType] = [:]) throws -> Table {
        try CSVReader.read(Array(text.utf8), source: "scores.csv", types: types)
    }

    func testRoundTripKeepsTypesNullsAndQuoting() throws {
        let bytes = CSVWriter.bytes(FileSamples.table)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("userId,events,propensity,subscribed,firstSeen,note\r\n"))
        XCTAssertTrue(text.contains("\"u,2\",-7,1e-07,,1970-01-01T00:00:00Z,a\r\n"), text)
        XCTAssertTrue(text.contains("\"u\"\"3\"\"\""))
        let back = try CSVReader.read(bytes, source: "sample.csv")
        XCTAssertEqual(back.columns.map(\.type), FileSamples.table.columns.map(\.type))
        XCTAssertEqual(back.rows, FileSamples.table.rows)
    }

    func testInferenceKeepsCodesAsText() throws {
        let t = try read("zip,phone,n,x,flag,when\n007,+331234,1,1.5,TRUE,2026-11-22\n010,+44,2,2,false,2026-11-23T10:00:00Z\n")
        XCTAssertEqual(t.columns.map(\.type), [.string, .string, .int, .double, .bool, .timestamp])
        XCTAssertEqual(try t.column("zip")[0], .string("007"))
        XCTAssertEqual(try t.column("x")[1], .double(2))
    }

    func testQuotedEmptyIsTextUnquotedEmptyIsNull() throws {
        let t = try read("a,b\r\n\"\",\r\nx,1\r\n")
        XCTAssertEqual(t.rows, [[.string(""), .null], [.string("x"), .int(1)]])
    }

    func testDeclaredTypesAreChecked() throws {
        let t = try read("id,score\n1,2\n", types: ["score": .double, "id": .string])
        XCTAssertEqual(t.row(0), [.string("1"), .double(2)])
        XCTAssertThrowsError(try read("id,score\n1,0.5\n2,high\n", types: ["score": .double])) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .malformedFile)
            XCTAssertEqual("\(error)", "scores.csv, row 3, column `score`: `high` is not a Double")
        }
        XCTAssertThrowsError(try read("id\n1\n", types: ["ID": .int])) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `id`?")
        }
    }

    func testMalformedFilesNameFileRowAndColumn() {
        let cases: [(String, String)] = [
            ("a,b\n1,2\n3\n", "scores.csv, row 3: 1 fields, expected 2 (a, b)"),
            ("a,b\n1,\"open\n", "scores.csv, row 2, column 2: a quoted field is never closed"),
            ("a,b\n1,x\"y\n", "scores.csv, row 2, column 2: a quote inside an unquoted field"),
            ("a,b\n\"x\"y,1\n", "scores.csv, row 2, column 1: text after a closing quote"),
            ("a,a\n1,2\n", "scores.csv, row 1: the column name `a` appears twice"),
            ("", "scores.csv: the file is empty; a CSV file needs a header row"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try read(text), text) { error in
                XCTAssertEqual((error as? PipelineError)?.message, message)
            }
        }
    }

    func testEmbeddedNewlinesBOMAndBlankLines() throws {
        let t = try read("\u{FEFF}name,n\n\"two\nlines\",1\n\n\"x\",2")
        XCTAssertEqual(t.rows, [[.string("two\nlines"), .int(1)], [.string("x"), .int(2)]])
    }

    /// Declared types parse a cell exactly as Swift's own `Int(_:)`, `Double(_:)` and
    /// `Timestamp(parsing:)` parse its text.
    func testDeclaredTypesParseLikeSwift() throws {
        let texts = ["0", "-0", "+5", "007", "-", "+", "12a", " 1", "1 ", "9223372036854775807", "9223372036854775808",
                     "-9223372036854775808", "-9223372036854775809", "1.5", "1.", ".5", "1e5", "-2.5E-3", "1e", "e5",
                     "nan", "inf", "-infinity", "0x1p3", "1e999", "2026-11-22", "2026-11-22T10:24:22.5Z", "2026-13-01"]
        for text in texts {
            for (type, expected) in [(DataType.int, Int(text).map(Value.int)), (.double, Double(text).map(Value.double)),
                                     (.timestamp, Timestamp(parsing: text).map(Value.timestamp))] {
                do {
                    let value = try read("x\n\(text)\n", types: ["x": type]).column("x")[0]
                    if case .double(let d) = value, d.isNaN, case .double(let e)? = expected, e.isNaN { continue }
                    XCTAssertEqual(value, expected, "`\(text)` as \(type)")
                } catch {
                    XCTAssertNil(expected, "`\(text)` as \(type): \(error)")
                }
            }
        }
    }

    func testInferenceAtTheEdgesOfEachType() throws {
        let t = try read("big,bigger,flag,quoted,code,mixed\n9223372036854775807,9223372036854775808,TrUe,\"12\",-01.5,1\n-9223372036854775808,1,FALSE,\"3\",2,x\n")
        XCTAssertEqual(t.columns.map(\.type), [.int, .double, .bool, .int, .string, .string])
        XCTAssertEqual(t.row(1), [.int(.min), .double(1), .bool(false), .int(3), .string("2"), .string("x")])
    }

    func testEscapedQuotesAndRepeatedTextKeepEveryField() throws {
        let t = try read("a,b,c\n\"x\"\"y\",\"\"\"\",z\n\"x\"\"y\",\"\",z\n\"x\"\"z\",,y\nw,,z\n")
        XCTAssertEqual(t.rows, [[.string("x\"y"), .string("\""), .string("z")],
                                [.string("x\"y"), .string(""), .string("z")],
                                [.string("x\"z"), .null, .string("y")],
                                [.string("w"), .null, .string("z")]])
    }
}
