/// A library value living in Swift (a table, a chart, a model) that Propel code can hold, inspect,
/// call methods on and display. Members are documented so completion and `help(_:)` can list them.
public protocol HostObject: AnyObject {
    /// The type name shown in messages, `type(of:)` and completion (`Table`, `Chart`).
    var typeName: String { get }
    /// Documentation of the type, shown by `help(_:)`.
    var doc: String { get }
    /// Properties and methods, for lookup, completion and inspection.
    var members: [HostMember] { get }
    /// Rich rendering; must contain "text/plain".
    func display() -> MimeBundle
    /// Looks a member up; the default searches `members`.
    func member(named name: String) -> HostMember?
    /// Elements for `for x in value` (table rows); nil if the value is not iterable.
    func elements() throws -> [Value]?
    /// `value[key]`; nil if the value cannot be subscripted.
    func subscripted(by key: Value) throws -> Value?
}

extension HostObject {
    public var doc: String { "" }
    public func member(named name: String) -> HostMember? { members.first { $0.name == name } }
    public func elements() throws -> [Value]? { nil }
    public func subscripted(by key: Value) throws -> Value? { nil }
    public func display() -> MimeBundle { ["text/plain": "<\(typeName)>"] }
}

/// A documented member of a host object or module: a property/constant or a method.
public struct HostMember {
    public enum Kind {
        case property(() throws -> Value)
        case method(NativeFunction)
    }

    public let name: String
    public let doc: String
    /// For properties, the type shown in completion and inspection.
    public let type: String?
    public let kind: Kind

    public init(name: String, doc: String = "", type: String? = nil, kind: Kind) {
        self.name = name
        self.doc = doc
        self.type = type
        self.kind = kind
    }

    /// A computed property (read each time it is accessed).
    public static func property(_ name: String, type: String? = nil, doc: String = "", _ get: @escaping () throws -> Value) -> HostMember {
        HostMember(name: name, doc: doc, type: type, kind: .property(get))
    }

    /// A constant value.
    public static func constant(_ name: String, _ value: Value, doc: String = "") -> HostMember {
        HostMember(name: name, doc: doc, type: value.typeName, kind: .property({ value }))
    }

    /// A method; its documentation is the function's.
    public static func method(_ function: NativeFunction) -> HostMember {
        HostMember(name: function.name, doc: function.doc, type: nil, kind: .method(function))
    }

    /// What completion and inspection show: the signature for methods, `name: Type` for properties.
    public var signature: String {
        switch kind {
        case .method(let f): return f.signature
        case .property: return "\(name): \(type ?? "Any")"
        }
    }
}
