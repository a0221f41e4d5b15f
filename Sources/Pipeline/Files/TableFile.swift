import Foundation

/// Reading and writing table files by path: the format from the name, errors naming the file.
public enum TableFile {
    /// Serialises `table` in `format` (`compression` applies to Parquet).
    public static func encode(_ table: Table, as format: FileFormat, compression: ParquetCompression = .snappy) throws -> [UInt8] {
        switch format {
        case .csv: return CSVWriter.bytes(table)
        case .jsonLines: return JSONLinesWriter.bytes(table)
        case .parquet: return try ParquetWriter.bytes(table, compression: compression)
        }
    }

    /// Writes `table` to `url` atomically; returns the number of bytes written.
    @discardableResult
    public static func write(_ table: Table, to url: URL, as format: FileFormat, compression: ParquetCompression = .snappy) throws -> Int {
        let bytes = try encode(table, as: format, compression: compression)
        try AtomicWrite.replace(url, with: Data(bytes))
        return bytes.count
    }

    /// Parses `bytes` of `format`; `source` names the file in errors. `types` declares column
    /// types for CSV and JSON Lines (Parquet files carry their own).
    public static func decode(_ bytes: [UInt8], as format: FileFormat, source: String, types: [String: DataType] = [:]) throws -> Table {
        switch format {
        case .csv: return try CSVReader.read(bytes, source: source, types: types)
        case .jsonLines: return try JSONLinesReader.read(bytes, source: source, types: types)
        case .parquet: return try ParquetReader.read(bytes, source: source)
        }
    }

    /// Reads a file, or every `part-*` file of a folder (in name order, which is part order) as one
    /// table. The format comes from the file names unless given.
    public static func read(_ url: URL, format: FileFormat? = nil, types: [String: DataType] = [:]) throws -> Table {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw PipelineError(.io, "no file or folder at \(url.path)")
        }
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            let parts = names.filter { $0.hasPrefix("part-") && (format != nil || FileFormat(path: $0) != nil) }.sorted()
            guard !parts.isEmpty else { throw PipelineError(.io, "\(url.path) holds no part-* files to read") }
            var table: Table?
            for part in parts {
                let next = try read(url.appendingPathComponent(part), format: format, types: types)
                table = try table.map { try $0.appending(next) } ?? next
            }
            return table!
        }
        guard let resolved = format ?? FileFormat(path: url.path) else {
            throw PipelineError(.invalidArgument, "cannot tell the format of \(url.lastPathComponent) from its name",
                                hint: "name it .csv, .json, .jsonl or .parquet, or give the format")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw PipelineError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode([UInt8](data), as: resolved, source: url.path, types: types)
    }
}
