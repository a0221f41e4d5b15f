/// Finds the highest `$n` a closure body uses (not counting nested closures, which have their own),
/// so the closure gets exactly n + 1 implicit parameters before its body is resolved.
enum DollarScan {
    /// Higher `$n` stay unresolved and are reported, instead of allocating huge frames.
    static let limit = 256

    static func count(in body: [Stmt]) -> Int {
        var n = 0
        SyntaxWalk.expressions(in: body) { e in
            if case .name(let ref) = e.kind, ref.name.hasPrefix("$"), let k = Int(ref.name.dropFirst()), k < limit { n = max(n, k + 1) }
        }
        return n
    }
}
