import ArgumentParser
import Foundation
import JSON
import Pipeline

/// `propel files` (hidden): lets the Python tests hold our file formats against pandas and pyarrow,
/// through the same binary users run, without a test-only Swift harness.
struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "Write the sample table in every format, or print a file's table (for the Python tests).",
        shouldDisplay: false,
        subcommands: [Sample.self, Dump.self])

    /// `propel files sample DIR`: the sample table as sample.csv, sample.json and
    /// sample-<compression>.parquet for every compression, and `repeated` (its rows repeated, so
    /// the values are dictionary-encoded) as repeated-<compression>.parquet.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the sample table in every format into DIR.")

        @Argument(help: "Folder to write into (created when missing).")
        var folder: String

        func run() throws {
            let url = URL(fileURLWithPath: folder)
            try TableFile.write(Self.table, to: url.appendingPathComponent("sample.csv"), as: .csv)
            try TableFile.write(Self.table, to: url.appendingPathComponent("sample.json"), as: .jsonLines)
            for compression in ParquetCompression.allCases {
                try TableFile.write(Self.table, to: url.appendingPathComponent("sample-\(compression.rawValue).parquet"),
                                    as: .parquet, compression: compression)
                try TableFile.write(Self.repeated, to: url.appendingPathComponent("repeated-\(compression.rawValue).parquet"),
                                    as: .parquet, compression: compression)
            }
        }

        /// Every column type, a null in each column, text that needs quoting, escaping and UTF-8.
        /// Tests/python/test_exports_files.py spells out the same values.
        static let table = try! Table([
            Column("userId", strings: ["u1", "u,2", "say \"hi\"", "two\nlines", "ünïcödé 😀"]),
            Column("events", ints: [3, -7, 0, 9_007_199_254_740_993, 12], nulls: [false, false, true, false, false]),
            Column("propensity", doubles: [0.25, 1e-7, 12345.678, 0, -2.5], nulls: [false, false, false, true, false]),
            Column("subscribed", bools: [true, false, true, false, true], nulls: [false, true, false, false, false]),
            Column("firstSeen", timestamps: [1_763_807_062_283_708, 0, -1_000_000, 1_700_000_000_000_000, 5],
                   nulls: [false, false, false, false, true]),
        ])

        /// 200 rows of the sample's: row (i / 9) % 5 for the first 100 (stretches of 9 equal
        /// values, written as RLE runs), then row i % 5 (bit-packed indices).
        static let repeated = Self.table.gathering((0..<100).map { $0 / 9 % 5 } + (0..<100).map { $0 % 5 })
    }

    /// `propel files dump FILE`: a header line `{"columns": […], "types": […]}`, then the rows as
    /// JSON Lines.
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a CSV, JSON Lines or Parquet file's table as JSON Lines.")

        @Argument(help: "The file (or folder of part files) to read.")
        var path: String

        func run() throws {
            let table = try TableFile.read(URL(fileURLWithPath: path))
            let header: JSONValue = .object(["columns": .array(table.columnNames.map(JSONValue.string)),
                                             "types": .array(table.columns.map { .string($0.type.description) })])
            FileHandle.standardOutput.write(Data((JSONWriter(style: .compact, sortKeys: true).string(header) + "\n").utf8))
            FileHandle.standardOutput.write(Data(JSONLinesWriter.bytes(table)))
        }
    }
}
