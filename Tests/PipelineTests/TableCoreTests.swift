import Pipeline
import XCTest

final class TableCoreTests: XCTestCase {
    func testTypedColumnsFromRowsKeepNulls() throws {
        let t = try Table(names: ["id", "score", "name"], types: [.int, .double, .string],
                          rows: [[.int(1), .double(0.5), .string("a")], [.int(2), .null, .string("b")]])
        XCTAssertEqual(t.rowCount, 2)
        XCTAssertEqual(try t.column("score")[1], .null)
        XCTAssertEqual(try t.column("score").doubles?[0], 0.5)
        XCTAssertTrue(try t.column("score").doubles![1].isNaN)
        XCTAssertEqual(t.row(1), [.int(2), .null, .string("b")])
    }

    func testWrongTypeNamesRowAndColumn() {
        XCTAssertThrowsError(try Table(names: ["n"], types: [.int], rows: [[.int(1)], [.string("x")]])) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .typeMismatch)
            XCTAssertTrue("\(error)".contains("row 2, column `n`"), "\(error)")
        }
    }

    func testUnknownColumnSuggestsClosest() throws {
        let t = try Table([Column("userId", ints: [1])])
        XCTAssertThrowsError(try t.column("userid")) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `userId`?")
        }
    }

    func testUnequalColumnsAndDuplicateNamesAreRejected() {
        XCTAssertThrowsError(try Table([Column("a", ints: [1]), Column("b", ints: [1, 2])]))
        XCTAssertThrowsError(try Table([Column("a", ints: [1]), Column("a", ints: [2])]))
    }

    func testTimestampsRoundTripIsoText() throws {
        let t = try XCTUnwrap(Timestamp(parsing: "2026-11-22T10:24:22.283708Z"))
        XCTAssertEqual(t.description, "2026-11-22T10:24:22.283708Z")
        XCTAssertEqual(Timestamp(parsing: "1970-01-01")?.microseconds, 0)
        XCTAssertEqual(Timestamp(parsing: "1970-01-01 01:00:00+01:00")?.microseconds, 0)
        XCTAssertNil(Timestamp(parsing: "2026-13-01"))
        XCTAssertNil(Timestamp(parsing: "yesterday"))
    }

    func testAppendAndGather() throws {
        let a = try Table([Column("x", ints: [1, 2])])
        let b = try Table([Column("x", ints: [3], nulls: [true])])
        let c = try a.appending(b)
        XCTAssertEqual(c.rowCount, 3)
        XCTAssertEqual(try c.column("x")[2], .null)
        XCTAssertEqual(c.gathering([2, 0]).row(1), [.int(1)])
        XCTAssertThrowsError(try a.appending(try Table([Column("y", ints: [1])])))
    }
}
