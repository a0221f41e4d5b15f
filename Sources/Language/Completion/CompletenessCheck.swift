/// Jupyter's `is_complete`: whether pressing Enter in a console should run the code, continue it on
/// a new line (open brackets, an unterminated `"""`, a trailing operator) or reject it.
enum CompletenessCheck {
    static func check(_ code: String) -> Completeness {
        if code.trimmingLeadingSpaces.hasPrefix("%%") { return .complete }
        let source = Source(code, name: "<input>")
        let lexer = Lexer(source)
        if lexer.errors.contains(where: \.unterminated) { return .incomplete(indent: "") }
        var depth = 0
        for t in lexer.tokens {
            if t.isSymbol("(") || t.isSymbol("[") || t.isSymbol("{") { depth += 1 }
            if t.isSymbol(")") || t.isSymbol("]") || t.isSymbol("}") { depth -= 1 }
            if depth < 0 { return .invalid }
        }
        let lastLine = code.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let currentIndent = String(lastLine.prefix { $0 == " " || $0 == "\t" })
        if depth > 0 { return .incomplete(indent: String(repeating: "    ", count: depth)) }
        let tokens = lexer.tokens.dropLast()
        if let last = tokens.last, case .symbol(let op) = last.kind, trailing.contains(op) {
            return .incomplete(indent: currentIndent)
        }
        if let last = tokens.last, last.isKeyword(.else) || last.isKeyword(.in) {
            return .incomplete(indent: currentIndent)
        }
        if !lexer.errors.isEmpty { return .invalid }
        var parser = Parser(source: source)
        _ = parser.parseProgram()
        if parser.errors.isEmpty { return .complete }
        if parser.errors.allSatisfy({ $0.message.hasSuffix("(found the end of the cell)") }) {
            return .incomplete(indent: currentIndent)
        }
        return .invalid
    }

    private static let trailing: Set<String> = [
        "+", "-", "*", "/", "%", "=", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "??", "..<", "...", ",", ".", "->",
        "+=", "-=", "*=", "/=", "%=", ":",
    ]
}
