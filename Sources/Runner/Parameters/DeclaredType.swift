/// The type a `parameters` cell gives a parameter, from its annotation or its default's literal.
public indirect enum DeclaredType: Equatable, Sendable, CustomStringConvertible {
    case string, int, double, bool, list, dict
    /// Accepts `nil`/`None` as well as the wrapped type.
    case optional(DeclaredType)
    /// Declared with a value we cannot type (an expression, `None`): papermill's inference applies.
    case unknown

    public var description: String {
        switch self {
        case .string: return "String"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .list: return "Array"
        case .dict: return "Dictionary"
        case .optional(let wrapped): return "\(wrapped)?"
        case .unknown: return "unknown"
        }
    }
}

/// One assignment found in the `parameters` cell.
public struct ParameterDeclaration: Equatable, Sendable {
    public var name: String
    public var type: DeclaredType
    /// The annotation as written (`Int`, `[String]`, `str`), reused when rendering so `nil` and
    /// empty collections stay well typed.
    public var annotation: String?
    /// `let` or `var` for Propel; nil for Python.
    public var keyword: String?
    /// The source line, quoted in type errors.
    public var line: String

    public init(name: String, type: DeclaredType, annotation: String? = nil, keyword: String? = nil, line: String) {
        self.name = name
        self.type = type
        self.annotation = annotation
        self.keyword = keyword
        self.line = line
    }
}
