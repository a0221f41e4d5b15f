import Foundation

/// The CI summary of a run (`--report FILE.md` or `--report FILE.xml`).
public enum SummaryReport {
    public enum Format: Equatable {
        case markdown, junit

        /// From the file's extension; nil for anything else (a usage error).
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "md", "markdown": self = .markdown
            case "xml": self = .junit
            default: return nil
            }
        }
    }

    public static func render(_ results: [NotebookResult], format: Format) -> String {
        switch format {
        case .markdown: return markdown(results)
        case .junit: return junit(results)
        }
    }

    public static func markdown(_ results: [NotebookResult]) -> String {
        let failed = results.filter { $0.status != .ok }.count
        var out = "# propel run\n\n"
        out += failed == 0 ? "All \(results.count) notebook\(results.count == 1 ? "" : "s") succeeded.\n\n"
            : "\(failed) of \(results.count) notebook\(results.count == 1 ? "" : "s") failed.\n\n"
        out += "| notebook | result | cells | time | output |\n|---|---|---|---|---|\n"
        for r in results {
            let output = r.output.map { "`\(cell($0))`" } ?? "—"
            out += "| `\(cell(r.input))` | \(r.status == .ok ? "✅ OK" : "❌ " + r.status.label) | \(r.executedCells)/\(r.plannedCells) | \(String(format: "%.2f s", r.seconds)) | \(output) |\n"
        }
        for r in results where r.status != .ok || !r.allowedErrors.isEmpty {
            out += "\n## `\(r.input)`\n\n"
            if r.status != .ok { out += "**\(r.status.label)**" + (r.failure.map { " in \($0.cellLabel)" } ?? "") + ": \(r.problem ?? "failed")\n\n" }
            for failure in [r.failure].compactMap({ $0 }) + r.allowedErrors {
                if r.failure != failure { out += "Allowed error in \(failure.cellLabel): \(failure.headline)\n\n" }
                out += "```\n" + ErrorReport.excerpt(failure.source)
                let traceback = failure.traceback.map(ANSI.strip).joined(separator: "\n")
                if !traceback.isEmpty { out += "\n" + traceback.replacingOccurrences(of: "```", with: "ˋˋˋ") + "\n" }
                out += "```\n\n"
            }
        }
        return out
    }

    /// A table cell's text: pipes escaped, no line breaks.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// JUnit XML: one test suite, one test case per notebook; a failure element for cell errors,
    /// an error element for timeouts, kernel deaths and start failures.
    public static func junit(_ results: [NotebookResult]) -> String {
        let failures = results.filter { $0.status == .cellError }.count
        let errors = results.filter { $0.status != .ok && $0.status != .cellError }.count
        let total = results.reduce(0) { $0 + $1.seconds }
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<testsuites name="propel run" tests="\#(results.count)" failures="\#(failures)" errors="\#(errors)" time="\#(seconds(total))">"# + "\n"
        out += #"  <testsuite name="propel run" tests="\#(results.count)" failures="\#(failures)" errors="\#(errors)" time="\#(seconds(total))">"# + "\n"
        for r in results {
            let name = URL(fileURLWithPath: r.input).deletingPathExtension().lastPathComponent
            out += #"    <testcase classname="notebooks" name="\#(xml(name))" file="\#(xml(r.input))" time="\#(seconds(r.seconds))""#
            guard r.status != .ok else {
                out += "/>\n"
                continue
            }
            let element = r.status == .cellError ? "failure" : "error"
            let type = r.failure?.ename ?? r.status.label
            let message = (r.failure.map { "\($0.cellLabel): " } ?? "") + (r.problem ?? "failed")
            let body = ErrorReport.text(for: r, color: false)
            out += ">\n      <\(element) type=\"\(xml(type))\" message=\"\(xml(message))\">\(xml(body))</\(element)>\n    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

    /// Escapes text for XML attributes and content; characters XML 1.0 forbids are dropped.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
