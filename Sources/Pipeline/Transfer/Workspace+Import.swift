import Foundation

/// What an import did: the recorded run (rows, bytes, files, duration) and the batch it ingested.
public struct ImportResult: Sendable {
    public let run: RunRecord
    public let batch: Batch
}

extension Workspace {
    /// Imports a CSV, JSON Lines or Parquet file (or a folder of part files) into `dataset` as one
    /// atomic batch, renaming file columns to dataset fields by `mapping` (file column → field,
    /// e.g. `["prediction": "propensity", "userId": "userid"]`); other file columns are not
    /// imported. Text files are parsed with the fields' types, so a bad value is reported with the
    /// file, row and column. A relative path is looked up in the storage folder first, then the
    /// current folder. The run is recorded, also when it fails.
    @discardableResult
    public func importFile(_ path: String, into dataset: String, mapping: [String: String], format: FileFormat? = nil,
                           mode: IngestMode = .append) throws -> ImportResult {
        let started = Timestamp(Date())
        let url = try resolveInput(path)
        let shownPath = relativePath(url)
        var formatName = format?.rawValue ?? FileFormat(path: url.path)?.rawValue ?? "?"
        do {
            let schema = try catalog.schema(named: try catalog.dataset(named: dataset).schema)
            let fields = try Self.checkMapping(mapping, schema: schema, dataset: dataset)
            let parts = try inputFiles(url)
            let resolved = try format ?? FileFormat(path: parts[0].path) ?? {
                throw PipelineError(.invalidArgument, "cannot tell the format of \(shownPath) from its name", hint: "give the format")
            }()
            formatName = resolved.rawValue
            let types = resolved == .parquet ? [:] : mapping.mapValues { fields[$0]!.type }
            let table = try TableFile.read(url, format: resolved, types: types)
            let mapped = try Self.mapped(table, mapping: mapping, fields: fields, source: shownPath)
            let batch: Batch
            do { batch = try catalog.ingest(mapped, into: dataset, mode: mode) } catch let error as PipelineError {
                throw PipelineError(error.kind, "\(shownPath): \(Self.namingColumns(error.message, mapping))", hint: error.hint)
            }
            let bytes = parts.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
            let run = try catalog.recordImport(dataset: dataset, path: shownPath, format: resolved.rawValue, rows: batch.rows,
                                               bytes: bytes, files: parts.count, startedAt: started, finishedAt: Timestamp(Date()))
            return ImportResult(run: run, batch: batch)
        } catch {
            _ = try? catalog.recordImport(dataset: dataset, path: shownPath, format: formatName, rows: 0, bytes: 0, files: 0,
                                          startedAt: started, finishedAt: Timestamp(Date()),
                                          error: (error as? PipelineError)?.description ?? "\(error)")
            throw error
        }
    }

    /// The dataset fields the mapping targets, by target name; an unknown field is an error with a suggestion.
    private static func checkMapping(_ mapping: [String: String], schema: Schema, dataset: String) throws -> [String: Field] {
        guard !mapping.isEmpty else {
            throw PipelineError(.invalidArgument, "an import needs a mapping from file columns to fields of `\(dataset)`",
                                hint: "fields: \(schema.fields.map(\.name).joined(separator: ", "))")
        }
        var fields: [String: Field] = [:]
        for (column, target) in mapping.sorted(by: { $0.key < $1.key }) {
            guard let field = schema.field(target) else {
                throw PipelineError(.schemaViolation, "the mapping sends column `\(column)` to `\(target)`, which is not a field of dataset `\(dataset)`",
                                    hint: Suggestion.closest(to: target, in: schema.fields.map(\.name)).map { "did you mean `\($0)`?" }
                                        ?? "fields: \(schema.fields.map(\.name).joined(separator: ", "))")
            }
            guard fields[target] == nil else {
                throw PipelineError(.invalidArgument, "the mapping sends two columns to the field `\(target)`")
            }
            fields[target] = field
        }
        return fields
    }

    /// The mapped columns under their field names; a missing column or a null in a required field
    /// is an error naming the file, row and column.
    private static func mapped(_ table: Table, mapping: [String: String], fields: [String: Field], source: String) throws -> Table {
        try Table(mapping.sorted(by: { $0.key < $1.key }).map { column, target in
            var c: Column
            do { c = try table.column(column) } catch let error as PipelineError {
                throw PipelineError(.unknownColumn, "\(source): the mapping names column `\(column)`, which the file does not have",
                                    hint: error.hint)
            }
            if fields[target]!.required, let row = c.nulls?.firstIndex(of: true) {
                throw PipelineError(.schemaViolation, "\(source), data row \(row + 1), column `\(column)`: the field `\(target)` is required but the value is missing")
            }
            c.name = target
            return c
        })
    }

    /// Ingestion errors name fields; add the file column each came from.
    private static func namingColumns(_ message: String, _ mapping: [String: String]) -> String {
        mapping.reduce(message) { text, pair in
            text.replacingOccurrences(of: "field `\(pair.value)`", with: "field `\(pair.value)` (column `\(pair.key)`)")
        }
    }

    /// An absolute path, or one relative to the storage folder, else to the current folder.
    private func resolveInput(_ path: String) throws -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        let inStorage = storage.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: inStorage.path) { return inStorage }
        let here = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: here.path) { return here }
        throw PipelineError(.io, "no file `\(path)` in the storage folder (\(storage.path)) or the current folder")
    }

    /// The files an import reads: the file itself, or a folder's `part-*` files.
    private func inputFiles(_ url: URL) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw PipelineError(.io, "no file or folder at \(url.path)")
        }
        guard isFolder.boolValue else { return [url] }
        let parts = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasPrefix("part-") }.sorted()
        guard !parts.isEmpty else { throw PipelineError(.io, "\(url.path) holds no part-* files to import") }
        return parts.map { url.appendingPathComponent($0) }
    }
}
