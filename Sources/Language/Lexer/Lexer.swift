/// Turns a span of a cell into tokens. It never stops at a bad character: problems are collected in
/// `errors` and scanning continues, so the parser can still report every independent error.
struct Lexer {
    let source: Source
    private let s: [Unicode.Scalar]
    private var i: Int
    private let limit: Int
    private(set) var tokens: [Token] = []
    private(set) var errors: [LexError] = []
    private var newlineBefore = true
    private var spaceBefore = true
    private var pendingDoc: [String] = []

    static let symbols: [String] = [
        "...", "..<", "==", "!=", "<=", ">=", "&&", "||", "??", "->", "+=", "-=", "*=", "/=", "%=", "<<", ">>",
        "+", "-", "*", "/", "%", "<", ">", "!", "=", "?", ":", ",", ";", ".", "(", ")", "[", "]", "{", "}",
        "&", "|", "^", "~", "@", "#",
    ]
    private static let symbolScalars: [[Unicode.Scalar]] = symbols.map { Array($0.unicodeScalars) }
    /// Candidate symbols by first character, longest first, so scanning an operator tries only a few.
    private static let symbolsByFirst: [Unicode.Scalar: [Int]] = Dictionary(grouping: symbols.indices) { symbolScalars[$0][0] }

    /// Lexes `source[start..<end]` (the whole cell, or the code of an interpolation).
    init(_ source: Source, start: Int = 0, end: Int? = nil) {
        self.source = source
        s = source.scalars
        i = start
        limit = end ?? source.scalars.count
        run()
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < limit ? s[i + k] : nil }

    private mutating func add(_ kind: TokenKind, from start: Int) {
        let doc = pendingDoc.isEmpty ? nil : pendingDoc.joined(separator: "\n")
        tokens.append(Token(kind: kind, start: start, end: i, newlineBefore: newlineBefore, spaceBefore: spaceBefore, doc: doc))
        pendingDoc = []
        newlineBefore = false
        spaceBefore = false
    }

    private mutating func error(_ message: String, _ start: Int, _ end: Int, unterminated: Bool = false) {
        errors.append(LexError(message: message, start: start, end: max(end, start + 1), unterminated: unterminated))
    }

    private mutating func run() {
        while i < limit {
            let c = s[i]
            if c == "\n" {
                newlineBefore = true; spaceBefore = true; i += 1
                if !pendingDoc.isEmpty, blankLineFollows() { pendingDoc = [] }
            } else if c == " " || c == "\t" || c == "\r" {
                spaceBefore = true; i += 1
            } else if c == "/" && peek(1) == "/" {
                lineComment()
            } else if c == "/" && peek(1) == "*" {
                blockComment()
            } else if c == "%" && newlineBefore && (peek(1).map(isIdentifierStart) ?? false) {
                magic()
            } else if isIdentifierStart(c) {
                identifier()
            } else if isDigit(c) {
                number()
            } else if c == "\"" {
                string()
            } else if c == "$" {
                dollar()
            } else if c == "?" && !spaceBefore && peek(1) == "." {
                let start = i; i += 2; add(.symbol("?."), from: start)
            } else if !symbol() {
                let start = i; i += 1
                error("unexpected character `\(c)`", start, i)
                spaceBefore = true
            }
        }
        let doc = pendingDoc.isEmpty ? nil : pendingDoc.joined(separator: "\n")
        tokens.append(Token(kind: .end, start: limit, end: limit, newlineBefore: true, spaceBefore: true, doc: doc))
    }

    private func blankLineFollows() -> Bool {
        var k = i
        while k < limit, s[k] == " " || s[k] == "\t" || s[k] == "\r" { k += 1 }
        return k < limit && s[k] == "\n"
    }

    private mutating func lineComment() {
        let isDoc = peek(2) == "/" && peek(3) != "/"
        let start = i + (isDoc ? 3 : 2)
        while i < limit && s[i] != "\n" { i += 1 }
        if isDoc {
            var text = source.text(start, i)
            if text.hasPrefix(" ") { text.removeFirst() }
            pendingDoc.append(text)
        }
        spaceBefore = true
    }

    private mutating func blockComment() {
        let start = i
        var depth = 0
        while i < limit {
            if s[i] == "/" && peek(1) == "*" { depth += 1; i += 2 }
            else if s[i] == "*" && peek(1) == "/" { depth -= 1; i += 2; if depth == 0 { break } }
            else { if s[i] == "\n" { newlineBefore = true }; i += 1 }
        }
        if depth > 0 { error("unterminated `/*` comment", start, start + 2, unterminated: true) }
        spaceBefore = true
    }

    private mutating func magic() {
        let start = i
        i += 1
        let nameStart = i
        while i < limit, isIdentifierChar(s[i]) { i += 1 }
        let name = source.text(nameStart, i)
        while i < limit, s[i] == " " || s[i] == "\t" { i += 1 }
        let argStart = i
        while i < limit && s[i] != "\n" { i += 1 }
        add(.magic(name: name, argument: source.text(argStart, i), argumentStart: argStart), from: start)
    }

    private mutating func identifier() {
        let start = i
        while i < limit, isIdentifierChar(s[i]) { i += 1 }
        let text = source.text(start, i)
        // `t.0` style tuple members are integers; identifiers never start with digits.
        add(Keyword(rawValue: text).map(TokenKind.keyword) ?? .identifier(text), from: start)
    }

    private mutating func dollar() {
        let start = i
        i += 1
        let digitsStart = i
        while i < limit, isDigit(s[i]) { i += 1 }
        if i == digitsStart {
            error("expected a number after `$` (closure parameters are `$0`, `$1`, …)", start, i)
            return
        }
        add(.dollar(Int(source.text(digitsStart, i)) ?? 0), from: start)
    }

    private mutating func number() {
        let start = i
        let afterDot = tokens.last?.isSymbol(".") == true && !spaceBefore
        var radix = 10
        if s[i] == "0", let p = peek(1), p == "x" || p == "b" || p == "o" {
            radix = p == "x" ? 16 : p == "b" ? 2 : 8
            i += 2
        }
        var digits = ""
        var isDouble = false
        func scanDigits(_ lexer: inout Lexer, into digits: inout String, radix: Int) {
            while let c = lexer.peek(), c == "_" || c.properties.isASCIIHexDigit && (radix == 16 || isDigit(c)) {
                if c != "_" { digits.unicodeScalars.append(c) }
                lexer.i += 1
            }
        }
        scanDigits(&self, into: &digits, radix: radix)
        if radix == 10 && !afterDot {
            if peek() == ".", let d = peek(1), isDigit(d) {
                isDouble = true
                digits += "."
                i += 1
                scanDigits(&self, into: &digits, radix: 10)
            }
            if let e = peek(), e == "e" || e == "E" {
                var k = 1
                if let sign = peek(1), sign == "+" || sign == "-" { k = 2 }
                if let d = peek(k), isDigit(d) {
                    isDouble = true
                    digits += "e" + (k == 2 ? String(peek(1)!) : "")
                    i += k
                    scanDigits(&self, into: &digits, radix: 10)
                }
            }
        }
        if let c = peek(), isIdentifierChar(c) {
            while let c = peek(), isIdentifierChar(c) { i += 1 }
            error("invalid number literal `\(source.text(start, i))`", start, i)
            spaceBefore = true
            return
        }
        if isDouble {
            add(.double(Double(digits) ?? .nan), from: start)
        } else if let v = Int(digits, radix: radix) {
            add(.integer(v), from: start)
        } else {
            error(digits.isEmpty ? "expected digits after the base prefix" : "integer literal `\(source.text(start, i))` overflows Int (largest is \(Int.max))", start, i)
            add(.integer(0), from: start)
        }
    }

    private mutating func symbol() -> Bool {
        for k in Self.symbolsByFirst[s[i]] ?? [] where i + Self.symbolScalars[k].count <= limit {
            let sym = Self.symbolScalars[k]
            var match = true
            for (j, c) in sym.enumerated() where s[i + j] != c { match = false; break }
            if match {
                let start = i
                i += sym.count
                add(.symbol(Self.symbols[k]), from: start)
                return true
            }
        }
        return false
    }

    // MARK: strings

    private mutating func string() {
        let start = i
        if peek(1) == "\"" && peek(2) == "\"" {
            multilineString(start)
            return
        }
        i += 1
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard let c = peek(), c != "\n" else {
                error("unterminated string literal", start, i)
                break
            }
            if c == "\"" { i += 1; break }
            if c == "\\" {
                if !escape(into: &text, parts: &parts) { continue }
            } else {
                text.unicodeScalars.append(c)
                i += 1
            }
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        add(.string(parts), from: start)
    }

    /// Handles the escape at `i` (a backslash). Returns false when it was an interpolation that
    /// flushed `text` into `parts`.
    private mutating func escape(into text: inout String, parts: inout [StringPart]) -> Bool {
        let start = i
        i += 1
        guard let e = peek() else { error("unterminated escape sequence", start, i); return true }
        i += 1
        switch e {
        case "n": text += "\n"
        case "t": text += "\t"
        case "r": text += "\r"
        case "0": text += "\0"
        case "\\": text += "\\"
        case "\"": text += "\""
        case "'": text += "'"
        case "u":
            guard peek() == "{" else { error("expected `{` after `\\u`", start, i); return true }
            i += 1
            let hexStart = i
            while let c = peek(), c.properties.isASCIIHexDigit { i += 1 }
            let hex = source.text(hexStart, i)
            if peek() == "}" { i += 1 } else { error("expected `}` to close the unicode escape", start, i) }
            if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) {
                text.unicodeScalars.append(scalar)
            } else {
                error("invalid unicode scalar `\\u{\(hex)}`", start, i)
            }
        case "(":
            let codeStart = i
            var depth = 1
            while let c = peek(), c != "\n" {
                if c == "(" { depth += 1 }
                else if c == ")" { depth -= 1; if depth == 0 { break } }
                else if c == "\"" { skipNestedString(); continue }
                i += 1
            }
            if peek() == ")" {
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                parts.append(.code(start: codeStart, end: i))
                i += 1
                return false
            }
            error("unterminated interpolation `\\(`", start, i)
        default:
            error("invalid escape sequence `\\\(e)`", start, i)
        }
        return true
    }

    /// Skips a string literal inside an interpolation so its parentheses don't count.
    private mutating func skipNestedString() {
        i += 1
        while let c = peek(), c != "\"", c != "\n" {
            i += c == "\\" ? 2 : 1
        }
        if peek() == "\"" { i += 1 }
    }

    /// `"""` strings: the content starts on the line after the opening delimiter; the indentation
    /// of the closing delimiter is removed from every line (Swift's rule).
    private mutating func multilineString(_ start: Int) {
        i += 3
        while let c = peek(), c == " " || c == "\t" { i += 1 }
        if peek() == "\n" { i += 1 } else if peek() != nil {
            error("multi-line string content must start on a new line after `\"\"\"`", start, i)
        }
        var lines: [[StringPart]] = [[]]
        var text = ""
        var closed = false
        func flush(_ text: inout String, _ lines: inout [[StringPart]]) {
            if !text.isEmpty { lines[lines.count - 1].append(.text(text)); text = "" }
        }
        while let c = peek() {
            if c == "\"" && peek(1) == "\"" && peek(2) == "\"" { i += 3; closed = true; break }
            if c == "\n" { flush(&text, &lines); lines.append([]); i += 1; continue }
            if c == "\\" {
                var parts = lines[lines.count - 1]
                if !escape(into: &text, parts: &parts) { lines[lines.count - 1] = parts }
                continue
            }
            text.unicodeScalars.append(c)
            i += 1
        }
        flush(&text, &lines)
        guard closed else {
            error("unterminated multi-line string (close it with `\"\"\"`)", start, start + 3, unterminated: true)
            add(.string([]), from: start)
            return
        }
        // The last line holds the closing delimiter's indentation.
        let indent: String
        if case .text(let t)? = lines.last?.first, lines.last!.count == 1, t.allSatisfy({ $0 == " " || $0 == "\t" }) {
            indent = t
        } else if lines.last?.isEmpty == true {
            indent = ""
        } else {
            error("closing `\"\"\"` must be on its own line", i - 3, i)
            indent = ""
        }
        lines.removeLast()
        var parts: [StringPart] = []
        for (n, line) in lines.enumerated() {
            var line = line
            if case .text(let t)? = line.first {
                if t.hasPrefix(indent) { line[0] = .text(String(t.dropFirst(indent.count))) }
                else if !t.allSatisfy({ $0 == " " || $0 == "\t" }) || !line.dropFirst().isEmpty {
                    error("line is indented less than the closing `\"\"\"`", start, start + 3)
                }
            }
            if n > 0 { parts.append(.text("\n")) }
            parts += line
        }
        var merged: [StringPart] = []
        for p in parts {
            if case .text(let t) = p, case .text(let prev)? = merged.last {
                merged[merged.count - 1] = .text(prev + t)
            } else {
                merged.append(p)
            }
        }
        add(.string(merged.isEmpty ? [.text("")] : merged), from: start)
    }
}

func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c.value < 128 ? c.properties.isAlphabetic : c.properties.isXIDStart)
}
func isIdentifierChar(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c.value < 128 ? (c.properties.isAlphabetic || isDigit(c)) : c.properties.isXIDContinue)
}
