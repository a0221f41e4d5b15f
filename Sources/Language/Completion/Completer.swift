/// Completion at a cursor (Unicode scalar offsets): members after `.`, dictionary keys after
/// `d["`, argument labels inside a call, and otherwise names in scope, keywords and builtins.
struct Completer {
    let session: Session

    func complete(_ code: String, cursor rawCursor: Int) -> CompletionResult {
        let s = EditorText.scalars(code)
        let cursor = max(0, min(rawCursor, s.count))
        if let keys = dictionaryKeys(s, cursor) { return keys }
        let start = EditorText.identifierStart(s, cursor)
        let partial = String(String.UnicodeScalarView(s[start..<cursor]))
        let evaluator = StaticEvaluation(session: session)
        if start > 0, s[start - 1] == "." {
            var dot = start - 1
            if dot > 0, s[dot - 1] == "?" { dot -= 1 }
            guard let receiverText = EditorText.receiver(s, dot: dot), let receiver = evaluator.value(of: receiverText) ?? literalReceiver(receiverText) else {
                return CompletionResult(matches: [], start: start, end: cursor)
            }
            let names = StaticEvaluation.memberNames(of: receiver)
            return CompletionResult(matches: filter(names, partial), start: start, end: cursor)
        }
        var candidates: [String] = []
        if let call = EditorText.enclosingCall(s, cursor), argumentStart(s, start, call.open) {
            if let callee = evaluator.value(of: call.callee) {
                candidates += labels(of: callee).map { "\($0):" }
            }
        }
        var names = Set(session.globalNames)
        names.formUnion(session.runtime.builtinNames.keys)
        names.formUnion(Keyword.allCases.map(\.rawValue))
        names.formUnion(declaredNames(code))
        candidates += filter(Array(names), partial)
        var seen = Set<String>()
        let matches = candidates.filter { $0.hasPrefix(partial) && seen.insert($0).inserted }
        return CompletionResult(matches: matches, start: start, end: cursor)
    }

    private func filter(_ names: [String], _ partial: String) -> [String] {
        Array(Set(names)).filter { $0.hasPrefix(partial) && !$0.hasPrefix("$") }.sorted { a, b in
            // Exact-case prefix matches first, then alphabetical.
            a.count == b.count ? a < b : a < b
        }
    }

    /// `"abc".` and `[1, 2].` complete as their type.
    private func literalReceiver(_ text: String) -> Value? {
        if text.hasPrefix("\"") { return .string("") }
        if text.hasPrefix("[") { return .array([]) }
        return nil
    }

    /// Whether the cursor's identifier starts an argument (right after `(` or `,`).
    private func argumentStart(_ s: [Unicode.Scalar], _ start: Int, _ open: Int) -> Bool {
        var i = start
        while i > open + 1, s[i - 1] == " " || s[i - 1] == "\n" || s[i - 1] == "\t" { i -= 1 }
        return i == open + 1 || s[i - 1] == ","
    }

    private func labels(of callee: Value) -> [String] {
        switch callee {
        case .native(let f): return f.parameters.compactMap(\.label)
        case .closure(let c): return c.info.parameters.compactMap(\.label)
        default: return []
        }
    }

    /// Dictionary keys after `name["partial`.
    private func dictionaryKeys(_ s: [Unicode.Scalar], _ cursor: Int) -> CompletionResult? {
        var i = cursor
        while i > 0, s[i - 1] != "\"" && s[i - 1] != "\n" { i -= 1 }
        guard i >= 2, s[i - 1] == "\"", s[i - 2] == "[" else { return nil }
        let open = i - 2
        guard let receiverText = EditorText.receiver(s, dot: open),
              let receiver = StaticEvaluation(session: session).value(of: receiverText),
              case .dictionary(let d) = receiver else { return nil }
        let partial = String(String.UnicodeScalarView(s[i..<cursor]))
        let keys = d.keys.compactMap(\.stringValue).filter { $0.hasPrefix(partial) }
        return CompletionResult(matches: keys, start: i, end: cursor)
    }

    /// Names the cell itself declares (`let`, `var`, `func`, `for`), so they complete before running.
    private func declaredNames(_ code: String) -> [String] {
        let lexer = Lexer(Source(code, name: "<editor>"))
        var names: [String] = []
        let tokens = lexer.tokens
        for (i, t) in tokens.enumerated() where i + 1 < tokens.count {
            if t.isKeyword(.let) || t.isKeyword(.var) || t.isKeyword(.func) || t.isKeyword(.for), let n = tokens[i + 1].identifier {
                names.append(n)
            }
        }
        return names
    }
}
