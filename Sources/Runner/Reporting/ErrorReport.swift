/// The one clear error report a failed notebook prints on stderr: where (notebook, cell, count,
/// id), what the cell said (a source excerpt), what it printed, and the traceback.
public enum ErrorReport {
    static let rule = String(repeating: "-", count: 60)
    static let excerptLines = 15

    public static func text(for result: NotebookResult, color: Bool) -> String {
        guard let failure = result.failure else {
            return "error: \(result.input): \(result.problem ?? "failed")\n"
        }
        var out = "error: \(result.input), \(failure.cellLabel): \(result.problem ?? failure.headline)\n"
        out += rule + "\n" + excerpt(failure.source) + rule + "\n"
        for (name, text) in [("stdout", failure.stdout), ("stderr", failure.stderr)] where !text.isEmpty {
            out += "----- \(name) -----\n" + visible(text, color: color)
            if !text.hasSuffix("\n") { out += "\n" }
        }
        if !failure.traceback.isEmpty {
            if !failure.stdout.isEmpty || !failure.stderr.isEmpty { out += rule + "\n" }
            for line in failure.traceback {
                out += visible(line, color: color)
                if !line.hasSuffix("\n") { out += "\n" }
            }
        } else if case .error = failure.kind {
            out += failure.headline + "\n"
        }
        return out
    }

    /// Numbered source lines; long cells show the first lines and say how many were left out.
    static func excerpt(_ source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shown = lines.prefix(excerptLines)
        let width = String(shown.count).count
        var out = ""
        for (n, line) in shown.enumerated() {
            let number = String(n + 1)
            out += String(repeating: " ", count: width - number.count) + number + " | " + line + "\n"
        }
        if lines.count > shown.count { out += "… (\(lines.count - shown.count) more lines)\n" }
        return out
    }

    /// Colour codes only for a terminal; `\r` progress redraws reduced to what a reader would see.
    static func visible(_ text: String, color: Bool) -> String {
        let plain = color ? text : ANSI.strip(text)
        return LineFolder.fold(plain)
    }
}

/// Resolves carriage returns the way a terminal shows them: within a line, text after the last `\r`
/// replaces what came before (tqdm-style progress), so logs get the final state, not every frame
/// (papermill#765).
enum LineFolder {
    static func fold(_ text: String) -> String {
        guard text.contains("\r") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { lastFrame(String($0)) }.joined(separator: "\n")
    }

    static func lastFrame(_ line: String) -> String {
        let frames = line.split(separator: "\r", omittingEmptySubsequences: false)
        return String(frames.last { !$0.isEmpty } ?? "")
    }
}
