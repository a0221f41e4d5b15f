import JSON

/// A parameter value as papermill models it: the JSON/YAML types. Dictionaries keep their order
/// so the injected cell lists entries as given.
public indirect enum ParameterValue: Equatable, Sendable, CustomStringConvertible {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ParameterValue])
    case dict([Entry])

    public struct Entry: Equatable, Sendable {
        public var key: String
        public var value: ParameterValue
        public init(_ key: String, _ value: ParameterValue) {
            self.key = key
            self.value = value
        }
    }

    /// How `metadata.papermill.parameters` records it.
    public var json: JSONValue {
        switch self {
        case .none: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .list(let items): return .array(items.map(\.json))
        case .dict(let entries):
            return .object(Dictionary(entries.map { ($0.key, $0.value.json) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// The type's name in messages (`Int`, `String`, …).
    public var typeName: String {
        switch self {
        case .none: return "nil"
        case .bool: return "Bool"
        case .int: return "Int"
        case .double: return "Double"
        case .string: return "String"
        case .list: return "Array"
        case .dict: return "Dictionary"
        }
    }

    public var description: String { PythonTranslator.literal(self) }
}
