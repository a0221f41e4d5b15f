/// Dictionary properties and methods. Dictionaries keep insertion order.
enum DictionaryMethods {
    static func dict(_ v: Value) -> OrderedDictionary { v.dictionaryValue ?? OrderedDictionary() }

    static func mutate<T>(_ v: inout Value, _ body: (inout OrderedDictionary) throws -> T) rethrows -> T {
        guard case .dictionary(var d) = v else { var empty = OrderedDictionary(); return try body(&empty) }
        v = .null
        defer { v = .dictionary(d) }
        return try body(&d)
    }

    static func pairs(_ v: Value) -> [Value] {
        let d = dict(v)
        return zip(d.keys, d.values).map { .tuple([$0, $1]) }
    }

    static let properties: [Property] = [
        Property(name: "count", type: "Int", doc: "The number of key-value pairs.") { .int(dict($0).count) },
        Property(name: "isEmpty", type: "Bool", doc: "Whether there are no pairs.") { .bool(dict($0).isEmpty) },
        Property(name: "keys", type: "[Key]", doc: "The keys, in insertion order.") { .array(dict($0).keys) },
        Property(name: "values", type: "[Value]", doc: "The values, in insertion order.") { .array(dict($0).values) },
    ]

    static let table: [String: [Method]] = methodTable([
        Method("updateValue", [.positional("value"), .labeled("forKey")], returns: "Value?", mutating: true,
               doc: "Sets the value for a key; returns the old value or nil.") { v, a, _ in
            mutate(&v) { d in
                let old = d[a[1]] ?? .null
                d[a[1]] = a[0]
                return old
            }
        },
        Method("removeValue", [.labeled("forKey")], returns: "Value?", mutating: true, doc: "Removes a key; returns its value or nil.") { v, a, _ in
            mutate(&v) { d in
                let old = d[a[0]] ?? .null
                d[a[0]] = nil
                return old
            }
        },
        Method("removeAll", mutating: true, doc: "Removes every pair.") { v, _, _ in
            mutate(&v) { $0.removeAll() }
            return .null
        },
        Method("map", [.positional("transform", "((key: Key, value: Value)) -> T")], returns: "[T]", doc: "The results of the closure on each (key, value) pair.") { v, a, rt in
            .array(try pairs(v).map { try rt.call(a[0], [$0]) })
        },
        Method("mapValues", [.positional("transform", "(Value) -> T")], returns: "[Key: T]", doc: "The dictionary with each value transformed.") { v, a, rt in
            let d = dict(v)
            var out = OrderedDictionary()
            for (k, x) in zip(d.keys, d.values) { out[k] = try rt.call(a[0], [x]) }
            return .dictionary(out)
        },
        Method("filter", [.positional("isIncluded", "((key: Key, value: Value)) -> Bool")], returns: "[Key: Value]", doc: "The pairs for which the closure returns true.") { v, a, rt in
            let d = dict(v)
            var out = OrderedDictionary()
            for (k, x) in zip(d.keys, d.values) where try rt.predicate(a[0], [.tuple([k, x])]) { out[k] = x }
            return .dictionary(out)
        },
        Method("sorted", [.labeled("by", "((key: Key, value: Value), (key: Key, value: Value)) -> Bool")], returns: "[(key: Key, value: Value)]",
               doc: "The pairs ordered by the closure.") { v, a, rt in
            var xs = pairs(v)
            try rt.sort(&xs, by: a[0])
            return .array(xs)
        },
        Method("forEach", [.positional("body", "((key: Key, value: Value)) -> Void")], doc: "Calls the closure on each pair.") { v, a, rt in
            for p in pairs(v) { _ = try rt.call(a[0], [p]) }
            return .null
        },
        Method("contains", [.labeled("where", "((key: Key, value: Value)) -> Bool")], returns: "Bool", doc: "Whether any pair satisfies the closure.") { v, a, rt in
            .bool(try pairs(v).contains { try rt.predicate(a[0], [$0]) })
        },
    ])
}
