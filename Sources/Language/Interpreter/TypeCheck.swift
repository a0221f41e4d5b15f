/// Checks values against declared types (`Int`, `[String]`, `Double?`, a host type name). An Int is
/// accepted (and converted) where a Double is declared, as a Swift integer literal would be.
enum TypeCheck {
    /// A compiled check: the (possibly converted) value, or nil if it does not match.
    typealias Checker = (Value) -> Value?

    /// Compiles a check once per declaration; the common scalar types avoid any string work per call.
    static func checker(_ t: TypeRef) -> Checker? {
        switch t {
        case .named("Any"), .named("AnyObject"): return nil
        case .named("Int"): return { if case .int = $0 { return $0 }; return nil }
        case .named("String"): return { if case .string = $0 { return $0 }; return nil }
        case .named("Bool"): return { if case .bool = $0 { return $0 }; return nil }
        case .named("Double"):
            return { v in
                switch v {
                case .double: return v
                case .int(let i): return .double(Double(i))
                default: return nil
                }
            }
        default: return { coerce($0, t) }
        }
    }

    /// With `convertingInts: false` (for `is` and `as?`) an Int is not a Double, as in Swift.
    static func coerce(_ v: Value, _ t: TypeRef, convertingInts: Bool = true) -> Value? {
        let coerce = { (v: Value, t: TypeRef) in Self.coerce(v, t, convertingInts: convertingInts) }
        switch t {
        case .optional(let inner):
            return v.isNil ? v : coerce(v, inner)
        case .named(let name):
            switch (name, v) {
            case ("Any", _), ("AnyObject", _): return v
            case ("Int", .int), ("String", .string), ("Character", .string), ("Bool", .bool), ("Double", .double), ("Float", .double): return v
            case ("Double", .int(let i)) where convertingInts, ("Float", .int(let i)) where convertingInts: return .double(Double(i))
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
/// The common shapes (`Int`, `Double?`, `[String]`) are read directly: the standard library declares
/// some two hundred parameters when a session starts, and lexing each was a third of a kernel's
/// start-up work.
enum TypeNames {
    static func parse(_ text: String) -> TypeRef? {
        commonShape(text) ?? parsed(text)
    }

    /// A name, or a common shape around one (`T?`, `[T]`, nested), without the lexer; nil for
    /// anything else, which the parser reads (`(Int) -> Int?` is a function, not an optional).
    private static func commonShape(_ text: String) -> TypeRef? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        if first == UInt8(ascii: "_") || isLetter(first), utf8.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) {
            return .named(text)
        }
        if utf8.count > 1, last == UInt8(ascii: "?") { return commonShape(String(text.dropLast())).map(TypeRef.optional) }
        if first == UInt8(ascii: "["), last == UInt8(ascii: "]") { return commonShape(String(text.dropFirst().dropLast())).map(TypeRef.array) }
        return nil
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func parsed(_ text: String) -> TypeRef? {
        let source = Source(text, name: "type")
        var parser = Parser(source: source)
        guard let t = try? parser.typeRef(), parser.current.isEnd, parser.errors.isEmpty else { return nil }
        return t
    }
}
