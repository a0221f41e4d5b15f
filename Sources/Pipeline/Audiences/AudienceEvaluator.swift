/// Evaluates a parsed audience expression over a profile table, row by row, with SQL's
/// three-valued logic: a comparison with a missing value is unknown, and only rows where the
/// whole expression is true qualify. Names are resolved once (by the type check), not per row.
final class AudienceEvaluator {
    enum Kind: Equatable { case number, string, bool, timestamp, null }

    let source: String
    let table: Table
    private var resolved: [String: Int] = [:]

    init(source: String, table: Table) {
        self.source = source
        self.table = table
    }

    /// The table columns the names resolved so far refer to, in table order.
    var resolvedColumns: [Int] { Set(resolved.values).sorted() }

    static let functions: [String: (arity: Int, argument: Kind, result: Kind)] = [
        "lower": (1, .string, .string), "upper": (1, .string, .string), "length": (1, .string, .number),
        "contains": (2, .string, .bool), "startswith": (2, .string, .bool), "endswith": (2, .string, .bool),
        "exists": (1, .null, .bool),
    ]

    /// The column a name refers to: exact, then case-insensitive, then (for dotted names such as
    /// `_tenant.propensity`) the last part.
    func resolve(_ name: String, column: Int) throws -> Int {
        if let i = resolved[name] { return i }
        let i = try lookUp(name, column: column)
        resolved[name] = i
        return i
    }

    private func lookUp(_ name: String, column: Int) throws -> Int {
        let names = table.columnNames
        if let i = names.firstIndex(of: name) { return i }
        if let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
        if let last = name.split(separator: ".").last.map(String.init), last != name, let i = names.firstIndex(where: { $0.lowercased() == last.lowercased() }) {
            return i
        }
        throw audienceError(source, column: column, "no profile attribute `\(name)`",
                            hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" } ?? "attributes: \(names.joined(separator: ", "))")
    }

    /// Static type check, so `propensity >= "high"` fails before any row is read.
    func check(_ e: AudienceExpression) throws -> Kind {
        switch e {
        case .attribute(let name, let column):
            switch table.columns[try resolve(name, column: column)].type {
            case .int, .double: return .number
            case .string: return .string
            case .bool: return .bool
            case .timestamp: return .timestamp
            }
        case .literal(let v, _):
            switch v {
            case .null: return .null
            case .int, .double: return .number
            case .string: return .string
            case .bool: return .bool
            case .timestamp: return .timestamp
            }
        case .compare(let op, let a, let b, let column):
            let (ka, kb) = (try check(a), try check(b))
            if ka != .null, kb != .null, ka != kb, !(Set([ka, kb]) == [.timestamp, .string]) {
                throw audienceError(source, column: column, "cannot compare a \(ka) with a \(kb) using `\(op)`")
            }
            if (ka == .bool || kb == .bool), !["=", "!="].contains(op) {
                throw audienceError(source, column: column, "booleans can only be compared with = or !=")
            }
            return .bool
        case .and(let a, let b), .or(let a, let b):
            for x in [a, b] where try check(x) != .bool && check(x) != .null {
                throw audienceError(source, column: x.column, "this is not a condition (true or false)")
            }
            return .bool
        case .not(let a, let column):
            guard try check(a) == .bool else { throw audienceError(source, column: column, "`not` needs a condition after it") }
            return .bool
        case .inList(let a, let items, _, let column):
            let k = try check(a)
            for item in items {
                let ki = try check(item)
                if ki != k, ki != .null { throw audienceError(source, column: item.column, "list item is a \(ki), but the value tested is a \(k)") }
            }
            _ = column
            return .bool
        case .call(let name, let args, let column):
            guard let f = Self.functions[name.lowercased()] else {
                throw audienceError(source, column: column, "unknown function `\(name)`",
                                    hint: "functions: \(Self.functions.keys.sorted().joined(separator: ", "))")
            }
            guard args.count == f.arity else {
                throw audienceError(source, column: column, "`\(name)` takes \(f.arity) argument\(f.arity == 1 ? "" : "s"), got \(args.count)")
            }
            if name.lowercased() == "exists" {
                guard case .attribute = args[0] else { throw audienceError(source, column: args[0].column, "`exists` takes an attribute name") }
                _ = try check(args[0])
                return .bool
            }
            for a in args where try check(a) != f.argument && check(a) != .null {
                throw audienceError(source, column: a.column, "`\(name)` needs text here")
            }
            return f.result
        }
    }

    func value(_ e: AudienceExpression, row: Int) throws -> Value {
        switch e {
        case .attribute(let name, let column): return table.columns[try resolve(name, column: column)][row]
        case .literal(let v, _): return v
        case .compare(let op, let a, let b, _):
            let (x, y) = (try value(a, row: row), try value(b, row: row))
            guard let order = Self.order(x, y) else { return .null }
            switch op {
            case "=": return .bool(order == 0)
            case "!=": return .bool(order != 0)
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .and(let a, let b):
            let x = try value(a, row: row)
            if x == .bool(false) { return .bool(false) }
            let y = try value(b, row: row)
            if y == .bool(false) { return .bool(false) }
            return x == .bool(true) && y == .bool(true) ? .bool(true) : .null
        case .or(let a, let b):
            let x = try value(a, row: row)
            if x == .bool(true) { return .bool(true) }
            let y = try value(b, row: row)
            if y == .bool(true) { return .bool(true) }
            return x == .bool(false) && y == .bool(false) ? .bool(false) : .null
        case .not(let a, _):
            if case .bool(let b) = try value(a, row: row) { return .bool(!b) }
            return .null
        case .inList(let a, let items, let negated, _):
            let x = try value(a, row: row)
            if x == .null { return .null }
            var sawNull = false
            for item in items {
                let y = try value(item, row: row)
                if y == .null { sawNull = true; continue }
                if Self.order(x, y) == 0 { return .bool(!negated) }
            }
            return sawNull ? .null : .bool(negated)
        case .call(let name, let args, _):
            if name.lowercased() == "exists" { return .bool(try value(args[0], row: row) != .null) }
            let values = try args.map { try value($0, row: row) }
            var texts: [String] = []
            for v in values { guard case .string(let s) = v else { return .null }; texts.append(s) }
            switch name.lowercased() {
            case "lower": return .string(texts[0].lowercased())
            case "upper": return .string(texts[0].uppercased())
            case "length": return .int(texts[0].count)
            case "contains": return .bool(texts[0].contains(texts[1]))
            case "startswith": return .bool(texts[0].hasPrefix(texts[1]))
            default: return .bool(texts[0].hasSuffix(texts[1]))
            }
        }
    }

    /// −1, 0 or 1; nil when either side is null. Text compared with a timestamp is parsed.
    static func order(_ x: Value, _ y: Value) -> Int? {
        switch (x, y) {
        case (.null, _), (_, .null): return nil
        case (.string(let a), .string(let b)): return a < b ? -1 : a == b ? 0 : 1
        case (.timestamp(let a), .string(let s)): return Timestamp(parsing: s).flatMap { order(.timestamp(a), .timestamp($0)) }
        case (.string(let s), .timestamp(let b)): return Timestamp(parsing: s).flatMap { order(.timestamp($0), .timestamp(b)) }
        case (.timestamp(let a), .timestamp(let b)): return a < b ? -1 : a == b ? 0 : 1
        default:
            guard let a = x.doubleValue, let b = y.doubleValue else { return nil }
            return a < b ? -1 : a == b ? 0 : 1
        }
    }
}
