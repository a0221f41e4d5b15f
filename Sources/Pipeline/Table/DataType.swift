/// The column types every dataset, file and SQL result is mapped to.
public enum DataType: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case int, double, string, bool, timestamp

    public var description: String {
        switch self {
        case .int: return "Int"
        case .double: return "Double"
        case .string: return "String"
        case .bool: return "Bool"
        case .timestamp: return "Timestamp"
        }
    }
}
