/// Checks values against declared types (`Int`, `[String]`, `Double?`, a host type name). An Int is
/// accepted (and converted) where a Double is declared, as a Swift integer literal would be.
enum TypeCheck {
    static func coerce(_ v: Value, _ t: TypeRef) -> Value? {
        switch t {
        case .optional(let inner):
            return v.isNil ? v : coerce(v, inner)
        case .named(let name):
            switch (name, v) {
            case ("Any", _), ("AnyObject", _): return v
            case ("Int", .int), ("String", .string), ("Character", .string), ("Bool", .bool), ("Double", .double), ("Float", .double): return v
            case ("Double", .int(let i)), ("Float", .int(let i)): return .double(Double(i))
            case ("Void", .null), ("Void", .tuple([])): return .null
            case ("Array", .array), ("Dictionary", .dictionary), ("Range", .range), ("ClosedRange", .range), ("Module", .module): return v
            case ("HTML", .rich), ("Markdown", .rich), ("SVG", .rich): return v.typeName == name ? v : nil
            case (_, .object(let o)): return o.typeName == name ? v : nil
            default: return nil
            }
        case .array(let element):
            guard case .array(var items) = v else { return nil }
            for i in items.indices {
                guard let c = coerce(items[i], element) else { return nil }
                items[i] = c
            }
            return .array(items)
        case .dictionary(let kt, let vt):
            guard case .dictionary(let d) = v else { return nil }
            var out = OrderedDictionary()
            for (k, x) in zip(d.keys, d.values) {
                guard let ck = coerce(k, kt), let cx = coerce(x, vt) else { return nil }
                out[ck] = cx
            }
            return .dictionary(out)
        case .tuple(let ts):
            if ts.isEmpty, v.isNil { return v }
            guard case .tuple(let items) = v, items.count == ts.count else { return nil }
            var out: [Value] = []
            for (x, t) in zip(items, ts) {
                guard let c = coerce(x, t) else { return nil }
                out.append(c)
            }
            return .tuple(out)
        case .function:
            switch v {
            case .closure, .native: return v
            default: return nil
            }
        }
    }
}

/// Parses the type strings native functions declare (`Int`, `[Double]`, `String?`).
enum TypeNames {
    static func parse(_ text: String) -> TypeRef? {
        let source = Source(text, name: "type")
        var parser = Parser(source: source)
        guard let t = try? parser.typeRef(), parser.current.isEnd, parser.errors.isEmpty else { return nil }
        return t
    }
}
