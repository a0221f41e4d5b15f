/// One parameter as the user gave it, before the parameters cell's declared type is applied.
public enum ParameterInput: Equatable, Sendable {
    /// `-p NAME VALUE`: text whose type comes from the declaration, else papermill's inference.
    case text(String)
    /// `-r NAME VALUE`: always a string.
    case raw(String)
    /// From `-y` / `-f`: a YAML value already parsed. Scalars keep their source text so a declared
    /// `String` gets `007`, not `7`.
    case yaml(YAMLValue)
}

/// A parsed YAML value that remembers each scalar's text.
public indirect enum YAMLValue: Equatable, Sendable {
    /// A scalar, with the value YAML's own resolution gives it and the text as written.
    case scalar(ParameterValue, text: String)
    case list([YAMLValue])
    case dict([(key: String, value: YAMLValue)])

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        switch (a, b) {
        case let (.scalar(x, tx), .scalar(y, ty)): return x == y && tx == ty
        case let (.list(x), .list(y)): return x == y
        case let (.dict(x), .dict(y)): return x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        default: return false
        }
    }

    /// The value by YAML's own typing, as papermill takes it.
    public var resolved: ParameterValue {
        switch self {
        case .scalar(let value, _): return value
        case .list(let items): return .list(items.map(\.resolved))
        case .dict(let entries): return .dict(entries.map { .init($0.key, $0.value.resolved) })
        }
    }
}
