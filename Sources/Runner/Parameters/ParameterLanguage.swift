/// How parameters are read from and written into one kernel language: the `parameters` cell's
/// declarations, and the source of the `injected-parameters` cell.
public protocol ParameterLanguage: Sendable {
    /// The assignments in a `parameters` cell, in order; lines that are not simple assignments are
    /// skipped, as papermill skips them.
    func declarations(in source: String) -> [ParameterDeclaration]
    /// A literal for the value in this language.
    func literal(_ value: ParameterValue) -> String
    /// One line assigning `value` to `name`, shaped like its declaration when there is one.
    func assignment(_ name: String, _ value: ParameterValue, declaration: ParameterDeclaration?) -> String
    /// A whole-line comment.
    func comment(_ text: String) -> String
}

extension ParameterLanguage {
    /// The injected cell's source, as papermill's `codify` writes it: a comment line, then one
    /// assignment per parameter, each ending in a newline.
    public func injectedSource(_ parameters: [(name: String, value: ParameterValue)], declarations: [ParameterDeclaration]) -> String {
        var source = comment("Parameters") + "\n"
        for (name, value) in parameters {
            source += assignment(name, value, declaration: declarations.last { $0.name == name }) + "\n"
        }
        return source
    }
}

/// Finds the translator for a kernel's language (papermill looks up by kernel name, then language).
public enum ParameterLanguages {
    public static func forLanguage(_ language: String?) -> ParameterLanguage? {
        switch language?.lowercased() {
        case "python", "python3": return PythonTranslator()
        case "propel", "swift": return PropelTranslator()
        default: return nil
        }
    }
}

/// Text helpers the translators share.
enum SourceScan {
    /// The part of `line` before a comment that starts with `marker` outside string quotes.
    static func stripComment(_ line: String, marker: String) -> String {
        var quote: Character?
        var escaped = false
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if line[index...].hasPrefix(marker) {
                return String(line[..<index])
            }
            index = line.index(after: index)
        }
        return line
    }

    /// Whether `text` is an integer literal: optional sign, digits, single underscores between digits.
    static func isIntegerLiteral(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber, body.last?.isNumber == true else { return false }
        return !body.contains("__") && body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "_" }
    }

    /// Whether `text` is a decimal floating-point literal (`1.5`, `-2e3`, `.5`, `5.`).
    static func isFloatLiteral(_ text: String) -> Bool {
        let plain = text.replacingOccurrences(of: "_", with: "")
        guard !plain.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }), Double(plain) != nil else { return false }
        return plain.contains(".") || plain.contains("e") || plain.contains("E")
    }

    /// Whether the top level of a `[...]` literal has a `:` (a Swift dictionary literal).
    static func hasTopLevelColon(_ text: String) -> Bool {
        var depth = 0
        var quote = false
        var escaped = false
        for c in text {
            if quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { quote = false }
                continue
            }
            switch c {
            case "\"": quote = true
            case "[", "(", "{": depth += 1
            case "]", ")", "}": depth -= 1
            case ":" where depth == 1: return true
            default: break
            }
        }
        return false
    }
}
