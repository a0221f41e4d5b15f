/// Array (and Range) properties and methods, with Swift's names and labels.
enum ArrayMethods {
    static func elements(_ v: Value) -> [Value] { v.arrayValue ?? [] }

    /// Runs `body` on the array stored in `v`, moved out so it is mutated in place.
    static func mutate<T>(_ v: inout Value, _ body: (inout [Value]) throws -> T) rethrows -> T {
        guard case .array(var xs) = v else { var empty: [Value] = []; return try body(&empty) }
        v = .null
        defer { v = .array(xs) }
        return try body(&xs)
    }

    static let properties: [Property] = [
        Property(name: "count", type: "Int", doc: "The number of elements.") { .int(count($0)) },
        Property(name: "isEmpty", type: "Bool", doc: "Whether there are no elements.") { .bool(count($0) == 0) },
        Property(name: "first", type: "Element?", doc: "The first element, or nil if empty.") { elements($0).first ?? .null },
        Property(name: "last", type: "Element?", doc: "The last element, or nil if empty.") { elements($0).last ?? .null },
        Property(name: "indices", type: "Range<Int>", doc: "The valid indices, `0..<count`.") { .range(RangeValue(lower: 0, upperBound: count($0), closed: false)) },
    ]

    static let rangeProperties: [Property] = [
        Property(name: "lowerBound", type: "Int", doc: "The first value of the range.") { v in
            if case .range(let r) = v { return .int(r.lower) }; return .null
        },
        Property(name: "upperBound", type: "Int", doc: "The end of the range (included for `...`).") { v in
            if case .range(let r) = v { return .int(r.closed ? r.upperBound - 1 : r.upperBound) }; return .null
        },
    ]

    static func count(_ v: Value) -> Int {
        switch v {
        case .array(let xs): return xs.count
        case .range(let r): return r.count
        default: return 0
        }
    }

    static func index(_ v: Value, in xs: [Value], inserting: Bool = false) throws -> Int {
        guard case .int(let i) = v else { throw LanguageError.typeError("index must be Int, got \(v.typeName)") }
        let limit = inserting ? xs.count : xs.count - 1
        guard i >= 0 && i <= limit else { throw LanguageError.indexError("index \(i) is out of range for an array of \(xs.count) element\(xs.count == 1 ? "" : "s")") }
        return i
    }

    static let table: [String: [Method]] = methodTable([
        Method("append", [.positional("newElement")], mutating: true, doc: "Adds an element at the end.") { v, a, _ in
            mutate(&v) { $0.append(a[0]) }
            return .null
        },
        Method("append", [.labeled("contentsOf", "Array")], mutating: true, doc: "Adds the elements of another array at the end.") { v, a, _ in
            mutate(&v) { $0.append(contentsOf: a[0].arrayValue ?? []) }
            return .null
        },
        Method("insert", [.positional("newElement"), .labeled("at", "Int")], mutating: true, doc: "Inserts an element at an index.") { v, a, _ in
            try mutate(&v) { xs in xs.insert(a[0], at: try index(a[1], in: xs, inserting: true)) }
            return .null
        },
        Method("remove", [.labeled("at", "Int")], returns: "Element", mutating: true, doc: "Removes and returns the element at an index.") { v, a, _ in
            try mutate(&v) { xs in xs.remove(at: try index(a[0], in: xs)) }
        },
        Method("removeLast", returns: "Element", mutating: true, doc: "Removes and returns the last element.") { v, _, _ in
            try mutate(&v) { xs in
                guard !xs.isEmpty else { throw LanguageError.indexError("cannot remove the last element of an empty array") }
                return xs.removeLast()
            }
        },
        Method("removeFirst", returns: "Element", mutating: true, doc: "Removes and returns the first element.") { v, _, _ in
            try mutate(&v) { xs in
                guard !xs.isEmpty else { throw LanguageError.indexError("cannot remove the first element of an empty array") }
                return xs.removeFirst()
            }
        },
        Method("popLast", returns: "Element?", mutating: true, doc: "Removes and returns the last element, or nil if empty.") { v, _, _ in
            mutate(&v) { $0.popLast() ?? .null }
        },
        Method("removeAll", mutating: true, doc: "Removes every element.") { v, _, _ in
            mutate(&v) { $0.removeAll() }
            return .null
        },
        Method("sort", mutating: true, doc: "Sorts the array in place, ascending.") { v, _, rt in
            try mutate(&v) { try rt.sort(&$0, by: nil) }
            return .null
        },
        Method("sort", [.labeled("by", "(Element, Element) -> Bool")], mutating: true, doc: "Sorts in place; the closure says whether its first argument comes first.") { v, a, rt in
            try mutate(&v) { try rt.sort(&$0, by: a[0]) }
            return .null
        },
        Method("reverse", mutating: true, doc: "Reverses the array in place.") { v, _, _ in
            mutate(&v) { $0.reverse() }
            return .null
        },
        Method("map", [.positional("transform", "(Element) -> T")], returns: "[T]", doc: "The results of calling the closure on each element.") { v, a, rt in
            .array(try elements(v).map { try rt.call(a[0], [$0]) })
        },
        Method("compactMap", [.positional("transform", "(Element) -> T?")], returns: "[T]", doc: "The non-nil results of the closure.") { v, a, rt in
            .array(try elements(v).map { try rt.call(a[0], [$0]) }.filter { !$0.isNil })
        },
        Method("flatMap", [.positional("transform", "(Element) -> [T]")], returns: "[T]", doc: "The concatenated arrays the closure returns.") { v, a, rt in
            .array(try elements(v).flatMap { try rt.call(a[0], [$0]).arrayValue ?? [] })
        },
        Method("filter", [.positional("isIncluded", "(Element) -> Bool")], returns: "[Element]", doc: "The elements for which the closure returns true.") { v, a, rt in
            .array(try elements(v).filter { try rt.predicate(a[0], [$0]) })
        },
        Method("reduce", [.positional("initialResult"), .positional("nextPartialResult", "(Result, Element) -> Result")], returns: "Result",
               doc: "Combines the elements: `[1, 2, 3].reduce(0, +)` is 6.") { v, a, rt in
            try elements(v).reduce(a[0]) { try rt.call(a[1], [$0, $1]) }
        },
        Method("forEach", [.positional("body", "(Element) -> Void")], doc: "Calls the closure on each element.") { v, a, rt in
            for x in elements(v) { _ = try rt.call(a[0], [x]) }
            return .null
        },
        Method("sorted", returns: "[Element]", doc: "The elements in ascending order.") { v, _, rt in
            var xs = elements(v)
            try rt.sort(&xs, by: nil)
            return .array(xs)
        },
        Method("sorted", [.labeled("by", "(Element, Element) -> Bool")], returns: "[Element]", doc: "The elements ordered by the closure (`by: >` sorts descending).") { v, a, rt in
            var xs = elements(v)
            try rt.sort(&xs, by: a[0])
            return .array(xs)
        },
        Method("reversed", returns: "[Element]", doc: "The elements in reverse order.") { v, _, _ in .array(elements(v).reversed()) },
        Method("contains", [.labeled("where", "(Element) -> Bool")], returns: "Bool", doc: "Whether any element satisfies the closure.") { v, a, rt in
            .bool(try elements(v).contains { try rt.predicate(a[0], [$0]) })
        },
        Method("contains", [.positional("element")], returns: "Bool", doc: "Whether the array contains the element.") { v, a, _ in
            if case .range(let r) = v, case .int(let i) = a[0] { return .bool(i >= r.lower && i < r.upperBound) }
            return .bool(elements(v).contains { Operators.equal($0, a[0]) })
        },
        Method("allSatisfy", [.positional("predicate", "(Element) -> Bool")], returns: "Bool", doc: "Whether every element satisfies the closure.") { v, a, rt in
            .bool(try elements(v).allSatisfy { try rt.predicate(a[0], [$0]) })
        },
        Method("first", [.labeled("where", "(Element) -> Bool")], returns: "Element?", doc: "The first element satisfying the closure, or nil.") { v, a, rt in
            try elements(v).first { try rt.predicate(a[0], [$0]) } ?? .null
        },
        Method("firstIndex", [.labeled("where", "(Element) -> Bool")], returns: "Int?", doc: "The index of the first element satisfying the closure, or nil.") { v, a, rt in
            try elements(v).firstIndex { try rt.predicate(a[0], [$0]) }.map(Value.int) ?? .null
        },
        Method("firstIndex", [.labeled("of")], returns: "Int?", doc: "The index of the first element equal to the value, or nil.") { v, a, _ in
            elements(v).firstIndex { Operators.equal($0, a[0]) }.map(Value.int) ?? .null
        },
        Method("enumerated", returns: "[(offset: Int, element: Element)]", doc: "Pairs of index and element: `for (i, x) in xs.enumerated()`.") { v, _, _ in
            .array(elements(v).enumerated().map { .tuple([.int($0.offset), $0.element]) })
        },
        Method("joined", [.labeled("separator", "String", default: "")], returns: "String", doc: "The elements' text joined with the separator.") { v, a, _ in
            .string(elements(v).map(Display.description).joined(separator: a[0].stringValue ?? ""))
        },
        Method("min", returns: "Element?", doc: "The smallest element, or nil if empty.") { v, _, _ in
            try elements(v).min { try Operators.compare("<", $0, $1) < 0 } ?? .null
        },
        Method("max", returns: "Element?", doc: "The largest element, or nil if empty.") { v, _, _ in
            try elements(v).max { try Operators.compare("<", $0, $1) < 0 } ?? .null
        },
        Method("prefix", [.positional("maxLength", "Int")], returns: "[Element]", doc: "The first n elements.") { v, a, _ in
            .array(Array(elements(v).prefix(max(0, a[0].intValue ?? 0))))
        },
        Method("suffix", [.positional("maxLength", "Int")], returns: "[Element]", doc: "The last n elements.") { v, a, _ in
            .array(Array(elements(v).suffix(max(0, a[0].intValue ?? 0))))
        },
        Method("dropFirst", [.positional("k", "Int", default: 1)], returns: "[Element]", doc: "All but the first k elements.") { v, a, _ in
            .array(Array(elements(v).dropFirst(max(0, a[0].intValue ?? 1))))
        },
        Method("dropLast", [.positional("k", "Int", default: 1)], returns: "[Element]", doc: "All but the last k elements.") { v, a, _ in
            .array(Array(elements(v).dropLast(max(0, a[0].intValue ?? 1))))
        },
        Method("shuffled", returns: "[Element]", doc: "The elements in random order.") { v, _, _ in .array(elements(v).shuffled()) },
    ])
}
