import Foundation
import Language
import Pipeline

/// `storage`: files in the workspace's storage folder — exports, hand-off files, imports.
enum StorageModule {
    static func make(_ context: Context) -> NativeModule {
        module("storage", doc: "Files in the workspace's storage folder: export datasets, write and read CSV / JSON Lines / Parquet, import files into datasets.", [
            .method(function("export", [.positional("dataset", "String"), .labeled("format", "String", default: "parquet"),
                                        .labeled("compression", "String", default: "gzip")],
                             returns: "Export",
                             doc: "Writes a dataset to storage/egress/<dataset>/exportTime=<UTC>/part-NNNNN.<ext> (parquet, csv or json) and records the run.") { a in
                let workspace = try context.workspace()
                let run = try workspace.export(dataset: try a.string(0), format: try FileFormat(named: try a.string(1)),
                                               compression: try compression(try a.string(2)))
                return .object(record(run, workspace))
            }),
            .method(function("latestExport", [.positional("dataset", "String")], returns: "Export",
                             doc: "The most recent successful export of a dataset, by time (never by folder name).") { a in
                let workspace = try context.workspace()
                return .object(record(try workspace.latestExport(dataset: try a.string(0)), workspace))
            }),
            .method(function("read", [.positional("path", "String")], returns: "Table",
                             doc: "Reads a CSV, JSON Lines or Parquet file, or an export folder of part files (absolute, or relative to the workspace or its storage folder).") { a in
                TableObject.value(try TableFile.read(try resolve(try a.string(0), in: try context.workspace())))
            }),
            .method(function("write", [.positional("table", "Table"), Parameter(label: "to", name: "folder", type: "String"),
                                       .labeled("format", "String", default: "csv")],
                             returns: "Export",
                             doc: "Writes a table to storage/<folder>/exportTime=<UTC>/part-00000.<ext> and records the run.") { a in
                let workspace = try context.workspace()
                let run = try workspace.write(try a.object(0, as: TableObject.self).table, to: try a.string(1),
                                              format: try FileFormat(named: try a.string(2)))
                return .object(record(run, workspace))
            }),
            .method(function("import", [.positional("path", "String"), Parameter(label: "into", name: "dataset", type: "String"),
                                        .labeled("mapping", "[String: String]"), .labeled("replace", "Bool", default: false)],
                             returns: "Import",
                             doc: "Imports a file (or export folder) into a dataset as one batch, renaming file columns to fields by mapping (column → field); replace: true replaces the dataset's rows.") { a in
                let workspace = try context.workspace()
                var mapping: [String: String] = [:]
                for pair in try a.dictionary(2).pairs {
                    guard let column = pair.key.stringValue, let field = pair.value.stringValue else {
                        throw LanguageError.typeError("the mapping must be [String: String] (file column → field)")
                    }
                    mapping[column] = field
                }
                let path = try a.string(0)
                let result = try workspace.importFile(path.hasPrefix("/") ? path : try resolve(path, in: workspace).path,
                                                      into: try a.string(1), mapping: mapping, mode: try a.bool(3) ? .replace : .append)
                return .object(Record("Import", title: "Imported \(CellFormat.grouped(result.batch.rows)) rows into \(result.batch.dataset)", fields: [
                    .init(name: "path", value: .string(result.run.path), doc: "The file or folder read."),
                    .init(name: "dataset", value: .string(result.batch.dataset), doc: "The dataset written."),
                    .init(name: "rows", value: .int(result.batch.rows), doc: "Rows imported."),
                    .init(name: "bytes", value: .int(result.run.bytes), doc: "Bytes read."),
                    .init(name: "files", value: .int(result.run.files), doc: "Files read."),
                    .init(name: "seconds", value: .double(result.run.duration), doc: "How long it took."),
                    .init(name: "batch", value: .string(result.batch.id), doc: "The batch ingested."),
                ], payload: result))
            }),
            .method(function("tree", [.positional("folder", "String", default: "")], returns: "Text",
                             doc: "A storage folder drawn as a tree with file sizes.") { a in
                let workspace = try context.workspace()
                let folder = try a.string(0)
                return .object(TextObject(try StorageTree.render(folder.isEmpty ? workspace.storage
                                                                     : workspace.storage.appendingPathComponent(folder))))
            }),
        ])
    }

    private static func compression(_ name: String) throws -> ParquetCompression {
        guard let codec = ParquetCompression(rawValue: name == "none" ? "uncompressed" : name) else {
            throw LanguageError.valueError("unknown compression `\(name)`", hints: ["use \"gzip\", \"snappy\" or \"none\""])
        }
        return codec
    }

    /// A path as given (absolute), else relative to the workspace, else to its storage folder.
    private static func resolve(_ path: String, in workspace: Workspace) throws -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        for base in [workspace.root, workspace.storage] {
            let url = base.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw PipelineError(.io, "no file or folder `\(path)` in the workspace (\(workspace.root.path)) or its storage folder")
    }

    /// An export or write run as a value; `path` is absolute so it can be read or imported as is.
    static func record(_ run: RunRecord, _ workspace: Workspace) -> Record {
        let path = run.path.hasPrefix("/") ? run.path : workspace.root.appendingPathComponent(run.path).path
        return Record("Export", title: "\(CellFormat.grouped(run.rows)) rows written to \(run.path)", fields: [
            .init(name: "dataset", value: run.dataset.map(Language.Value.string) ?? .null, doc: "The dataset exported (nil for a table written)."),
            .init(name: "path", value: .string(path), doc: "The exportTime=… folder."),
            .init(name: "format", value: .string(run.format), doc: "parquet, csv or json."),
            .init(name: "compression", value: run.compression.map(Language.Value.string) ?? .null, doc: "Parquet compression."),
            .init(name: "files", value: .int(run.files), doc: "Part files written."),
            .init(name: "rows", value: .int(run.rows), doc: "Rows written."),
            .init(name: "bytes", value: .int(run.bytes), doc: "Bytes written."),
            .init(name: "seconds", value: .double(run.duration), doc: "How long it took."),
            .init(name: "finishedAt", value: .string(run.finishedAt.description), doc: "When it finished (UTC)."),
        ], payload: run)
    }
}
