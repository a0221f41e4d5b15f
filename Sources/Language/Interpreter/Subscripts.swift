/// `value[index]`: arrays by Int or range (slices), dictionaries by key (an optional, or
/// `d[key, default: v]`), strings by Int (a one-character String), tuples by Int, host objects.
enum Subscripts {
    static func get(_ v: Value, _ keys: [Value], _ labels: [String?]) throws -> Value {
        switch v {
        case .array(let xs):
            try expectOne(keys, labels, "array")
            return try element(xs, keys[0])
        case .range(let r):
            try expectOne(keys, labels, "range")
            return try element(r.elements, keys[0])
        case .dictionary(let d):
            if keys.count == 2, labels == [nil, "default"] { return d[keys[0]] ?? keys[1] }
            try expectOne(keys, labels, "dictionary")
            return d[keys[0]] ?? .null
        case .string(let s):
            try expectOne(keys, labels, "string")
            let chars = Array(s)
            if case .range = keys[0] { return .string(String(try slice(chars.map { Value.string(String($0)) }, keys[0]).compactMap(\.stringValue).joined())) }
            guard case .int(let i) = keys[0] else { throw LanguageError.typeError("string index must be Int, got \(keys[0].typeName)") }
            guard i >= 0 && i < chars.count else { throw LanguageError.indexError("index \(i) is out of range for a string of \(chars.count) characters") }
            return .string(String(chars[i]))
        case .tuple(let xs):
            try expectOne(keys, labels, "tuple")
            return try element(xs, keys[0])
        case .object(let o):
            guard keys.count == 1, let result = try o.subscripted(by: keys[0]) else {
                throw LanguageError.typeError("value of type \(o.typeName) cannot be subscripted with \(keys.map(\.typeName).joined(separator: ", "))")
            }
            return result
        case .null:
            throw LanguageError.typeError("cannot subscript nil", hints: ["unwrap the optional first, e.g. `value?[i]` or `if let`"])
        default:
            throw LanguageError.typeError("value of type \(v.typeName) cannot be subscripted")
        }
    }

    private static func expectOne(_ keys: [Value], _ labels: [String?], _ what: String) throws {
        guard keys.count == 1, labels[0] == nil else {
            throw LanguageError.argumentError("a \(what) subscript takes one index, like `value[i]`")
        }
    }

    static func element(_ xs: [Value], _ key: Value) throws -> Value {
        switch key {
        case .int(let i):
            guard i >= 0 && i < xs.count else {
                throw LanguageError.indexError("index \(i) is out of range for an array of \(xs.count) element\(xs.count == 1 ? "" : "s")",
                                               hints: xs.isEmpty ? ["the array is empty"] : ["valid indices are 0...\(xs.count - 1)"])
            }
            return xs[i]
        case .range:
            return .array(try slice(xs, key))
        default:
            throw LanguageError.typeError("array index must be Int or a range, got \(key.typeName)")
        }
    }

    static func slice(_ xs: [Value], _ key: Value) throws -> [Value] {
        guard case .range(let r) = key else { return [] }
        guard r.lower >= 0 && r.upperBound <= xs.count else {
            throw LanguageError.indexError("range \(Display.literal(key)) is out of bounds for \(xs.count) element\(xs.count == 1 ? "" : "s")")
        }
        return Array(xs[r.lower..<r.upperBound])
    }

    /// In-place `container[key] = …` / `container[key] += …` / `container[key].append(…)`.
    static func modify(_ container: inout Value, _ keys: [Value], _ labels: [String?], _ m: (inout Value) throws -> Void) throws {
        switch container {
        case .array(var xs):
            try expectOne(keys, labels, "array")
            guard case .int(let i) = keys[0] else { throw LanguageError.typeError("array index must be Int, got \(keys[0].typeName)") }
            guard i >= 0 && i < xs.count else {
                throw LanguageError.indexError("index \(i) is out of range for an array of \(xs.count) element\(xs.count == 1 ? "" : "s")")
            }
            container = .null
            defer { container = .array(xs) }
            try m(&xs[i])
        case .dictionary(var d):
            var fallback: Value?
            if keys.count == 2, labels == [nil, "default"] { fallback = keys[1] } else { try expectOne(keys, labels, "dictionary") }
            container = .null
            defer { container = .dictionary(d) }
            let had = d[keys[0]] != nil
            var v = d[keys[0]] ?? fallback ?? .null
            // Drop the dictionary's reference so a nested array or string is mutated in place.
            if had { d[keys[0]] = .null }
            do { try m(&v) } catch {
                if had { d[keys[0]] = v }
                throw error
            }
            d[keys[0]] = v.isNil ? nil : v
        case .tuple(var xs):
            try expectOne(keys, labels, "tuple")
            guard case .int(let i) = keys[0], i >= 0 && i < xs.count else { throw LanguageError.indexError("tuple index out of range") }
            container = .null
            defer { container = .tuple(xs) }
            try m(&xs[i])
        case .null:
            throw LanguageError.typeError("cannot subscript nil")
        default:
            throw LanguageError.typeError("cannot assign through a subscript of \(container.typeName)")
        }
    }
}
