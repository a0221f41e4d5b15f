import Foundation

extension Workspace {
    /// The folder a dataset's exports go to: `storage/egress/<dataset>/`.
    public func egressFolder(_ dataset: String) -> URL {
        storage.appendingPathComponent("egress", isDirectory: true).appendingPathComponent(dataset, isDirectory: true)
    }

    /// Exports a dataset's current rows to `storage/egress/<dataset>/exportTime=<UTC>/part-NNNNN.<ext>`
    /// (atomically, see `PartFiles`) and records the run with its rows, bytes, files and duration.
    /// A failed export is recorded too, with its error, and leaves no folder behind.
    @discardableResult
    public func export(dataset: String, format: FileFormat = .parquet, compression: ParquetCompression = .gzip,
                       rowsPerFile: Int = 1_000_000) throws -> RunRecord {
        let started = Timestamp(Date())
        let table = try catalog.read(dataset)
        return try export(table, to: egressFolder(dataset), dataset: dataset, format: format, compression: compression,
                          rowsPerFile: rowsPerFile, started: started)
    }

    /// Writes a table (a query result, scores) to `storage/<folder>/exportTime=<UTC>/part-NNNNN.<ext>`
    /// and records the run (with no dataset). The folder must stay inside the storage folder.
    @discardableResult
    public func write(_ table: Table, to folder: String, format: FileFormat = .csv, compression: ParquetCompression = .gzip,
                      rowsPerFile: Int = 1_000_000) throws -> RunRecord {
        try export(table, to: try storageFolder(folder), dataset: nil, format: format, compression: compression,
                   rowsPerFile: rowsPerFile, started: Timestamp(Date()))
    }

    /// The most recent successful export of `dataset`, by the time it finished.
    public func latestExport(dataset: String) throws -> RunRecord {
        _ = try catalog.dataset(named: dataset)
        guard let run = try catalog.latestExport(dataset: dataset) else {
            throw PipelineError(.unknownDataset, "dataset `\(dataset)` has never been exported", hint: "export it first")
        }
        return run
    }

    /// `storage/<relative>`, refusing paths that climb out of the storage folder.
    func storageFolder(_ relative: String) throws -> URL {
        let url = storage.appendingPathComponent(relative, isDirectory: true).standardizedFileURL
        let base = storage.standardizedFileURL.path
        guard url.path == base || url.path.hasPrefix(base + "/") else {
            throw PipelineError(.invalidArgument, "`\(relative)` is outside the workspace's storage folder",
                                hint: "give a folder relative to storage/, e.g. \"ingress/scores\"")
        }
        return url
    }

    private func export(_ table: Table, to parent: URL, dataset: String?, format: FileFormat, compression: ParquetCompression,
                        rowsPerFile: Int, started: Timestamp) throws -> RunRecord {
        let codec = format == .parquet ? compression.rawValue : nil
        do {
            let parts = try PartFiles.write(table, under: parent, format: format, compression: compression, rowsPerFile: rowsPerFile)
            return try catalog.recordExport(dataset: dataset, path: relativePath(parts.folder), format: format.rawValue, compression: codec,
                                            rows: parts.rows, bytes: parts.bytes, files: parts.files.count,
                                            startedAt: started, finishedAt: Timestamp(Date()))
        } catch {
            _ = try? catalog.recordExport(dataset: dataset, path: relativePath(parent), format: format.rawValue, compression: codec,
                                      rows: 0, bytes: 0, files: 0, startedAt: started, finishedAt: Timestamp(Date()),
                                      error: (error as? PipelineError)?.description ?? "\(error)")
            throw error
        }
    }

    /// A path inside the workspace as recorded in the catalog: relative to the workspace root, so
    /// the workspace can move.
    func relativePath(_ url: URL) -> String {
        let root = self.root.standardizedFileURL.path, path = url.standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
