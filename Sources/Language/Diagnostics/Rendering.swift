/// Renders diagnostics the way Swift's compiler does, without colours:
///
///     NameError: cannot find `profle` in scope
///       --> [3]:2:9
///        |
///      2 | let x = profle + 1
///        |         ^^^^^^
///        = hint: did you mean `profiles`?
enum Rendering {
    static func report(_ diagnostics: [LocatedDiagnostic]) -> ErrorReport {
        let first = diagnostics[0]
        var lines: [String] = []
        for (i, d) in diagnostics.enumerated() {
            if i > 0 { lines.append("") }
            lines += render(d)
        }
        let evalue = diagnostics.count > 1
            ? "\(first.message) (and \(diagnostics.count - 1) more error\(diagnostics.count > 2 ? "s" : ""))"
            : first.message
        return ErrorReport(ename: first.kind, evalue: evalue, traceback: lines, diagnostics: diagnostics.map(\.publicForm))
    }

    static func render(_ d: LocatedDiagnostic) -> [String] {
        var lines = ["\(d.kind): \(d.message)"]
        if let range = d.range { lines += excerpt(range) }
        for hint in d.hints { lines.append("   = hint: \(hint)") }
        for call in d.callChain {
            let loc = call.site.location
            lines.append("   in \(call.function), called at \(loc.cell):\(loc.line):\(loc.column)")
            lines.append("      \(call.site.source.lineText(loc.line).trimmingLeadingSpaces)")
        }
        return lines
    }

    static func excerpt(_ range: SourceRange) -> [String] {
        let loc = range.location
        let number = String(loc.line)
        let pad = String(repeating: " ", count: number.count)
        let text = range.source.lineText(loc.line)
        let lineLength = text.unicodeScalars.count
        let caretCount = max(1, min(loc.length, lineLength - loc.column + 1))
        return [
            "\(pad)--> \(loc.cell):\(loc.line):\(loc.column)",
            "\(pad) |",
            "\(number) | \(text)",
            "\(pad) | " + String(repeating: " ", count: loc.column - 1) + String(repeating: "^", count: caretCount),
        ]
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
}
