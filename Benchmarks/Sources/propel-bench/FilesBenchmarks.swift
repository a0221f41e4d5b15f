import Foundation
import JSON
import Pipeline

/// `propel-bench files`: writes and reads an events-shaped table (1,000,000 rows, about what
/// 100,000 simulated users make) as CSV, JSON Lines and Parquet (snappy, gzip), timing each, and
/// prints one JSON object with the figures and the folder holding the files, so
/// Benchmarks/files/compare.py can time pandas and pyarrow on the very same data.
enum FilesBenchmarks {
    static func run(smoke: Bool) throws {
        let rows = smoke ? 2_000 : 1_000_000
        let table = try eventsTable(rows: rows)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-bench-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var figures: [String: JSONValue] = ["rows": .int(rows), "folder": .string(folder.path)]
        let cases: [(String, FileFormat, ParquetCompression)] = [
            ("csv", .csv, .none), ("json", .jsonLines, .none), ("parquet-snappy", .parquet, .snappy), ("parquet-gzip", .parquet, .gzip),
        ]
        for (name, format, compression) in cases {
            let url = folder.appendingPathComponent("\(name).\(format.fileExtension)")
            let (bytes, write) = try timed { try TableFile.write(table, to: url, as: format, compression: compression) }
            let (back, read) = try timed { try TableFile.read(url) }
            guard back.rowCount == rows else { throw PipelineError(.io, "\(name): read \(back.rowCount) rows, wrote \(rows)") }
            figures[name] = .object(["bytes": .int(bytes), "writeSeconds": .double(write), "readSeconds": .double(read)])
        }
        print(JSONWriter(style: .compact, sortKeys: true).string(.object(figures)))
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Deterministic events: 10 per user, 13 event types, a timestamp, a propensity with some nulls.
    static func eventsTable(rows: Int) throws -> Table {
        let types = ["directMarketing.emailSent", "directMarketing.emailOpened", "directMarketing.emailClicked",
                     "web.webpagedetails.pageViews", "web.webinteraction.linkClicks", "web.formFilledOut",
                     "commerce.productViews", "commerce.productListAdds", "commerce.productListRemovals",
                     "commerce.checkouts", "commerce.purchases", "decisioning.propositionDisplay", "decisioning.propositionInteract"]
        var generator = SplitMix64(seed: 42)
        return try Table([
            Column("_id", strings: (0..<rows).map { "evt-\($0)" }),
            Column("userId", strings: (0..<rows).map { "user-\($0 / 10)" }),
            Column("eventType", strings: (0..<rows).map { _ in types[Int(generator.next() % 13)] }),
            Column("timestamp", timestamps: (0..<rows).map { 1_763_000_000_000_000 + Int64($0) * 37_000_000 }),
            Column("propensity", doubles: (0..<rows).map { _ in Double(generator.next() % 1_000_000) / 1_000_000 },
                   nulls: (0..<rows).map { $0 % 17 == 0 }),
            Column("subscribed", bools: (0..<rows).map { $0 % 7 == 0 }),
            Column("week", ints: (0..<rows).map { $0 % 10 }),
        ])
    }
}
