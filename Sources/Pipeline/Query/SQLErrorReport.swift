/// Turns an SQLite error into a `PipelineError` whose message shows the failing line of the
/// statement with a caret under the position SQLite reported.
enum SQLErrorReport {
    static func make(_ error: SQLiteError, statement: String, offset: Int?, number: Int, of total: Int,
                     datasets: [String]) -> PipelineError {
        var message = error.message
        if total > 1 { message = "statement \(number) of \(total): " + message }
        var hint: String?
        if let range = error.message.range(of: "no such table: ") {
            let name = String(error.message[range.upperBound...])
            hint = Suggestion.closest(to: name, in: datasets).map { "did you mean `\($0)`?" }
                ?? (datasets.isEmpty ? "the workspace has no datasets yet" : "datasets: \(datasets.joined(separator: ", "))")
        }
        if let offset {
            message += "\n" + caret(in: statement, at: offset)
        } else {
            message += "\n" + statement.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        }
        return PipelineError(.sql, message, hint: hint)
    }

    /// The line holding byte `offset`, and a caret under it: "line 2, column 7:" header then both lines.
    static func caret(in text: String, at offset: Int) -> String {
        let bytes = Array(text.utf8)
        let at = max(0, min(offset, bytes.count))
        let lineStart = bytes[..<at].lastIndex(of: 10).map { $0 + 1 } ?? 0
        let lineEnd = bytes[at...].firstIndex(of: 10) ?? bytes.count
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let column = String(decoding: bytes[lineStart..<at], as: UTF8.self).count
        let lineNumber = bytes[..<lineStart].filter { $0 == 10 }.count + 1
        let pad = String(decoding: bytes[lineStart..<at].map { $0 == 9 ? 9 : 32 }, as: UTF8.self).prefix(column)
        return "line \(lineNumber), column \(column + 1):\n    \(line)\n    \(pad)^"
    }
}
