/// Documentation text for any value: what `help(_:)` pages and what inspection shows.
enum Docs {
    static func describe(_ v: Value) -> String {
        switch v {
        case .closure(let c):
            return c.info.signature + (c.info.doc.map { "\n\n" + $0 } ?? "\n\n(no documentation; add `///` comments above the `func`)")
        case .native(let f):
            return f.signature + (f.doc.isEmpty ? "" : "\n\n" + f.doc)
        case .module(let m):
            var lines = ["module \(m.name)"]
            if !m.doc.isEmpty { lines += ["", m.doc] }
            lines += [""] + m.members.map { member in "  \(member.signature)" + (member.doc.isEmpty ? "" : "\n      \(member.doc)") }
            return lines.joined(separator: "\n")
        case .object(let o):
            var lines = ["\(o.typeName)"]
            if !o.doc.isEmpty { lines += ["", o.doc] }
            lines += [""] + o.members.map { member in "  \(member.signature)" + (member.doc.isEmpty ? "" : "\n      \(member.doc)") }
            return lines.joined(separator: "\n")
        default:
            var lines = ["\(v.typeName): \(Display.literal(v).prefix(200))"]
            let props = Members.properties(for: v)
            let methods = Methods.table(for: v).map { $0.values.flatMap { $0 }.sorted { $0.selector < $1.selector } } ?? []
            if !props.isEmpty || !methods.isEmpty { lines.append("") }
            for p in props { lines.append("  \(p.name): \(p.type) — \(p.doc)") }
            for m in methods { lines.append("  \(m.signature) — \(m.doc)") }
            return lines.joined(separator: "\n")
        }
    }
}
