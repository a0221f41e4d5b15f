/// How values look as text: `literal` is the Swift literal form used for cell results and inside
/// collections (`"abc"`, `[1, 2]`, `["a": 1]`); `description` is what `print` writes (strings bare).
enum Display {
    static func description(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .rich(let r): return r.text
        default: return literal(v)
        }
    }

    static func literal(_ v: Value) -> String {
        var out = ""
        write(v, to: &out, depth: 0)
        return out
    }

    private static func write(_ v: Value, to out: inout String, depth: Int) {
        if depth > 50 { out += "…"; return }
        switch v {
        case .null: out += "nil"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += double(d)
        case .string(let s): out += quoted(s)
        case .array(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += ", " }
                write(x, to: &out, depth: depth + 1)
            }
            out += "]"
        case .tuple(let xs):
            out += "("
            for (i, x) in xs.enumerated() {
                if i > 0 { out += ", " }
                write(x, to: &out, depth: depth + 1)
            }
            out += ")"
        case .dictionary(let d):
            if d.isEmpty { out += "[:]"; return }
            out += "["
            for (i, (k, x)) in zip(d.keys, d.values).enumerated() {
                if i > 0 { out += ", " }
                write(k, to: &out, depth: depth + 1)
                out += ": "
                write(x, to: &out, depth: depth + 1)
            }
            out += "]"
        case .range(let r):
            out += r.closed ? "\(r.lower)...\(r.upperBound - 1)" : "\(r.lower)..<\(r.upperBound)"
        case .closure(let c): out += "<function \(c.info.selector)>"
        case .native(let f): out += "<function \(f.selector)>"
        case .module(let m): out += "<module \(m.name)>"
        case .object(let o): out += o.display()["text/plain"] ?? "<\(o.typeName)>"
        case .rich(let r): out += r.text
        }
    }

    /// Swift's rendering of a Double: `1.0`, `0.30000000000000004`, `1e+20`, `inf`, `nan`.
    static func double(_ d: Double) -> String { d.description }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if c.value < 0x20 { out += "\\u{\(String(c.value, radix: 16))}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    /// The mimebundle of a value: text/plain always, plus the rich form of HTML/Markdown/SVG values and
    /// whatever a host object provides.
    static func bundle(_ v: Value) -> MimeBundle {
        switch v {
        case .rich(let r): return [r.mimeType: r.text, "text/plain": plainForRich(r)]
        case .object(let o):
            var b = o.display()
            if b["text/plain"] == nil { b["text/plain"] = "<\(o.typeName)>" }
            return b
        default: return ["text/plain": literal(v)]
        }
    }

    private static func plainForRich(_ r: RichValue) -> String {
        switch r.mimeType {
        case "text/markdown": return r.text
        case "text/html": return "<HTML: \(r.text.count) characters>"
        default: return "<SVG image>"
        }
    }
}
