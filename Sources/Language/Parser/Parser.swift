/// A recursive-descent parser for Propel (Swift syntax). It recovers from errors at statement
/// boundaries, so one run reports every independent syntax error in a cell.
struct Parser {
    struct Failure: Error {}

    let source: Source
    var tokens: [Token]
    var p = 0
    var errors: [LocatedDiagnostic] = []
    /// Set while parsing the condition of `if`/`while`/`for`/`switch`/`guard`, where `{` opens the body.
    var noTrailingClosure = false
    var depth = 0
    static let maxDepth = 200

    init(source: Source, start: Int = 0, end: Int? = nil) {
        self.source = source
        let lexer = Lexer(source, start: start, end: end)
        tokens = lexer.tokens
        for e in lexer.errors {
            errors.append(LocatedDiagnostic(kind: "SyntaxError", message: e.message, range: SourceRange(source: source, start: e.start, end: e.end)))
        }
    }

    /// Parses a whole cell.
    mutating func parseProgram() -> [Stmt] {
        var statements: [Stmt] = []
        while !current.isEnd {
            if current.isSymbol(";") { p += 1; continue }
            if current.isSymbol("}") {
                fail(at: current, "unexpected `}` without a matching `{`")
                p += 1
                continue
            }
            if let s = statementRecovering() { statements.append(s) }
        }
        return statements
    }

    // MARK: tokens

    var current: Token { tokens[p] }
    func peekToken(_ k: Int = 1) -> Token { tokens[min(p + k, tokens.count - 1)] }
    var previousEnd: Int { p > 0 ? tokens[p - 1].end : 0 }

    mutating func advance() -> Token {
        let t = tokens[p]
        if !t.isEnd { p += 1 }
        return t
    }

    mutating func accept(_ symbol: String) -> Bool {
        if current.isSymbol(symbol) { p += 1; return true }
        return false
    }

    mutating func acceptKeyword(_ k: Keyword) -> Bool {
        if current.isKeyword(k) { p += 1; return true }
        return false
    }

    mutating func expect(_ symbol: String, _ context: String) throws {
        guard accept(symbol) else { throw fail(at: current, "expected `\(symbol)` \(context)") }
    }

    mutating func expectIdentifier(_ context: String) throws -> (String, Span) {
        guard let name = current.identifier else {
            if case .keyword(let k) = current.kind {
                throw fail(at: current, "keyword `\(k.rawValue)` cannot be used as a name \(context)", hints: ["wrap it in backticks is not supported; choose another name"])
            }
            throw fail(at: current, "expected a name \(context)")
        }
        let t = advance()
        return (name, Span(start: t.start, end: t.end))
    }

    @discardableResult
    mutating func fail(at token: Token, _ message: String, hints: [String] = []) -> Failure {
        let end = token.isEnd ? token.start : token.end
        errors.append(LocatedDiagnostic(kind: "SyntaxError", message: message + (token.isEnd ? " (found the end of the cell)" : ""),
                                        range: SourceRange(source: source, start: min(token.start, max(0, source.scalars.count - 1)), end: max(end, token.start + 1)),
                                        hints: hints))
        return Failure()
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "end of cell"
        default: return "`\(source.text(t.start, t.end))`"
        }
    }

    mutating func nest() throws {
        depth += 1
        if depth > Self.maxDepth { throw fail(at: current, "expression or block nested too deeply (more than \(Self.maxDepth) levels)") }
    }

    // MARK: recovery

    /// Parses one statement; on error skips to the next statement boundary at the same nesting.
    mutating func statementRecovering() -> Stmt? {
        let startP = p
        let savedDepth = depth
        do {
            let s = try statement()
            try endOfStatement()
            return s
        } catch {
            depth = savedDepth
            synchronize()
            if p == startP { _ = advance() }
            return nil
        }
    }

    mutating func endOfStatement() throws {
        if accept(";") || current.newlineBefore || current.isSymbol("}") || current.isEnd { return }
        throw fail(at: current, "consecutive statements on a line must be separated by `;`", hints: ["found \(describe(current))"])
    }

    /// Skips to the start of the next statement: a new line or `;` at the current nesting, or the `}`
    /// closing the enclosing block.
    mutating func synchronize() {
        var nesting = 0
        var first = true
        while !current.isEnd {
            let t = current
            if nesting == 0 && !first {
                if t.newlineBefore { return }
                if t.isSymbol("}") { return }
            }
            if nesting == 0 && t.isSymbol(";") { p += 1; return }
            if t.isSymbol("(") || t.isSymbol("[") || t.isSymbol("{") { nesting += 1 }
            if t.isSymbol("}") {
                if nesting == 0 { return }
                nesting -= 1
            } else if t.isSymbol(")") || t.isSymbol("]") {
                // A stray closer belongs to the broken statement: skip it.
                if nesting > 0 { nesting -= 1 }
            }
            first = false
            p += 1
        }
    }
}
