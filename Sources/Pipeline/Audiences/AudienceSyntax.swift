/// The audience expression language: a small PQL-like predicate over profile attributes.
///
///     propensity >= 0.2 and propensity <= 0.93
///     not (country in ["US", "CA"]) or exists(loyaltyTier)
///     endsWith(lower(email), "@example.com")
///
/// Grammar (lowest precedence first):
///     or      := and ("or" and)*
///     and     := not ("and" not)*
///     not     := "not" not | test
///     test    := value (("=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=") value
///                       | "not"? "in" "[" value ("," value)* "]")?
///     value   := number | string | true | false | null | "(" or ")" | name "(" args ")" | name
/// Names may be dotted (`_tenant.propensity`); an unknown dotted name falls back to its last part.
indirect enum AudienceExpression: Equatable {
    case attribute(String, column: Int)
    case literal(Value, column: Int)
    case compare(String, AudienceExpression, AudienceExpression, column: Int)
    case and(AudienceExpression, AudienceExpression)
    case or(AudienceExpression, AudienceExpression)
    case not(AudienceExpression, column: Int)
    case inList(AudienceExpression, [AudienceExpression], negated: Bool, column: Int)
    case call(String, [AudienceExpression], column: Int)

    var column: Int {
        switch self {
        case .attribute(_, let c), .literal(_, let c), .compare(_, _, _, let c), .not(_, let c), .inList(_, _, _, let c), .call(_, _, let c):
            return c
        case .and(let a, _), .or(let a, _): return a.column
        }
    }
}

/// A syntax or name error at a 1-based column of the expression, shown with a caret under it.
func audienceError(_ source: String, column: Int, _ message: String, hint: String? = nil) -> PipelineError {
    let caret = String(repeating: " ", count: max(column - 1, 0)) + "^"
    return PipelineError(.audience, "column \(column): \(message)\n  \(source)\n  \(caret)", hint: hint)
}

struct AudienceToken: Equatable {
    enum Kind: Equatable { case name, number, string, symbol, end }
    let kind: Kind
    let text: String
    let column: Int
}

enum AudienceLexer {
    static func tokens(_ source: String) throws -> [AudienceToken] {
        let chars = Array(source)
        var out: [AudienceToken] = [], i = 0
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
                out.append(AudienceToken(kind: .name, text: String(chars[i..<j]), column: column)); i = j
            } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber)
                        || (c == "-" && i + 1 < chars.count && (chars[i + 1].isNumber || chars[i + 1] == ".") && !(out.last.map(isOperand) ?? false)) {
                var j = i + 1
                while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
                        || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E")) { j += 1 }
                let text = String(chars[i..<j])
                guard Double(text) != nil else { throw audienceError(source, column: column, "`\(text)` is not a number") }
                out.append(AudienceToken(kind: .number, text: text, column: column)); i = j
            } else if c == "\"" || c == "'" {
                var j = i + 1, text = ""
                while j < chars.count, chars[j] != c {
                    if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                    text.append(chars[j]); j += 1
                }
                guard j < chars.count else { throw audienceError(source, column: column, "this string is never closed", hint: "add a closing \(c)") }
                out.append(AudienceToken(kind: .string, text: text, column: column)); i = j + 1
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["==", "!=", "<>", "<=", ">="].contains(two) {
                    out.append(AudienceToken(kind: .symbol, text: two, column: column)); i += 2
                } else if "=<>()[],".contains(c) {
                    out.append(AudienceToken(kind: .symbol, text: String(c), column: column)); i += 1
                } else {
                    throw audienceError(source, column: column, "unexpected character `\(c)`")
                }
            }
        }
        out.append(AudienceToken(kind: .end, text: "", column: chars.count + 1))
        return out
    }

    private static func isOperand(_ t: AudienceToken) -> Bool {
        t.kind == .number || t.kind == .string || (t.kind == .name && !["and", "or", "not", "in"].contains(t.text.lowercased()))
            || t.text == ")" || t.text == "]"
    }
}

struct AudienceParser {
    let source: String
    var tokens: [AudienceToken]
    var position = 0

    static func parse(_ source: String) throws -> AudienceExpression {
        var p = AudienceParser(source: source, tokens: try AudienceLexer.tokens(source))
        guard p.tokens.count > 1 else { throw audienceError(source, column: 1, "the expression is empty") }
        let e = try p.parseOr()
        guard p.peek.kind == .end else { throw p.error("unexpected `\(p.peek.text)` after a complete condition", hint: "join conditions with and / or") }
        return e
    }

    var peek: AudienceToken { tokens[position] }
    mutating func next() -> AudienceToken { defer { position += 1 }; return tokens[position] }
    func isKeyword(_ word: String) -> Bool { peek.kind == .name && peek.text.lowercased() == word }
    func error(_ message: String, hint: String? = nil) -> PipelineError { audienceError(source, column: peek.column, message, hint: hint) }

    mutating func parseOr() throws -> AudienceExpression {
        var e = try parseAnd()
        while isKeyword("or") { _ = next(); e = .or(e, try parseAnd()) }
        return e
    }

    mutating func parseAnd() throws -> AudienceExpression {
        var e = try parseNot()
        while isKeyword("and") { _ = next(); e = .and(e, try parseNot()) }
        return e
    }

    mutating func parseNot() throws -> AudienceExpression {
        if isKeyword("not") { let t = next(); return .not(try parseNot(), column: t.column) }
        return try parseTest()
    }

    mutating func parseTest() throws -> AudienceExpression {
        let left = try parseValue()
        if peek.kind == .symbol, ["=", "==", "!=", "<>", "<", "<=", ">", ">="].contains(peek.text) {
            let op = next()
            let canonical = op.text == "==" ? "=" : op.text == "<>" ? "!=" : op.text
            return .compare(canonical, left, try parseValue(), column: op.column)
        }
        var negated = false
        let start = peek.column
        if isKeyword("not"), position + 1 < tokens.count, tokens[position + 1].text.lowercased() == "in" { _ = next(); negated = true }
        if isKeyword("in") {
            _ = next()
            guard peek.text == "[" || peek.text == "(" else { throw error("expected `[` to start the list after `in`") }
            let close = next().text == "[" ? "]" : ")"
            var items: [AudienceExpression] = [try parseValue()]
            while peek.text == "," { _ = next(); items.append(try parseValue()) }
            guard peek.text == close else { throw error("expected `,` or `\(close)` in the list") }
            _ = next()
            return .inList(left, items, negated: negated, column: start)
        }
        return left
    }

    mutating func parseValue() throws -> AudienceExpression {
        let t = peek
        switch t.kind {
        case .number: _ = next(); return .literal(.double(Double(t.text)!), column: t.column)
        case .string: _ = next(); return .literal(.string(t.text), column: t.column)
        case .symbol where t.text == "(":
            _ = next()
            let e = try parseOr()
            guard peek.text == ")" else { throw error("expected `)` to close the `(` at column \(t.column)") }
            _ = next()
            return e
        case .name:
            switch t.text.lowercased() {
            case "true": _ = next(); return .literal(.bool(true), column: t.column)
            case "false": _ = next(); return .literal(.bool(false), column: t.column)
            case "null": _ = next(); return .literal(.null, column: t.column)
            case "and", "or", "in": throw error("expected a value before `\(t.text)`")
            default: break
            }
            _ = next()
            if peek.text == "(" {
                _ = next()
                var args: [AudienceExpression] = []
                if peek.text != ")" {
                    args.append(try parseOr())
                    while peek.text == "," { _ = next(); args.append(try parseOr()) }
                }
                guard peek.text == ")" else { throw error("expected `,` or `)` in the arguments of `\(t.text)`") }
                _ = next()
                return .call(t.text, args, column: t.column)
            }
            return .attribute(t.text, column: t.column)
        case .end: throw error("the expression ends where a value was expected")
        default: throw error("expected a value, found `\(t.text)`")
        }
    }
}
