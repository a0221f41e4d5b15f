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
        XCTAssertLessThan(snappy.count, plain.count / 3, "snappy finds the repeats")
        XCTAssertEqual(try ParquetReader.read(snappy, source: "big.parquet").rows, big.rows)
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
