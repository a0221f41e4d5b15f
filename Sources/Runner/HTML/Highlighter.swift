/// A small lexical highlighter for code cells in the HTML pages: keywords, strings, comments and
/// numbers, for Swift-syntax (Propel) and Python. Output is escaped HTML with `<span class>` tags.
public struct Highlighter {
    public enum Syntax {
        case swift, python, plain

        public init(language: String?) {
            switch language?.lowercased() {
            case "propel", "swift": self = .swift
            case "python", "python3": self = .python
            default: self = .plain
            }
        }
    }

    static let swiftKeywords: Set<String> = [
        "let", "var", "func", "return", "if", "else", "guard", "for", "in", "while", "repeat", "switch", "case", "default",
        "break", "continue", "struct", "class", "enum", "protocol", "extension", "import", "true", "false", "nil", "self",
        "try", "throw", "throws", "catch", "do", "defer", "where", "as", "is", "init", "static", "public", "private",
    ]
    static let pythonKeywords: Set<String> = [
        "def", "return", "if", "elif", "else", "for", "in", "while", "break", "continue", "class", "import", "from", "as",
        "True", "False", "None", "and", "or", "not", "is", "try", "except", "finally", "raise", "with", "lambda", "yield",
        "pass", "global", "nonlocal", "assert", "del", "async", "await",
    ]

    public let syntax: Syntax
    public init(_ syntax: Syntax) { self.syntax = syntax }

    public func html(_ code: String) -> String {
        guard syntax != .plain else { return HTML.escape(code) }
        let keywords = syntax == .swift ? Self.swiftKeywords : Self.pythonKeywords
        let chars = Array(code)
        var out = ""
        var i = 0
        func span(_ cls: String, _ from: Int, _ to: Int) {
            out += "<span class=\"\(cls)\">" + HTML.escape(String(chars[from..<to])) + "</span>"
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if (syntax == .python && c == "#") || (syntax == .swift && c == "/" && i + 1 < chars.count && chars[i + 1] == "/") {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                span("com", start, i)
            } else if syntax == .swift, c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
                while i < chars.count, !(chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/") { i += 1 }
                i = min(i + 2, chars.count)
                span("com", start, i)
            } else if c == "\"" || (syntax == .python && c == "'") {
                let triple = i + 2 < chars.count && chars[i + 1] == c && chars[i + 2] == c
                i += triple ? 3 : 1
                while i < chars.count {
                    if chars[i] == "\\" { i += 2; continue }
                    if triple, chars[i] == c, i + 2 < chars.count, chars[i + 1] == c, chars[i + 2] == c { i += 3; break }
                    if !triple, chars[i] == c || chars[i] == "\n" { i += 1; break }
                    i += 1
                }
                i = min(i, chars.count)
                span("str", start, i)
            } else if c.isNumber {
                while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "_" || chars[i] == "e" { i += 1 }
                span("num", start, i)
            } else if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                let word = String(chars[start..<i])
                if keywords.contains(word) { span("kw", start, i) } else { out += HTML.escape(word) }
            } else {
                out += HTML.escape(String(c))
                i += 1
            }
        }
        return out
    }
}
