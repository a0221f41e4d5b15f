/// One parameter of a native or user function, as written in a Swift signature:
/// `by k: Double = 1.0` is `Parameter(label: "by", name: "k", type: "Double", default: 1.0)`.
public struct Parameter {
    /// The argument label callers write; nil for `_` (positional).
    public var label: String?
    public var name: String
    /// A type name checked on entry (`Int`, `Double`, `String`, `Bool`, `[Int]`, `Any`, a host type); nil accepts anything.
    public var type: String?
    public var defaultValue: Value?
    /// `_ items: Any...` collects every remaining unlabeled argument into an array.
    public var variadic: Bool

    public init(label: String?, name: String, type: String? = nil, default defaultValue: Value? = nil, variadic: Bool = false) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.variadic = variadic
    }

    /// A parameter called without a label: `_ name: Type`.
    public static func positional(_ name: String, _ type: String? = nil, default value: Value? = nil) -> Parameter {
        Parameter(label: nil, name: name, type: type, default: value)
    }

    /// A parameter whose label is its name: `name: Type`.
    public static func labeled(_ name: String, _ type: String? = nil, default value: Value? = nil) -> Parameter {
        Parameter(label: name, name: name, type: type, default: value)
    }

    /// Swift rendering: `_ x: Int`, `by k: Double = 1.0`.
    public var rendered: String {
        var text: String
        switch label {
        case nil: text = "_ \(name)"
        case name?: text = name
        case let l?: text = "\(l) \(name)"
        }
        text += ": \(type ?? "Any")"
        if variadic { text += "..." }
        if let defaultValue { text += " = \(Display.literal(defaultValue))" }
        return text
    }
}

/// Renders `name(_ x: Int, by k: Double = 1.0) -> Double` and the selector `name(_:by:)`.
enum Signature {
    static func render(name: String, parameters: [Parameter], returns: String?) -> String {
        let params = parameters.map(\.rendered).joined(separator: ", ")
        return "\(name)(\(params))" + (returns.map { " -> \($0)" } ?? "")
    }

    static func selector(name: String, parameters: [Parameter]) -> String {
        name + "(" + parameters.map { ($0.label ?? "_") + ":" }.joined() + ")"
    }
}
