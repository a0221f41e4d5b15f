/// Dispatches `value.name(args)` to built-in methods or to library members.
enum Methods {
    static func table(for v: Value) -> [String: [Method]]? {
        switch v {
        case .array, .range: return ArrayMethods.table
        case .string: return StringMethods.table
        case .dictionary: return DictionaryMethods.table
        default: return nil
        }
    }

    /// Names of every mutating built-in method (call sites on variables modify in place).
    static let mutating: Set<String> = {
        var names = Set<String>()
        for table in [ArrayMethods.table, StringMethods.table, DictionaryMethods.table] {
            for (name, ms) in table where ms.contains(where: \.mutating) { names.insert(name) }
        }
        return names
    }()

    static func call(_ receiver: inout Value, _ name: String, _ args: [Value], _ labels: [String?], _ rt: Runtime, mutable: Bool) throws -> Value {
        try call(&receiver, MethodSite(name), args, labels, rt, mutable: mutable)
    }

    static func call(_ receiver: inout Value, _ site: MethodSite, _ args: [Value], _ labels: [String?], _ rt: Runtime, mutable: Bool) throws -> Value {
        let name = site.name
        switch receiver {
        case .module(let m):
            guard let member = m.member(named: name) else {
                throw LanguageError.typeError("module `\(m.name)` has no member `\(name)`", hints: Suggestions.hint(for: name, in: m.members.map(\.name)))
            }
            return try callMember(member, args, labels, rt)
        case .object(let o):
            guard let member = o.member(named: name) else {
                throw LanguageError.typeError("value of type \(o.typeName) has no member `\(name)`", hints: Suggestions.hint(for: name, in: o.members.map(\.name)))
            }
            return try callMember(member, args, labels, rt)
        case .null:
            throw LanguageError.typeError("cannot call `\(name)` on nil", hints: ["use optional chaining `value?.\(name)(…)` or unwrap the value first"])
        default:
            break
        }
        guard let candidates = site.candidates(for: receiver) else {
            if let property = Members.property(of: receiver, name) {
                let v = try property.get(receiver)
                return try rt.call(v, args, labels: labels)
            }
            throw Members.noMember(receiver, name)
        }
        var firstFailure: Error?
        for method in candidates {
            if !method.mutating, method.labels == labels {
                // Labels match one to one: no defaults or reordering to work out.
                return try method.body(&receiver, args, rt)
            }
            var values = [Value](repeating: .null, count: method.parameters.count)
            do {
                try rt.bind(args, labels: labels, parameters: method.parameters, defaults: nil, defaultFrame: nil,
                            signature: "\(receiver.typeName).\(method.signature)", selector: method.selector) { i, v in values[i] = v }
            } catch {
                if firstFailure == nil { firstFailure = error }
                continue
            }
            if method.mutating {
                if !mutable {
                    throw LanguageError.typeError("cannot use mutating member `\(name)` on an immutable value",
                                                  hints: ["store the value in a `var` first"])
                }
                if case .range = receiver { receiver = .array(receiver.arrayValue ?? []) }
            }
            return try method.body(&receiver, values, rt)
        }
        if candidates.count == 1, let firstFailure { throw firstFailure }
        throw LanguageError.argumentError("no `\(name)` of \(receiver.typeName) takes these arguments",
                                          hints: candidates.map { "candidate: \($0.signature)" })
    }

    /// A method name resolved against each built-in type once, when the call is compiled.
    struct MethodSite {
        let name: String
        let array: [Method]?
        let string: [Method]?
        let dictionary: [Method]?

        init(_ name: String) {
            self.name = name
            array = ArrayMethods.table[name]
            string = StringMethods.table[name]
            dictionary = DictionaryMethods.table[name]
        }

        func candidates(for v: Value) -> [Method]? {
            switch v {
            case .array, .range: return array
            case .string: return string
            case .dictionary: return dictionary
            default: return nil
            }
        }
    }

    private static func callMember(_ member: HostMember, _ args: [Value], _ labels: [String?], _ rt: Runtime) throws -> Value {
        switch member.kind {
        case .method(let f): return try rt.callNative(f, args, labels: labels)
        case .property(let get): return try rt.call(try get(), args, labels: labels)
        }
    }
}

/// `value.name` without a call: properties of built-in types, tuple elements, library members.
enum Members {
    static func properties(for v: Value) -> [Property] {
        switch v {
        case .array: return ArrayMethods.properties
        case .range: return ArrayMethods.properties + ArrayMethods.rangeProperties
        case .string: return StringMethods.properties
        case .dictionary: return DictionaryMethods.properties
        default: return []
        }
    }

    static func property(of v: Value, _ name: String) -> Property? {
        properties(for: v).first { $0.name == name }
    }

    static func get(_ v: Value, _ name: String, _ rt: Runtime) throws -> Value {
        switch v {
        case .tuple(let items):
            if let i = Int(name) {
                guard i < items.count else { throw LanguageError.indexError("tuple has \(items.count) elements; `.\(i)` does not exist") }
                return items[i]
            }
        case .module(let m):
            guard let member = m.member(named: name) else {
                throw LanguageError.typeError("module `\(m.name)` has no member `\(name)`", hints: Suggestions.hint(for: name, in: m.members.map(\.name)))
            }
            return try value(of: member)
        case .object(let o):
            guard let member = o.member(named: name) else {
                throw LanguageError.typeError("value of type \(o.typeName) has no member `\(name)`", hints: Suggestions.hint(for: name, in: o.members.map(\.name)))
            }
            return try value(of: member)
        case .null:
            throw LanguageError.typeError("cannot read `\(name)` of nil", hints: ["use optional chaining `value?.\(name)` or unwrap the value first"])
        default:
            break
        }
        if let p = property(of: v, name) { return try p.get(v) }
        if Methods.table(for: v)?[name] != nil {
            throw LanguageError.typeError("method `\(name)` must be called: write `\(name)(…)`")
        }
        throw noMember(v, name)
    }

    static func value(of member: HostMember) throws -> Value {
        switch member.kind {
        case .property(let get): return try get()
        case .method(let f): return .native(f)
        }
    }

    static func noMember(_ v: Value, _ name: String) -> LanguageError {
        let names = properties(for: v).map(\.name) + (Methods.table(for: v).map { Array($0.keys) } ?? [])
        return .typeError("value of type \(v.typeName) has no member `\(name)`", hints: Suggestions.hint(for: name, in: names))
    }
}
