/// Finds the value an expression in the editor refers to without running user code: names are read
/// from the session's globals and builtins, members from values (library properties may run).
/// Only names, members, literals and subscripts by literal are followed; calls are not made.
struct StaticEvaluation {
    let session: Session

    func value(of text: String) -> Value? {
        let source = Source(text, name: "<editor>")
        var parser = Parser(source: source)
        guard let e = try? parser.expression(), parser.current.isEnd else { return nil }
        return value(e)
    }

    func value(_ e: Expr) -> Value? {
        let rt = session.runtime
        switch e.kind {
        case .literal(let v): return v
        case .interpolation: return .string("")
        case .name(let ref):
            if let v = rt.globals.value(ref.name) { return v }
            if let i = rt.builtinNames[ref.name] { return rt.builtins[i] }
            return nil
        case .member(let base, let name, _):
            guard let b = value(base) else { return nil }
            return try? Members.get(b, name, rt)
        case .optionalChain(let x), .optionalProbe(let x), .forceUnwrap(let x):
            return value(x)
        case .subscriptAccess(let base, let args):
            guard let b = value(base), args.count == 1, case .literal(let key) = args[0].value.kind else { return nil }
            return try? Subscripts.get(b, [key], [nil])
        case .array(let xs): return .array(xs.compactMap(value))
        case .dictionary: return .dictionary(OrderedDictionary())
        default: return nil
        }
    }

    /// Member names of a value, for completion after `.`.
    static func memberNames(of v: Value) -> [String] {
        switch v {
        case .module(let m): return m.members.map(\.name)
        case .object(let o): return o.members.map(\.name)
        case .tuple(let xs): return xs.indices.map(String.init)
        default:
            return Members.properties(for: v).map(\.name) + (Methods.table(for: v).map { Array($0.keys) } ?? [])
        }
    }
}

/// Text-level helpers shared by completion and inspection: the scalars before the cursor and the
/// member chain (`a.b.c`) ending there.
enum EditorText {
    static func scalars(_ code: String) -> [Unicode.Scalar] { Array(code.unicodeScalars) }

    /// Start of the identifier ending at `cursor`.
    static func identifierStart(_ s: [Unicode.Scalar], _ cursor: Int) -> Int {
        var i = cursor
        while i > 0, isIdentifierChar(s[i - 1]) || s[i - 1] == "$" { i -= 1 }
        return i
    }

    /// The receiver text of `receiver.partial` ending at `dot` (the index of the `.`), e.g. `profiles`
    /// or `a.b[0]`; balanced brackets are included.
    static func receiver(_ s: [Unicode.Scalar], dot: Int) -> String? {
        var i = dot
        var depth = 0
        var inString = false
        while i > 0 {
            let c = s[i - 1]
            if inString {
                if c == "\"" { inString = false }
                i -= 1
                continue
            }
            if c == "\"" { inString = true; i -= 1; continue }
            if c == ")" || c == "]" { depth += 1 }
            else if c == "(" || c == "[" {
                if depth == 0 { break }
                depth -= 1
            } else if depth == 0 && !(isIdentifierChar(c) || c == "." || c == "?" || c == "!" || c == "$") {
                break
            }
            i -= 1
        }
        let text = String(String.UnicodeScalarView(s[i..<dot]))
        return text.isEmpty ? nil : text
    }

    /// The callee text and the argument start of the innermost unclosed `(` before `cursor`.
    static func enclosingCall(_ s: [Unicode.Scalar], _ cursor: Int) -> (callee: String, open: Int)? {
        var depth = 0
        var i = cursor
        var inString = false
        while i > 0 {
            let c = s[i - 1]
            if c == "\"" { inString.toggle() }
            if !inString {
                if c == ")" || c == "]" || c == "}" { depth += 1 }
                else if c == "[" || c == "{" { if depth == 0 { return nil }; depth -= 1 }
                else if c == "(" {
                    if depth == 0 {
                        let open = i - 1
                        guard let callee = receiver(s, dot: open) else { return nil }
                        return (callee, open)
                    }
                    depth -= 1
                }
            }
            i -= 1
        }
        return nil
    }
}
