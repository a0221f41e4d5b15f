@testable import Pipeline
import XCTest

final class ParquetTests: XCTestCase {
    func testRoundTripEveryCompressionAndRowGroups() throws {
        for compression in ParquetCompression.allCases {
            for groupRows in [1, 2, 100] {
                let bytes = try ParquetWriter.bytes(FileSamples.table, compression: compression, rowGroupRows: groupRows)
                XCTAssertEqual(Array(bytes.prefix(4)), Array("PAR1".utf8))
                let back = try ParquetReader.read(bytes, source: "sample.parquet")
                XCTAssertEqual(back.columnNames, FileSamples.table.columnNames)
                XCTAssertEqual(back.columns.map(\.type), FileSamples.table.columns.map(\.type), "\(compression)")
                XCTAssertEqual(back.rows, FileSamples.table.rows, "\(compression), \(groupRows) rows per group")
            }
        }
    }

    func testEmptyTableAndLargeColumns() throws {
        let empty = try Table([Column("a", ints: []), Column("s", strings: [])])
        let back = try ParquetReader.read(try ParquetWriter.bytes(empty), source: "e.parquet")
        XCTAssertEqual(back.rowCount, 0)
        XCTAssertEqual(back.columnNames, ["a", "s"])
        let n = 50_000
        let big = try Table([Column("id", ints: Array(0..<n)),
                             Column("event", strings: (0..<n).map { ["web.formFilledOut", "commerce.purchases", "web.pageViews"][$0 % 3] })])
        let snappy = try ParquetWriter.bytes(big, compression: .snappy)
        let plain = try ParquetWriter.bytes(big, compression: .none)
        // The events are dictionary-encoded either way; snappy finds the ids' zero high bytes.
        XCTAssertLessThan(snappy.count, plain.count * 2 / 3, "snappy finds the repeats")
        XCTAssertEqual(try ParquetReader.read(snappy, source: "big.parquet").rows, big.rows)
    }

    /// Repeating values are dictionary-encoded (indices in RLE runs and bit-packed groups of every
    /// width up to 17 bits) and read back exactly; values that barely repeat stay PLAIN.
    func testDictionaryEncodingRoundTripsEveryRunShapeAndWidth() throws {
        var generator = SplitMix64(seed: 5)
        // Stretches of 1…20 equal values, so RLE runs start at every offset of a bit-packed group.
        var stretches: [Int] = []
        while stretches.count < 20_000 {
            let value = Int(generator.next() % 6), length = 1 + Int(generator.next() % 20)
            stretches += repeatElement(value, count: length)
        }
        let n = stretches.count
        let table = try Table([
            Column("stretch", ints: stretches, nulls: (0..<n).map { $0 % 37 == 0 }),
            Column("constant", ints: Array(repeating: 42, count: n)),
            Column("minutes", ints: (0..<n).map { $0 * $0 % 997 - 500 }),
            Column("wide", ints: (0..<n).map { $0 / 2 }),   // n / 2 distinct: 15 bits
            Column("zeros", doubles: (0..<n).map { [0.0, -0.0, 1.5][$0 % 3] }, nulls: (0..<n).map { $0 % 5 == 1 }),
            Column("event", strings: (0..<n).map { ["web.formFilledOut", "commerce.purchases", "ünï 😀"][$0 * 7 % 3] }),
            Column("time", timestamps: (0..<n).map { Int64($0 / 3) * 1_000_000 - 7 }),
            Column("id", strings: (0..<n).map { "u\($0)" }),
            Column("flag", bools: (0..<n).map { $0 % 3 == 0 }),
        ])
        for compression in ParquetCompression.allCases {
            let back = try ParquetReader.read(try ParquetWriter.bytes(table, compression: compression, rowGroupRows: 16_384), source: "d.parquet")
            XCTAssertEqual(back.rows, table.rows, "\(compression)")
            XCTAssertEqual(try back.column("zeros").doubles?.map { $0.sign }, try table.column("zeros").doubles?.map { $0.sign })
        }
        let wide = try Table([Column("wide", ints: (0..<200_000).map { $0 / 2 })])   // 17 bits
        XCTAssertEqual(try ParquetReader.read(try ParquetWriter.bytes(wide), source: "w.parquet").rows, wide.rows)
        // A column of 6 values in stretches takes far less than PLAIN's 8 bytes a row.
        let stretch = try ParquetWriter.bytes(try Table([Column("stretch", ints: stretches)]), compression: .none)
        XCTAssertLessThan(stretch.count, n)
        let unique = try ParquetWriter.bytes(try Table([Column("id", ints: Array(0..<n))]), compression: .none)
        XCTAssertGreaterThan(unique.count, 8 * n, "no dictionary for values that do not repeat")
    }

    /// Columns that do not repeat are PLAIN in pages of about a megabyte (compressed separately,
    /// on every core): more than one page per chunk, nulls included, reads back exactly.
    func testLargePlainColumnsSpanSeveralPages() throws {
        let n = 60_000
        let ids = (0..<n).map { "synthetic-user-\($0)@adobe.com" }
        XCTAssertGreaterThan(ids.reduce(0) { $0 + $1.utf8.count } * 5 / 6, ParquetWriter.pageBytes, "a group of 50,000 rows spans two pages")
        let table = try Table([
            Column("id", strings: ids, nulls: (0..<n).map { $0 % 11 == 0 }),
            Column("n", ints: (0..<n).map { $0 * 7_919 }, nulls: (0..<n).map { $0 % 3 == 0 }),
            Column("x", doubles: (0..<n).map { Double($0) / 7 }),
        ])
        for compression in ParquetCompression.allCases {
            let back = try ParquetReader.read(try ParquetWriter.bytes(table, compression: compression, rowGroupRows: 50_000), source: "p.parquet")
            XCTAssertEqual(back.rows, table.rows, "\(compression)")
        }
    }

    func testMalformedFilesAreRejectedWithTheFileName() throws {
        let good = try ParquetWriter.bytes(FileSamples.table)
        let cases: [[UInt8]] = [Array("PAR1".utf8), Array("hello world, not parquet".utf8), Array(good.prefix(good.count / 2)) + Array("PAR1".utf8),
                                Array(good[0..<good.count - 8]) + [255, 255, 0, 0] + Array("PAR1".utf8)]
        for bytes in cases {
            XCTAssertThrowsError(try ParquetReader.read(bytes, source: "bad.parquet")) { error in
                XCTAssertEqual((error as? PipelineError)?.kind, .malformedFile, "\(error)")
                XCTAssertTrue("\(error)".hasPrefix("bad.parquet"), "\(error)")
            }
        }
    }

    func testSnappyRoundTripsAndRejectsCorruption() throws {
        var generator = SplitMix64(seed: 9)
        let inputs: [[UInt8]] = [[], [1], Array("abcabcabcabcabcabcabcabcabcabc".utf8), (0..<100_000).map { UInt8($0 % 251) },
                                 (0..<70_000).map { _ in UInt8(generator.next() % 4) }, (0..<5000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }]
        for input in inputs {
            let compressed = Snappy.compress(input)
            XCTAssertEqual(try Snappy.decompress(compressed[...]), input)
        }
        XCTAssertLessThan(Snappy.compress(inputs[3]).count, 5000, "64-byte copies of a repeating pattern: about 3 bytes per 64")
        XCTAssertThrowsError(try Snappy.decompress([10, 0x0A, 1][...]))
        XCTAssertThrowsError(try Snappy.decompress([5, 0b0000_0110, 9, 0][...]), "a copy before any output")
    }

    func testGzipRoundTrip() throws {
        let input = Array(String(repeating: "propensity,", count: 1000).utf8)
        let compressed = try Gzip.compress(input)
        XCTAssertEqual(Array(compressed.prefix(2)), [0x1F, 0x8B])
        XCTAssertEqual(try Gzip.decompress(compressed[...], expectedSize: 10), input)
        XCTAssertThrowsError(try Gzip.decompress(compressed.prefix(20), expectedSize: 10))
    }
}
