/// A documented method of a built-in type (`Array.append(_:)`, `String.split(separator:)`).
/// Methods share names across overloads (`contains(_:)`, `contains(where:)`); a call picks the one
/// whose argument labels match.
struct Method {
    let name: String
    let parameters: [Parameter]
    let returns: String?
    let doc: String
    let mutating: Bool
    let body: (inout Value, [Value], Runtime) throws -> Value
    let labels: [String?]

    init(_ name: String, _ parameters: [Parameter] = [], returns: String? = nil, mutating: Bool = false, doc: String,
         _ body: @escaping (inout Value, [Value], Runtime) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.doc = doc
        self.mutating = mutating
        self.body = body
        labels = parameters.map(\.label)
    }

    var signature: String { (mutating ? "mutating " : "") + Signature.render(name: name, parameters: parameters, returns: returns) }
    var selector: String { Signature.selector(name: name, parameters: parameters) }
}

/// A documented read-only property of a built-in type (`count`, `isEmpty`, `keys`).
struct Property {
    let name: String
    let type: String
    let doc: String
    let get: (Value) throws -> Value
}

/// Builds a method table keyed by name.
func methodTable(_ methods: [Method]) -> [String: [Method]] {
    Dictionary(grouping: methods, by: \.name)
}

/// Shared helpers for calling user closures from built-in methods.
extension Runtime {
    func predicate(_ fn: Value, _ args: [Value]) throws -> Bool {
        try Operators.truth(try call(fn, args), "the closure's result")
    }

    /// Sorts with a Propel comparator; the first error raised by the comparator is rethrown.
    func sort(_ xs: inout [Value], by fn: Value?) throws {
        var failure: Error?
        xs.sort { a, b in
            if failure != nil { return false }
            do {
                if let fn { return try self.predicate(fn, [a, b]) }
                return try Operators.compare("<", a, b) < 0
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
    }
}
