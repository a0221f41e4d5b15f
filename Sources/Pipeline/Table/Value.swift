/// One cell of a table: what rows, SQL parameters and the language exchange.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case timestamp(Timestamp)

    public var isNull: Bool { self == .null }

    /// The type of a non-null value.
    public var dataType: DataType? {
        switch self {
        case .null: return nil
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .bool: return .bool
        case .timestamp: return .timestamp
        }
    }

    /// Numbers (and booleans) as Double, for statistics and models.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .int(let i): return String(i)
        case .double(let d): return d.description
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .timestamp(let t): return t.description
        }
    }
}
