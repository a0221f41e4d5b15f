/// Inspection (Jupyter's shift-tab): the signature and documentation of the name at the cursor,
/// or of the function whose call the cursor is in.
struct Inspector {
    let session: Session

    static let keywordDocs: [String: String] = [
        "let": "let name = value — declares a constant.",
        "var": "var name = value — declares a variable.",
        "func": "func name(_ x: Int, label y: Double = 1.0) -> Double { … } — declares a function.",
        "if": "if condition { … } else { … }",
        "guard": "guard condition else { return } — exits early when the condition fails.",
        "for": "for item in sequence { … } — loops over arrays, ranges, dictionaries and strings.",
        "while": "while condition { … }",
        "repeat": "repeat { … } while condition",
        "switch": "switch value { case 1, 2: … case 3..<10: … default: … }",
        "return": "return value — leaves the function.",
    ]

    func inspect(_ code: String, cursor rawCursor: Int, detailLevel: Int) -> MimeBundle? {
        let s = EditorText.scalars(code)
        let cursor = max(0, min(rawCursor, s.count))
        var end = cursor
        while end < s.count, isIdentifierChar(s[end]) { end += 1 }
        let start = EditorText.identifierStart(s, end)
        let evaluator = StaticEvaluation(session: session)
        if start < end, !isDigit(s[start]) {
            let word = String(String.UnicodeScalarView(s[start..<end]))
            if let doc = Self.keywordDocs[word] { return ["text/plain": doc] }
            var text = word
            if start > 0, s[start - 1] == ".", let receiver = EditorText.receiver(s, dot: start - 1) { text = receiver + "." + word }
            if let v = evaluator.value(of: text) { return bundle(v, detailLevel) }
            if let doc = memberDoc(text, evaluator) { return ["text/plain": doc] }
        }
        if let call = EditorText.enclosingCall(s, cursor) {
            if let v = evaluator.value(of: call.callee) { return bundle(v, detailLevel) }
            if let doc = memberDoc(call.callee, evaluator) { return ["text/plain": doc] }
        }
        return nil
    }

    private func bundle(_ v: Value, _ detailLevel: Int) -> MimeBundle {
        var text = Docs.describe(v)
        if detailLevel > 0, case .closure(let c) = v {
            let r = c.info.span
            text += "\n\nSource (\(r.source.name)):\n" + r.source.text(r.start, r.end)
        }
        return ["text/plain": text]
    }

    /// `xs.append` / `"a".split`: a built-in method has no value of its own; show its signatures.
    private func memberDoc(_ text: String, _ evaluator: StaticEvaluation) -> String? {
        guard let dot = text.lastIndex(of: ".") else { return nil }
        let receiverText = String(text[..<dot])
        let name = String(text[text.index(after: dot)...])
        guard let receiver = evaluator.value(of: receiverText) ?? (receiverText.hasPrefix("\"") ? Value.string("") : nil),
              let methods = Methods.table(for: receiver)?[name] else { return nil }
        return methods.map { "\(receiver.typeName).\($0.signature)\n\n\($0.doc)" }.joined(separator: "\n\n")
    }
}
