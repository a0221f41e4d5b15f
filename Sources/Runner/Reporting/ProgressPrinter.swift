import Foundation
import Notebook

/// Shows one notebook's progress on the console: a bar on a terminal, one line per finished cell
/// otherwise, and with `--log-output` the cells' own output as it arrives.
public final class ProgressPrinter: ExecutionObserver {
    let console: Console
    let name: String
    /// Tells this notebook's bar from the others' under `-j` (two inputs may share a file name).
    let key: String
    let logOutput: Bool
    /// Partial lines of streamed output, per stream, held until their newline (lines mode).
    private var pending: [String: String] = [:]
    private var cellStart = Date()

    public init(console: Console, name: String, key: String, logOutput: Bool) {
        self.console = console
        self.name = name
        self.key = key
        self.logOutput = logOutput
    }

    public func cellStarted(index: Int, position: Int, of total: Int) {
        cellStart = Date()
        if console.mode == .bar { console.progress(line: bar(done: position - 1, total: total, running: index), key: key) }
    }

    public func cellOutput(_ output: Output, index: Int) {
        guard logOutput else { return }
        switch output {
        case .stream(let stream, let text):
            emit(text, stream: stream)
        case .executeResult(_, let data, _), .displayData(let data, _):
            if case .string(let text)? = data["text/plain"] { emit(text.hasSuffix("\n") ? text : text + "\n", stream: "stdout") }
        case .error(_, _, let traceback):
            emit(traceback.map { console.color ? $0 : ANSI.strip($0) }.joined(separator: "\n") + "\n", stream: "stderr")
        }
    }

    public func cellFinished(index: Int, position: Int, of total: Int, seconds: Double, failure: CellFailure?) {
        flushPending()
        switch console.mode {
        case .bar:
            console.progress(line: bar(done: position, total: total, running: nil), key: key)
            if position == total || failure != nil { console.endProgress(key: key) }
        case .lines:
            let state = failure.map { _ in "failed" } ?? "ok"
            console.progress(line: "\(name): cell \(index + 1) [\(position)/\(total)] \(state) \(String(format: "%.2f s", seconds))", key: key)
        case .quiet: break
        }
    }

    private func bar(done: Int, total: Int, running: Int?) -> String {
        let width = 24
        let filled = total == 0 ? width : done * width / total
        let cells = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let what = running.map { " running cell \($0 + 1)" } ?? ""
        return "\(name) \(cells) \(done)/\(total)\(what)"
    }

    /// On a terminal the text goes out as is (`\r` redraws work there); in a log, each line is
    /// written once, in its final state.
    private func emit(_ text: String, stream: String) {
        let toStderr = stream == "stderr"
        if console.mode == .bar {
            console.cellOutput(text, stderr: toStderr)
            return
        }
        let buffered = (pending[stream] ?? "") + text
        guard let lastNewline = buffered.lastIndex(of: "\n") else {
            pending[stream] = buffered
            return
        }
        let complete = String(buffered[...lastNewline])
        pending[stream] = String(buffered[buffered.index(after: lastNewline)...])
        console.cellOutput(LineFolder.fold(complete), stderr: toStderr)
    }

    private func flushPending() {
        for (stream, text) in pending where !text.isEmpty {
            console.cellOutput(LineFolder.fold(text) + "\n", stderr: stream == "stderr")
        }
        pending = [:]
    }
}
