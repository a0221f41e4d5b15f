import Foundation

/// The semantics of Propel's operators. Integer arithmetic traps overflow and division by zero as
/// `ArithmeticError` instead of crashing; Int and Double mix (the Int is converted), as Swift's literals would.
enum Operators {
    static func overflow(_ op: String, _ a: Int, _ b: Int) -> LanguageError {
        .arithmetic("integer overflow: \(a) \(op) \(b) does not fit in Int")
    }

    static func mismatch(_ op: String, _ a: Value, _ b: Value) -> LanguageError {
        var hints: [String] = []
        if op == "+", (a.stringValue != nil) != (b.stringValue != nil) {
            hints.append("convert with String(…) or use interpolation: \"\\(value)\"")
        }
        return .typeError("binary operator `\(op)` cannot be applied to \(a.typeName) and \(b.typeName)", hints: hints)
    }

    static func binary(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case "+": return try add(a, b)
        case "-": return try arithmetic(op, a, b, Int.subtractingReportingOverflow, -)
        case "*": return try arithmetic(op, a, b, Int.multipliedReportingOverflow, *)
        case "/": return try divide(a, b)
        case "%": return try remainder(a, b)
        case "==": return .bool(equal(a, b))
        case "!=": return .bool(!equal(a, b))
        case "<": return .bool(try compare(op, a, b) < 0)
        case "<=": return .bool(try compare(op, a, b) <= 0)
        case ">": return .bool(try compare(op, a, b) > 0)
        case ">=": return .bool(try compare(op, a, b) >= 0)
        case "..<", "...": return try range(op, a, b)
        case "&", "|", "^", "<<", ">>": return try bitwise(op, a, b)
        case "??": return a.isNil ? b : a
        default: throw LanguageError.typeError("unknown operator `\(op)`")
        }
    }

    /// The implementation of a binary operator, chosen once when code is compiled.
    static func function(_ op: String) -> (Value, Value) throws -> Value {
        switch op {
        case "+": return add
        case "-": return { try arithmetic("-", $0, $1, Int.subtractingReportingOverflow, -) }
        case "*": return { try arithmetic("*", $0, $1, Int.multipliedReportingOverflow, *) }
        case "/": return divide
        case "%": return remainder
        case "..<", "...": return { try range(op, $0, $1) }
        case "&", "|", "^", "<<", ">>": return { try bitwise(op, $0, $1) }
        default: return { try binary(op, $0, $1) }
        }
    }

    static func add(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow("+", x, y) }
            return .int(r)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.array(let x), .array(let y)): return .array(x + y)
        default: return try arithmetic("+", a, b, Int.addingReportingOverflow, +)
        }
    }

    static func arithmetic(_ op: String, _ a: Value, _ b: Value, _ int: (Int) -> (Int) -> (partialValue: Int, overflow: Bool),
                           _ double: (Double, Double) -> Double) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = int(x)(y)
            if o { throw overflow(op, x, y) }
            return .int(r)
        case (.double(let x), .double(let y)): return .double(double(x, y))
        case (.int(let x), .double(let y)): return .double(double(Double(x), y))
        case (.double(let x), .int(let y)): return .double(double(x, Double(y)))
        default: throw mismatch(op, a, b)
        }
    }

    static func divide(_ a: Value, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            if y == 0 { throw LanguageError.arithmetic("division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            if o { throw overflow("/", x, y) }
            return .int(r)
        }
        return try arithmetic("/", a, b, Int.dividedReportingOverflow, /)
    }

    static func remainder(_ a: Value, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            if y == 0 { throw LanguageError.arithmetic("division by zero in `%`") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            if o { throw overflow("%", x, y) }
            return .int(r)
        }
        return try arithmetic("%", a, b, Int.remainderReportingOverflow) { fmod($0, $1) }
    }

    static func bitwise(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        guard case .int(let x) = a, case .int(let y) = b else { throw mismatch(op, a, b) }
        switch op {
        case "&": return .int(x & y)
        case "|": return .int(x | y)
        case "^": return .int(x ^ y)
        case "<<": return .int(x << y)
        default: return .int(x >> y)
        }
    }

    static func range(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        guard case .int(let lo) = a, case .int(let hi) = b else {
            throw LanguageError.typeError("range bounds must be Int, got \(a.typeName) and \(b.typeName)")
        }
        if op == "..<" {
            if hi < lo { throw LanguageError.valueError("range requires lowerBound <= upperBound, got \(lo)..<\(hi)") }
            return .range(RangeValue(lower: lo, upperBound: hi, closed: false))
        }
        if hi < lo { throw LanguageError.valueError("range requires lowerBound <= upperBound, got \(lo)...\(hi)") }
        if hi == Int.max { throw LanguageError.arithmetic("integer overflow: \(lo)...\(hi) is too large") }
        return .range(RangeValue(lower: lo, upperBound: hi + 1, closed: true))
    }

    /// `==`: structural, with Int and Double comparing by value.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)): return Double(x) == y
        case (.double(let x), .int(let y)): return x == Double(y)
        case (.array(let x), .array(let y)), (.tuple(let x), .tuple(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default: return a == b
        }
    }

    /// Ordering for `<` and sorting: numbers, strings, bools (false < true), tuples and arrays lexicographically.
    static func compare(_ op: String, _ a: Value, _ b: Value) throws -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.tuple(let x), .tuple(let y)), (.array(let x), .array(let y)):
            for (p, q) in zip(x, y) {
                let c = try compare(op, p, q)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : x.count == y.count ? 0 : 1
        default:
            guard let x = a.doubleValue, let y = b.doubleValue, !a.isNil, !b.isNil else {
                var hints: [String] = []
                if a.isNil || b.isNil { hints.append("unwrap the optional first: `if let value = … { … }` or `value ?? default`") }
                throw LanguageError.typeError("cannot compare \(a.typeName) and \(b.typeName) with `\(op)`", hints: hints)
            }
            return x < y ? -1 : x == y ? 0 : 1
        }
    }

    static func unary(_ op: String, _ v: Value) throws -> Value {
        switch (op, v) {
        case ("-", .int(let x)):
            if x == Int.min { throw LanguageError.arithmetic("integer overflow: -(\(x)) does not fit in Int") }
            return .int(-x)
        case ("-", .double(let x)): return .double(-x)
        case ("+", .int), ("+", .double): return v
        case ("!", .bool(let b)): return .bool(!b)
        case ("~", .int(let x)): return .int(~x)
        default:
            throw LanguageError.typeError("unary operator `\(op)` cannot be applied to \(v.typeName)")
        }
    }

    /// Truthiness is not a thing in Swift: conditions must be Bool.
    static func truth(_ v: Value, _ what: String = "condition") throws -> Bool {
        if case .bool(let b) = v { return b }
        var hints: [String] = []
        if v.isNil { hints.append("to test an optional use `if let x = value` or `value != nil`") }
        else if case .int = v { hints.append("compare explicitly, e.g. `value != 0`") }
        throw LanguageError.typeError("\(what) must be Bool, got \(v.typeName)", hints: hints)
    }
}

/// Int fast paths of the arithmetic operators: nil means "take the slow path" (which reports
/// overflow and division by zero, or handles other types).
protocol IntOperator {
    static func apply(_ a: Int, _ b: Int) -> Int?
    static func slow(_ a: Value, _ b: Value) throws -> Value
}

enum AddOp: IntOperator {
    @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? nil : r
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Operators.add(a, b) }
}

enum SubtractOp: IntOperator {
    @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.subtractingReportingOverflow(b)
        return o ? nil : r
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Operators.arithmetic("-", a, b, Int.subtractingReportingOverflow, -) }
}

enum MultiplyOp: IntOperator {
    @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? nil : r
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Operators.arithmetic("*", a, b, Int.multipliedReportingOverflow, *) }
}

enum DivideOp: IntOperator {
    @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
        if b == 0 || (b == -1 && a == Int.min) { return nil }
        return a / b
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Operators.divide(a, b) }
}

enum RemainderOp: IntOperator {
    @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
        if b == 0 || (b == -1 && a == Int.min) { return nil }
        return a % b
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Operators.remainder(a, b) }
}
