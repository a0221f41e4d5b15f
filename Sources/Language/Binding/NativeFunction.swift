/// A function implemented in Swift and callable from Propel with Swift argument labels, defaults and
/// documentation. The interpreter matches the call's labels against `parameters`, fills defaults and
/// checks declared types before `body` runs, so `body` only sees well-formed `Arguments`.
public final class NativeFunction {
    public let name: String
    public let parameters: [Parameter]
    public let returns: String?
    public let doc: String
    let body: (Arguments) throws -> Value
    /// Checks compiled from the parameters' declared types (nil: accepts anything).
    let typeChecks: [TypeCheck.Checker?]
    let hasVariadic: Bool
    /// The parameters' labels, compared with a call's labels to skip argument matching.
    let labels: [String?]
    /// `labels` interned: a call site with the same id (and no checks to run) calls `body` directly.
    let labelsID: Int
    let checksTypes: Bool
    /// For a function of one plain parameter: its body taking the value itself, so a call site with
    /// one matching argument calls it without building `Arguments` (`String(i)` in a loop).
    let unaryBody: ((Value) throws -> Value)?

    public convenience init(_ name: String, _ parameters: [Parameter] = [], returns: String? = nil, doc: String = "",
                            body: @escaping (Arguments) throws -> Value) {
        self.init(name, parameters, returns: returns, doc: doc, body: body, unaryBody: nil)
    }

    /// A function of the one parameter `parameter` (no type check, not variadic).
    convenience init(_ name: String, unary parameter: Parameter, returns: String? = nil, doc: String = "",
                     body: @escaping (Value) throws -> Value) {
        self.init(name, [parameter], returns: returns, doc: doc, body: { try body($0[0]) }, unaryBody: body)
    }

    private init(_ name: String, _ parameters: [Parameter], returns: String?, doc: String,
                 body: @escaping (Arguments) throws -> Value, unaryBody: ((Value) throws -> Value)?) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.doc = doc
        self.body = body
        self.unaryBody = unaryBody
        hasVariadic = parameters.contains { $0.variadic }
        labels = parameters.map(\.label)
        typeChecks = parameters.map { p in p.variadic ? nil : p.type.flatMap(TypeNames.parse).flatMap(TypeCheck.checker) }
        labelsID = LabelTable.id(labels)
        checksTypes = typeChecks.contains { $0 != nil }
    }

    /// Whether a call site with these labels can pass its arguments as they are (nothing to match,
    /// fill or check).
    @inline(__always) func takesDirectly(_ siteLabelsID: Int) -> Bool {
        labelsID == siteLabelsID && !hasVariadic && !checksTypes
    }

    /// `round(_ x: Double, places p: Int = 0) -> Double`
    public var signature: String { Signature.render(name: name, parameters: parameters, returns: returns) }
    /// `round(_:places:)`
    public var selector: String { Signature.selector(name: name, parameters: parameters) }
}

/// The arguments of a native call, in parameter order with defaults applied (a variadic parameter
/// arrives as one `.array`). Typed accessors throw a located `TypeError` naming the parameter.
public struct Arguments: RandomAccessCollection {
    public let values: [Value]
    public let function: NativeFunction
    let context: Runtime

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }
    public subscript(position: Int) -> Value { values[position] }

    /// The value of the parameter named `name` (its internal name, not the label).
    public subscript(name: String) -> Value {
        guard let i = function.parameters.firstIndex(where: { $0.name == name }) else { return .null }
        return values[i]
    }

    /// The environment the running cell writes to.
    public var host: Host { context.host }

    /// Calls a Propel function value (a closure passed by the user) with positional arguments.
    public func call(_ callee: Value, _ arguments: [Value]) throws -> Value {
        try context.call(callee, arguments)
    }

    /// Throws `Interrupted` if the user asked to stop; long-running library loops should call this.
    public func checkInterrupt() throws { try context.checkInterrupt() }

    private func wrongType(_ i: Int, _ expected: String) -> LanguageError {
        let p = function.parameters[i]
        return LanguageError("TypeError", "argument `\(p.name)` of `\(function.selector)` must be \(expected), got \(values[i].typeName)",
                             hints: ["expected: \(function.signature)"])
    }

    public func int(_ i: Int) throws -> Int {
        guard let v = values[i].intValue else { throw wrongType(i, "Int") }
        return v
    }
    public func double(_ i: Int) throws -> Double {
        guard let v = values[i].doubleValue else { throw wrongType(i, "Double") }
        return v
    }
    public func string(_ i: Int) throws -> String {
        guard let v = values[i].stringValue else { throw wrongType(i, "String") }
        return v
    }
    public func bool(_ i: Int) throws -> Bool {
        guard let v = values[i].boolValue else { throw wrongType(i, "Bool") }
        return v
    }
    public func array(_ i: Int) throws -> [Value] {
        guard let v = values[i].arrayValue else { throw wrongType(i, "Array") }
        return v
    }
    public func dictionary(_ i: Int) throws -> OrderedDictionary {
        guard let v = values[i].dictionaryValue else { throw wrongType(i, "Dictionary") }
        return v
    }
    public func object<T: HostObject>(_ i: Int, as type: T.Type) throws -> T {
        guard let v = values[i].objectValue as? T else { throw wrongType(i, String(describing: T.self)) }
        return v
    }
    /// nil when the argument is `nil`, otherwise the typed value.
    public func optionalString(_ i: Int) throws -> String? { values[i].isNil ? nil : try string(i) }
    public func optionalInt(_ i: Int) throws -> Int? { values[i].isNil ? nil : try int(i) }
    public func optionalDouble(_ i: Int) throws -> Double? { values[i].isNil ? nil : try double(i) }
}
