/// A Propel value. Collections are Swift value types (copy on write), so `var b = a; b.append(1)`
/// leaves `a` alone exactly as in Swift. Every payload is at most 16 bytes so values copy cheaply.
public enum Value {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case dictionary(OrderedDictionary)
    case tuple([Value])
    case range(RangeValue)
    /// A user-defined function or closure (created by running Propel code).
    case closure(Closure)
    /// A function implemented in Swift by a library.
    case native(NativeFunction)
    case module(NativeModule)
    case object(any HostObject)
    /// Text that renders as a MIME type other than text/plain (`html(_:)`, `markdown(_:)`, `svg(_:)`).
    case rich(RichValue)
}

/// `a..<b` and `a...b`. A class so `Value` stays small; ranges are immutable.
public final class RangeValue {
    public let lower: Int
    /// Exclusive upper bound (a closed range stores `upper + 1`).
    public let upperBound: Int
    public let closed: Bool

    public init(lower: Int, upperBound: Int, closed: Bool) {
        self.lower = lower
        self.upperBound = max(lower, upperBound)
        self.closed = closed
    }

    public var count: Int { upperBound - lower }
    public var elements: [Value] { (lower..<upperBound).map(Value.int) }
}

/// A value rendered as a rich MIME type in notebooks; its text/plain form is the raw text.
public final class RichValue {
    public let mimeType: String
    public let text: String

    public init(mimeType: String, text: String) {
        self.mimeType = mimeType
        self.text = text
    }
}

extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
}

extension Value {
    /// The Swift-style type name used in messages and `type(of:)`.
    public var typeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "Bool"
        case .int: return "Int"
        case .double: return "Double"
        case .string: return "String"
        case .array: return "Array"
        case .dictionary: return "Dictionary"
        case .tuple: return "Tuple"
        case .range(let r): return r.closed ? "ClosedRange" : "Range"
        case .closure, .native: return "Function"
        case .module: return "Module"
        case .object(let o): return o.typeName
        case .rich(let r): return r.mimeType == "text/html" ? "HTML" : r.mimeType == "text/markdown" ? "Markdown" : "SVG"
        }
    }

    public var isNil: Bool { if case .null = self { return true } else { return false } }

    /// Whether this is the closure `known` (compared by identity, without retaining either).
    @inline(__always) func holds(_ known: Unmanaged<Closure>) -> Bool {
        if case .closure(let c) = self { return c === known.takeUnretainedValue() }
        return false
    }

    /// Whether the value holds no reference, so overwriting it needs no release.
    @inline(__always) var isTrivial: Bool {
        switch self {
        case .null, .bool, .int, .double: return true
        default: return false
        }
    }

    // Convenience accessors for library code.
    public var intValue: Int? { if case .int(let v) = self { return v }; return nil }
    public var doubleValue: Double? {
        switch self {
        case .double(let v): return v
        case .int(let v): return Double(v)
        default: return nil
        }
    }
    public var stringValue: String? { if case .string(let v) = self { return v }; return nil }
    public var boolValue: Bool? { if case .bool(let v) = self { return v }; return nil }
    public var arrayValue: [Value]? {
        switch self {
        case .array(let v), .tuple(let v): return v
        case .range(let r): return r.elements
        default: return nil
        }
    }
    public var dictionaryValue: OrderedDictionary? { if case .dictionary(let v) = self { return v }; return nil }
    public var objectValue: (any HostObject)? { if case .object(let v) = self { return v }; return nil }
}
