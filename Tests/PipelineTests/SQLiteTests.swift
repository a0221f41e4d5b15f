import Foundation
import Pipeline
import XCTest

final class SQLiteTests: XCTestCase {
    private func memory() throws -> SQLiteDatabase { try SQLiteDatabase(path: ":memory:") }

    func testPreparedStatementsBindStepAndReadTypedTables() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BOOLEAN, ts TIMESTAMP TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        let when = Timestamp(microseconds: 1_700_000_000_123_456)
        for row: [Value] in [[.int(1), .double(0.5), .string("a"), .bool(true), .timestamp(when)],
                             [.null, .int(2), .string("é"), .bool(false), .null]] {
            insert.reset()
            try insert.bind(row)
            try insert.step()
        }
        let table = try db.prepare("SELECT * FROM t").readTable()
        XCTAssertEqual(table.columns.map(\.type), [.int, .double, .string, .bool, .timestamp])
        XCTAssertEqual(table.row(0), [.int(1), .double(0.5), .string("a"), .bool(true), .timestamp(when)])
        XCTAssertEqual(table.row(1), [.null, .double(2), .string("é"), .bool(false), .null])
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t WHERE ts = '2023-11-14T22:13:20.123456Z'"), 1)
    }

    /// Text read back is exactly what decoding each cell's bytes gives, whether the column
    /// repeats a few values or holds thousands of distinct ones: empty text, numbers in a text
    /// column, invalid UTF-8 (repaired the same way every time) and texts differing only in
    /// their last byte or their length included.
    func testTextColumnsReadEveryCellAsItsOwnBytesDecoded() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t(few TEXT, many TEXT, plain)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
        let few: [Value] = [.string("web.formFilledOut"), .string("web.formFilledOu"), .string(""), .string("web.formFilledOuT"), .null, .int(7)]
        for r in 0..<3_000 {
            insert.reset()
            try insert.bind([few[r % few.count], .string("user-\(r)-" + String(repeating: "x", count: r % 20)), r % 2 == 0 ? .int(r) : .string("é\(r % 3)")])
            try insert.step()
        }
        try db.execute("UPDATE t SET few = CAST(X'FF61' AS TEXT) WHERE rowid % 7 = 0")
        let table = try db.prepare("SELECT few, many, plain FROM t ORDER BY rowid").readTable()
        let expected = try db.prepare("SELECT few, many, plain FROM t ORDER BY rowid")
        var r = 0
        while try expected.step() {
            for c in 0..<3 {
                let cell: Value
                if expected.isNull(c) { cell = .null }
                else if c == 2, r % 2 == 0 { cell = .string(String(r)) }
                else { cell = .string(expected.text(c)) }
                XCTAssertEqual(table.row(r)[c], cell, "row \(r), column \(c)")
            }
            r += 1
        }
        XCTAssertEqual(r, 3_000)
        XCTAssertEqual(table.row(6)[0], .string("\u{FFFD}a"), "invalid UTF-8 is repaired (rowid 7)")
    }

    func testATimestampColumnHoldingOtherTextOrNumbersStaysTextAsStored() throws {
        let db = try memory()
        try db.execute("""
            CREATE TABLE t(id INTEGER, ts TIMESTAMP TEXT);
            INSERT INTO t VALUES (1, NULL), (2, '2023-11-14T22:13:20.123456Z'), (3, '2023-11-14 22:13:20'), (4, 'soon'), (5, NULL);
            """)
        let mixed = try db.prepare("SELECT ts FROM t ORDER BY id").readTable()
        XCTAssertEqual(mixed.columns.map(\.type), [.string])
        XCTAssertEqual(mixed.columns[0].nullCount, 2)
        XCTAssertEqual((1..<4).map { mixed.row($0)[0] }, [.string("2023-11-14T22:13:20.123456Z"), .string("2023-11-14 22:13:20"), .string("soon")])
        try db.execute("INSERT INTO t VALUES (6, x'41')")   // a blob is kept as stored, not given the column's affinity
        let blob = try db.prepare("SELECT ts FROM t WHERE id IN (2, 6) ORDER BY id").readTable()
        XCTAssertEqual(blob.columns.map(\.type), [.string], "text timestamps then a blob")
        XCTAssertEqual(blob.row(0)[0], .string("2023-11-14T22:13:20.123456Z"))
        XCTAssertEqual(blob.row(1)[0], .string("A"))
        let clean = try db.prepare("SELECT ts FROM t WHERE id < 4 ORDER BY id").readTable()
        XCTAssertEqual(clean.columns.map(\.type), [.timestamp])
        XCTAssertEqual(clean.row(1)[0], .timestamp(Timestamp(microseconds: 1_700_000_000_123_456)))
        XCTAssertEqual(clean.row(0)[0], .null)
    }

    func testExpressionColumnsAreTypedByTheirValues() throws {
        let db = try memory()
        let t = try db.prepare("SELECT 1 AS a, 1.5 AS b, 'x' AS c, NULL AS d UNION ALL SELECT 2, 3, 'y', NULL").readTable()
        XCTAssertEqual(t.columns.map(\.type), [.int, .double, .string, .string])
        XCTAssertEqual(t.row(1), [.int(2), .double(3), .string("y"), .null])
        let dup = try db.prepare("SELECT 1 AS x, 2 AS x").readTable()
        XCTAssertEqual(dup.columnNames, ["x", "x_2"])
    }

    func testErrorsCarryTheOffsetSQLiteReports() throws {
        let db = try memory()
        XCTAssertThrowsError(try db.prepare("SELECT nosuchcolumn FROM (SELECT 1 AS a)")) { error in
            let e = error as? SQLiteError
            XCTAssertEqual(e?.offset, 7, "\(error)")
            XCTAssertTrue(e?.message.contains("no such column") ?? false)
        }
    }

    func testTransactionsRollBackOnError() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t(x INTEGER)")
        XCTAssertThrowsError(try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            throw PipelineError(.invalidArgument, "stop")
        })
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t"), 0)
    }

    func testCustomScalarAggregateAndWindowFunctions() throws {
        let db = try memory()
        try db.createFunction("twice", argumentCount: 1) { .int($0.int(0) * 2) }
        try db.createFunction("fails", argumentCount: 0) { _ in throw PipelineError(.invalidArgument, "no good") }
        final class Total: SQLiteAggregate {
            var sum = 0
            func step(_ a: SQLiteArguments) { sum += a.int(0) }
            func inverse(_ a: SQLiteArguments) { sum -= a.int(0) }
            func value() -> Value { .int(sum) }
        }
        try db.createAggregate("total_of", argumentCount: 1, Total.self, window: true)
        XCTAssertEqual(try db.scalarInt("SELECT twice(21)"), 42)
        XCTAssertEqual(try db.scalarInt("SELECT total_of(x) FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3)"), 6)
        XCTAssertEqual(try db.scalarInt("SELECT total_of(x) FROM (SELECT 1 AS x WHERE 0)"), 0, "empty group")
        let sliding = try db.prepare("""
            SELECT total_of(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s
            FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3)
            """).readTable()
        XCTAssertEqual(try sliding.column("s").doubles, [1, 3, 5])
        XCTAssertThrowsError(try db.scalarInt("SELECT fails()")) { XCTAssertTrue("\($0)".contains("no good")) }
    }

    func testTimestampTextRoundTripsAndSorts() {
        for micros: Int64 in [0, 1_700_000_000_000_001, -1, 253_402_300_799_999_999] {
            let text = TimestampText.format(micros)
            XCTAssertEqual(text.utf8.count, TimestampText.width)
            var copy = text
            XCTAssertEqual(copy.withUTF8 { TimestampText.parse($0) }, micros, text)
        }
        XCTAssertLessThan(TimestampText.format(999_999), TimestampText.format(1_000_000))
    }

    /// The formatter against Foundation's calendar fields, over seeded times from 1600 to 9999
    /// (Foundation's Gregorian calendar is Julian before 1582), and at the edges of the range.
    func testTimestampTextMatchesTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let low: Int64 = -11_676_096_000_000_000   // 1600-01-01
        var rng = SeededGenerator(seed: 11)
        let times = (0..<2_000).map { _ in Int64.random(in: low...TimestampText.writableRange.upperBound, using: &rng) }
            + [low, -1, 0, 86_399_999_999, 951_782_400_000_000, TimestampText.writableRange.upperBound]
        for micros in times {
            let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
            let whole = fraction < 0 ? seconds - 1 : seconds
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: TimeInterval(whole)))
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
                                  Int(micros - whole * 1_000_000))
            XCTAssertEqual(TimestampText.format(micros), expected, "\(micros)")
        }
        XCTAssertEqual(TimestampText.format(TimestampText.writableRange.lowerBound), "0000-01-01T00:00:00.000000Z")
        XCTAssertEqual(TimestampText.format(TimestampText.writableRange.upperBound + 1), "0000-01-01T00:00:00.000000Z",
                       "year 10000 keeps its last four digits")
    }

    func testFileConnectionsReadThroughAMemoryMap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-mmap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.db").path
        let writer = try SQLiteDatabase(path: path)
        XCTAssertGreaterThan(try writer.scalarInt("PRAGMA mmap_size") ?? 0, 0, "a file connection maps the database")
        try writer.execute("PRAGMA journal_mode = WAL; CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)")
        let reader = try SQLiteDatabase(path: path, readOnly: true)
        XCTAssertEqual(try reader.scalarInt("SELECT sum(x) FROM t"), 3)
        try writer.execute("INSERT INTO t VALUES (4)")
        XCTAssertEqual(try reader.scalarInt("SELECT sum(x) FROM t"), 7, "a mapped reader sees later commits")
    }
}
