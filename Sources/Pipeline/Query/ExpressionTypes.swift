/// The type a result column's expression implies, for the one case the values cannot tell: a
/// column that is NULL in every row and is not a plain dataset column (SQLite declares types
/// only for those). Without it such a column came out as text, and `CREATE TABLE … AS` made a
/// String field of, say, a recency feature that is an integer whenever it has a value — so the
/// schema depended on whether the data happened to contain the event.
///
/// Read from the statement's `expression AS name` pairs, in any subquery or CTE, so a column
/// passed on by name (`f.minutes_since_x`) keeps the type of its definition. Rules: literals,
/// `CAST`, `CASE … THEN`, arithmetic, and the result types of SQLite's and Propel's functions.
enum ExpressionTypes {
    /// Lower-cased alias → type, for every alias whose expression has a recognisable type.
    static func hints(_ tokens: ArraySlice<SQLToken>) -> [String: DataType] {
        let t = Array(tokens)
        var hints: [String: DataType] = [:]
        for i in t.indices where t[i].keyword == "AS" && i + 1 < t.count {
            guard let name = t[i + 1].identifier?.lowercased(), hints[name] == nil,
                  let start = expressionStart(t, before: i), start < i,
                  let type = type(of: t[start..<i], hints) else { continue }
            hints[name] = type
        }
        return hints
    }

    /// Where the select-list item ending just before `as` starts; nil when the `AS` is not a
    /// column alias (inside `CAST(… AS type)`, or a table or CTE alias).
    private static func expressionStart(_ t: [SQLToken], before `as`: Int) -> Int? {
        var depth = 0
        var j = `as` - 1
        while j >= 0 {
            switch t[j].text {
            case ")": depth += 1
            case "(":
                if depth == 0 { return nil }
                depth -= 1
            case "," where depth == 0: return j + 1
            default:
                if depth == 0 {
                    switch t[j].keyword {
                    case "SELECT", "DISTINCT", "ALL": return j + 1
                    case "FROM", "JOIN", "ON", "WHERE", "BY", "HAVING", "WITH", "AS", "TABLE", "INTO", "UNION": return nil
                    default: break
                    }
                }
            }
            j -= 1
        }
        return nil
    }

    private static let functionTypes: [String: DataType] = [
        "COUNT": .int, "ROW_NUMBER": .int, "RANK": .int, "DENSE_RANK": .int, "NTILE": .int, "LENGTH": .int,
        "INSTR": .int, "UNIXEPOCH": .int, "CHANGES": .int, "TIME_BETWEEN_PREVIOUS_MATCH": .int,
        "AVG": .double, "TOTAL": .double, "CORR": .double, "STDDEV": .double, "STDDEV_SAMP": .double,
        "STDDEV_POP": .double, "VARIANCE": .double, "VAR_SAMP": .double, "VAR_POP": .double, "PERCENTILE": .double,
        "MEDIAN": .double, "RAND": .double, "RANDN": .double, "SEEDED_RANDOM": .double, "JULIANDAY": .double,
        "ROUND": .double, "PERCENT_RANK": .double, "CUME_DIST": .double, "RANDOM": .int,
        "LOWER": .string, "UPPER": .string, "SUBSTR": .string, "SUBSTRING": .string, "TRIM": .string, "LTRIM": .string,
        "RTRIM": .string, "REPLACE": .string, "PRINTF": .string, "FORMAT": .string, "GROUP_CONCAT": .string,
        "STRING_AGG": .string, "TYPEOF": .string, "HEX": .string, "QUOTE": .string, "DATE": .string, "TIME": .string,
        "STRFTIME": .string, "CONCAT": .string, "CONCAT_WS": .string,
        "DATETIME": .timestamp, "TABLE_EXISTS": .bool,
    ]

    /// Functions whose result has the type of their first argument.
    private static let passThrough: Set<String> = [
        "MAX", "MIN", "SUM", "ABS", "COALESCE", "IFNULL", "NULLIF", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
        "LAG", "LEAD", "IIF",
    ]

    private static func type(of e: ArraySlice<SQLToken>, _ hints: [String: DataType]) -> DataType? {
        var e = e
        var depth = 0
        let over = e.firstIndex { token in
            if token.text == "(" { depth += 1 } else if token.text == ")" { depth -= 1 }
            return depth == 0 && token.keyword == "OVER"
        }
        if let over, over > e.startIndex { e = e[..<over] }   // a window function: the function's type
        guard let first = e.first else { return nil }
        if e.count == 1 { return literalOrColumn(first, hints) }
        if e.count == 3, e[e.startIndex + 1].text == ".", let column = e.last?.identifier { return hints[column.lowercased()] }
        let items = topLevel(e)
        if items.operators.isEmpty {
            return callOrCase(e, hints)
        }
        if items.operators.contains("||") { return .string }
        if !items.operators.allSatisfy({ ["+", "-", "*", "/", "%"].contains($0) }) { return nil }
        let types = items.operands.map { type(of: $0, hints) }
        if types.contains(.double) { return .double }
        return types.allSatisfy { $0 == .int } ? .int : nil
    }

    private static func literalOrColumn(_ token: SQLToken, _ hints: [String: DataType]) -> DataType? {
        switch token.kind {
        case .number:
            let text = token.text.lowercased()
            return !text.hasPrefix("0x") && (text.contains(".") || text.contains("e")) ? .double : .int
        case .string: return .string
        case .word where ["TRUE", "FALSE"].contains(token.keyword): return .bool
        case .word where token.keyword == "NULL": return nil
        default: return token.identifier.flatMap { hints[$0.lowercased()] }
        }
    }

    /// `f(…)`, `CAST(x AS type)`, `CASE … END` or a parenthesised expression filling all of `e`.
    private static func callOrCase(_ e: ArraySlice<SQLToken>, _ hints: [String: DataType]) -> DataType? {
        let first = e[e.startIndex]
        if first.keyword == "CASE", e.last?.keyword == "END" { return caseType(e, hints) }
        if first.text == "(", closing(e, from: e.startIndex) == e.endIndex - 1 { return type(of: e.dropFirst().dropLast(), hints) }
        guard first.kind == .word, e.count >= 3, e[e.startIndex + 1].text == "(",
              closing(e, from: e.startIndex + 1) == e.endIndex - 1 else { return nil }
        let arguments = e[(e.startIndex + 2)..<(e.endIndex - 1)]
        if first.keyword == "CAST", let at = arguments.lastIndex(where: { $0.keyword == "AS" }) {
            return ResultColumnBuilder.dataType(declared: arguments[(at + 1)...].map(\.text).joined(separator: " "))
        }
        if let known = functionTypes[first.keyword] { return known }
        guard passThrough.contains(first.keyword) else { return nil }
        var depth = 0
        let end = arguments.firstIndex { token in
            if token.text == "(" { depth += 1 } else if token.text == ")" { depth -= 1 }
            return depth == 0 && token.text == ","
        } ?? arguments.endIndex
        let argument = arguments[..<end]
        // IIF(condition, a, b): the type of `a`.
        if first.keyword == "IIF", end < arguments.endIndex {
            let rest = arguments[(end + 1)...]
            return type(of: rest.prefix { $0.text != "," }, hints)
        }
        return argument.isEmpty ? nil : type(of: argument, hints)
    }

    /// The first typeable THEN or ELSE branch of a CASE expression.
    private static func caseType(_ e: ArraySlice<SQLToken>, _ hints: [String: DataType]) -> DataType? {
        var depth = 0, branchStart: Int?
        for i in e.indices {
            let token = e[i]
            if token.text == "(" { depth += 1 } else if token.text == ")" { depth -= 1 }
            if token.keyword == "CASE", i != e.startIndex { depth += 1 }
            if token.keyword == "END", i != e.endIndex - 1 { depth -= 1 }
            guard depth == 0 else { continue }
            if ["WHEN", "ELSE", "END"].contains(token.keyword), let start = branchStart {
                if start < i, let type = type(of: e[start..<i], hints) { return type }
                branchStart = nil
            }
            if token.keyword == "THEN" || token.keyword == "ELSE" { branchStart = i + 1 }
        }
        return nil
    }

    private static func closing(_ e: ArraySlice<SQLToken>, from open: Int) -> Int? {
        var depth = 0
        for i in open..<e.endIndex {
            if e[i].text == "(" { depth += 1 } else if e[i].text == ")" {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return nil
    }

    /// The expression split at its top-level binary operators (a leading sign is not one).
    private static func topLevel(_ e: ArraySlice<SQLToken>) -> (operands: [ArraySlice<SQLToken>], operators: [String]) {
        var operands: [ArraySlice<SQLToken>] = [], operators: [String] = []
        var depth = 0, caseDepth = 0, start = e.startIndex
        var i = e.startIndex
        while i < e.endIndex {
            let token = e[i]
            if token.text == "(" { depth += 1 } else if token.text == ")" { depth -= 1 }
            if token.keyword == "CASE" { caseDepth += 1 } else if token.keyword == "END" { caseDepth -= 1 }
            if depth == 0, caseDepth == 0, i > start, token.text != ")", token.kind == .punctuation || ["AND", "OR", "IS", "NOT", "IN", "LIKE", "BETWEEN"].contains(token.keyword) {
                var op = token.text
                // Two-character operators arrive as two punctuation tokens (`||`, `<=`, `<>`, `!=`).
                if i + 1 < e.endIndex, e[i + 1].kind == .punctuation, ["||", "<=", ">=", "<>", "!=", "=="].contains(op + e[i + 1].text) {
                    op += e[i + 1].text
                    i += 1
                }
                if op != "." {
                    operands.append(e[start..<(op.count == 2 && token.kind == .punctuation ? i - 1 : i)])
                    operators.append(token.kind == .word ? token.keyword : op)
                    start = i + 1
                }
            }
            i += 1
        }
        operands.append(e[start..<e.endIndex])
        return (operands, operators)
    }
}
