import JSON
import Notebook

/// Builds cell outputs from iopub messages the way nbclient does: one output per message,
/// `clear_output(wait:)`, and `update_display_data` rewriting every output that shows the same
/// display id, in whichever cell it is.
struct OutputCollector {
    /// display id → (cell index, output index) of the outputs that show it.
    private var displays: [String: [(cell: Int, output: Int)]] = [:]
    private var clearPending = false

    /// Applies one message to `notebook.cells[cell]`; returns the output it appended, if any.
    @discardableResult
    mutating func apply(_ message: KernelMessage, cell: Int, in notebook: inout Notebook) -> Output? {
        let content = message.content
        switch message.type {
        case "clear_output":
            if content["wait"]?.boolValue == true {
                clearPending = true
            } else {
                clear(cell, in: &notebook)
            }
            return nil
        case "update_display_data":
            guard let id = content["transient"]?["display_id"]?.stringValue else { return nil }
            let data = Self.bundle(content["data"])
            let metadata = content["metadata"]?.objectValue ?? [:]
            for target in displays[id] ?? [] where target.cell < notebook.cells.count {
                let outputs = notebook.cells[target.cell].outputs
                guard target.output < outputs.count else { continue }
                switch outputs[target.output] {
                case .displayData: notebook.cells[target.cell].outputs[target.output] = .displayData(data: data, metadata: metadata)
                case .executeResult(let count, _, _):
                    notebook.cells[target.cell].outputs[target.output] = .executeResult(executionCount: count, data: data, metadata: metadata)
                default: break
                }
            }
            return nil
        default:
            guard let output = Self.output(message) else { return nil }
            if clearPending {
                clear(cell, in: &notebook)
                clearPending = false
            }
            notebook.cells[cell].outputs.append(output)
            if let id = content["transient"]?["display_id"]?.stringValue {
                displays[id, default: []].append((cell, notebook.cells[cell].outputs.count - 1))
            }
            return output
        }
    }

    private mutating func clear(_ cell: Int, in notebook: inout Notebook) {
        notebook.cells[cell].outputs = []
        for (id, targets) in displays {
            displays[id] = targets.filter { $0.cell != cell }
        }
    }

    /// nbformat's `output_from_msg`; `transient` is never stored.
    static func output(_ message: KernelMessage) -> Output? {
        let c = message.content
        switch message.type {
        case "stream":
            return .stream(name: c["name"]?.stringValue ?? "stdout", text: c["text"]?.stringValue ?? "")
        case "display_data":
            return .displayData(data: bundle(c["data"]), metadata: c["metadata"]?.objectValue ?? [:])
        case "execute_result":
            return .executeResult(executionCount: c["execution_count"]?.intValue, data: bundle(c["data"]), metadata: c["metadata"]?.objectValue ?? [:])
        case "error":
            return .error(
                ename: c["ename"]?.stringValue ?? "", evalue: c["evalue"]?.stringValue ?? "",
                traceback: c["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        default:
            return nil
        }
    }

    /// Wire bundles may carry text as arrays of lines; held joined like everything read from files.
    static func bundle(_ value: JSONValue?) -> MimeBundle {
        var bundle = value?.objectValue ?? [:]
        for (mime, item) in bundle where !Output.isJSONMime(mime) {
            if let parts = item.arrayValue, parts.allSatisfy({ $0.stringValue != nil }) {
                bundle[mime] = .string(parts.compactMap(\.stringValue).joined())
            }
        }
        return bundle
    }
}
