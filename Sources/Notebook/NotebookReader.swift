import Foundation
import JSON

extension Notebook {
    /// Reads a notebook file (nbformat 4.0–4.5), upgrading it to 4.5.
    public static func read(from path: String) throws -> Notebook {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NotebookError(path: path, "cannot read the file (\(Self.reason(error)))")
        }
        do {
            return try Notebook(parsing: data)
        } catch var error as NotebookError {
            error.path = path
            throw error
        }
    }

    /// Parses notebook JSON bytes.
    public init<Bytes: Sequence>(parsing bytes: Bytes) throws where Bytes.Element == UInt8 {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch let error as JSONError {
            throw NotebookError(error.description)
        }
        try self.init(json: json)
    }

    /// Builds a notebook from its JSON document. Missing, malformed or duplicate cell ids are
    /// replaced (4.0–4.4 files have none); everything else the schema requires must be there.
    public init(json: JSONValue) throws {
        guard let top = json.objectValue else { throw NotebookError("the notebook is not a JSON object") }
        guard let major = top["nbformat"]?.intValue else { throw NotebookError("missing 'nbformat'") }
        guard major == 4 else {
            throw NotebookError("nbformat \(major) is not supported (only 4.x; convert it with `jupyter nbconvert --to notebook`)")
        }
        guard let minor = top["nbformat_minor"]?.intValue, minor >= 0 else { throw NotebookError("missing 'nbformat_minor'") }
        guard let cellValues = top["cells"]?.arrayValue else { throw NotebookError("missing 'cells' (an array)") }
        var metadata = top["metadata"]?.objectValue ?? [:]
        Self.repairKernelspec(&metadata)
        let cells = try cellValues.enumerated().map { index, value in
            try CellDecoder(index: index).cell(value, withIDs: minor >= 5)
        }
        self.init(metadata: metadata, cells: cells)
        repairCellIDs()
    }

    /// A kernelspec without `display_name` fails validation; the name is the best stand-in.
    private static func repairKernelspec(_ metadata: inout [String: JSONValue]) {
        guard var spec = metadata["kernelspec"]?.objectValue, let name = spec["name"]?.stringValue else { return }
        if spec["display_name"]?.stringValue == nil {
            spec["display_name"] = .string(name)
            metadata["kernelspec"] = .object(spec)
        }
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Decodes one cell, naming the cell in every error.
private struct CellDecoder {
    let index: Int
    var where_: String { "cells[\(index)]" }

    func fail(_ message: String) -> NotebookError { NotebookError(location: where_, message) }

    func cell(_ value: JSONValue, withIDs: Bool) throws -> Cell {
        guard let object = value.objectValue else { throw fail("a cell must be an object") }
        guard let typeName = object["cell_type"]?.stringValue else { throw fail("missing 'cell_type'") }
        guard let kind = Cell.Kind(rawValue: typeName) else { throw fail("unknown cell_type '\(typeName)'") }
        let source = try multiline(object["source"], "source")
        let metadata = object["metadata"]?.objectValue ?? [:]
        let id = withIDs ? (object["id"]?.stringValue ?? "") : ""
        var cell = Cell(id: id, kind: kind, source: source, metadata: metadata)
        switch kind {
        case .code:
            cell.executionCount = object["execution_count"]?.intValue
            cell.outputs = try (object["outputs"]?.arrayValue ?? []).enumerated().map { try output($1, at: $0) }
        case .markdown, .raw:
            cell.attachments = object["attachments"]?.objectValue
        }
        return cell
    }

    func multiline(_ value: JSONValue?, _ field: String) throws -> String {
        switch value {
        case .string(let s)?: return s
        case .array(let parts)?:
            var joined = ""
            for part in parts {
                guard let s = part.stringValue else { throw fail("'\(field)' must be a string or an array of strings") }
                joined += s
            }
            return joined
        case nil: throw fail("missing '\(field)'")
        default: throw fail("'\(field)' must be a string or an array of strings")
        }
    }

    func output(_ value: JSONValue, at position: Int) throws -> Output {
        let at = CellDecoder(index: index)
        func fail(_ message: String) -> NotebookError {
            NotebookError(location: "\(at.where_).outputs[\(position)]", message)
        }
        guard let object = value.objectValue, let type = object["output_type"]?.stringValue else {
            throw fail("an output must be an object with 'output_type'")
        }
        switch type {
        case "stream":
            guard let name = object["name"]?.stringValue else { throw fail("a stream output needs 'name'") }
            return .stream(name: name, text: try at.multiline(object["text"], "text"))
        case "display_data":
            return .displayData(data: try bundle(object["data"], fail), metadata: object["metadata"]?.objectValue ?? [:])
        case "execute_result":
            return .executeResult(
                executionCount: object["execution_count"]?.intValue,
                data: try bundle(object["data"], fail), metadata: object["metadata"]?.objectValue ?? [:])
        case "error":
            return .error(
                ename: object["ename"]?.stringValue ?? "", evalue: object["evalue"]?.stringValue ?? "",
                traceback: object["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        default:
            throw fail("unknown output_type '\(type)'")
        }
    }

    /// Text values given as arrays of lines are joined; JSON mimetypes keep their JSON.
    func bundle(_ value: JSONValue?, _ fail: (String) -> NotebookError) throws -> MimeBundle {
        guard let value else { return [:] }
        guard let object = value.objectValue else { throw fail("'data' must be an object") }
        var bundle = MimeBundle()
        for (mime, item) in object {
            if !Output.isJSONMime(mime), let parts = item.arrayValue, parts.allSatisfy({ $0.stringValue != nil }) {
                bundle[mime] = .string(parts.compactMap(\.stringValue).joined())
            } else {
                bundle[mime] = item
            }
        }
        return bundle
    }
}
