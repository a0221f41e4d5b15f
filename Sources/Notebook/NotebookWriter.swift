import JSON

extension Notebook {
    /// The notebook as nbformat 4.5 JSON, shaped exactly as `nbformat.write` shapes it: multi-line
    /// strings split into lines, transient fields stripped, only schema fields per cell kind.
    public var json: JSONValue {
        var metadata = self.metadata
        for transient in ["orig_nbformat", "orig_nbformat_minor", "signature"] { metadata[transient] = nil }
        return .object([
            "cells": .array(cells.map(\.json)),
            "metadata": .object(metadata),
            "nbformat": .int(Notebook.formatMajor),
            "nbformat_minor": .int(Notebook.formatMinor),
        ])
    }

    /// The file's bytes: `json.dumps(indent=1, sort_keys=True, ensure_ascii=False)` plus a newline.
    public var fileBytes: [UInt8] {
        JSONWriter.notebook.bytes(json) + [0x0A]
    }

    /// Writes the notebook atomically: a reader never sees a half-written file, and a failed write
    /// leaves the previous file intact.
    public func write(to path: String) throws {
        do {
            try AtomicFile.write(fileBytes, to: path)
        } catch let error as AtomicFile.Failure {
            throw NotebookError(path: path, error.description)
        }
    }
}

extension Cell {
    var json: JSONValue {
        var metadata = self.metadata
        metadata["trusted"] = nil
        var object: [String: JSONValue] = [
            "id": .string(id),
            "cell_type": .string(kind.rawValue),
            "metadata": .object(metadata),
            "source": Cell.lines(source),
        ]
        switch kind {
        case .code:
            object["outputs"] = .array(outputs.map(\.json))
            object["execution_count"] = executionCount.map { .int($0) } ?? .null
        case .markdown, .raw:
            if let attachments {
                object["attachments"] = .object(attachments.mapValues { Output.split(bundle: $0.objectValue ?? [:]) })
            }
        }
        return .object(object)
    }

    static func lines(_ text: String) -> JSONValue {
        .array(Lines.split(text).map { .string($0) })
    }
}

extension Output {
    public var json: JSONValue {
        switch self {
        case .stream(let name, let text):
            return ["output_type": "stream", "name": .string(name), "text": Cell.lines(text)]
        case .displayData(let data, let metadata):
            return ["output_type": "display_data", "data": Output.split(bundle: data), "metadata": .object(metadata)]
        case .executeResult(let count, let data, let metadata):
            return [
                "output_type": "execute_result", "execution_count": count.map { .int($0) } ?? .null,
                "data": Output.split(bundle: data), "metadata": .object(metadata),
            ]
        case .error(let ename, let evalue, let traceback):
            return [
                "output_type": "error", "ename": .string(ename), "evalue": .string(evalue),
                "traceback": .array(traceback.map { .string($0) }),
            ]
        }
    }

    /// nbformat's `_split_mimebundle`: `text/*`, JavaScript and SVG values become arrays of lines;
    /// base64 images stay one string and JSON stays JSON.
    static func split(bundle: MimeBundle) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: bundle.map { mime, value in
            if case .string(let text) = value,
                mime.hasPrefix("text/") || mime == "application/javascript" || mime == "image/svg+xml"
            {
                return (mime, Cell.lines(text))
            }
            return (mime, value)
        }))
    }
}
