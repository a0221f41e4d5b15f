/// Finds the highest `$n` a closure body uses (not counting nested closures, which have their own),
/// so the closure gets exactly n + 1 implicit parameters before its body is resolved.
enum DollarScan {
    static func count(in body: [Stmt]) -> Int {
        body.map(statement).max() ?? 0
    }

    private static func statement(_ s: Stmt) -> Int {
        switch s.kind {
        case .expression(let e), .returnStatement(let e?): return expr(e)
        case .declaration(_, _, _, let e?): return expr(e)
        case .assignment(let a, _, let b): return max(expr(a), expr(b))
        case .ifStatement(let cs, let body, let other):
            return max(conditions(cs), count(in: body), other.map(statement) ?? 0)
        case .guardStatement(let cs, let body), .whileLoop(let cs, let body): return max(conditions(cs), count(in: body))
        case .repeatWhile(let body, let e): return max(count(in: body), expr(e))
        case .forIn(_, let seq, let filter, let body): return max(expr(seq), filter.map(expr) ?? 0, count(in: body))
        case .switchStatement(let subject, let cases, let other):
            return max(expr(subject), cases.map { max($0.patterns.map(expr).max() ?? 0, count(in: $0.body)) }.max() ?? 0, other.map(count) ?? 0)
        case .block(let body), .timeMagic(let body, _), .declarations(let body): return count(in: body)
        default: return 0
        }
    }

    private static func conditions(_ cs: [Condition]) -> Int {
        cs.map { c -> Int in
            switch c {
            case .expr(let e), .binding(_, let e): return expr(e)
            }
        }.max() ?? 0
    }

    private static func expr(_ e: Expr) -> Int {
        switch e.kind {
        case .name(let n):
            if n.name.hasPrefix("$"), let k = Int(n.name.dropFirst()) { return k + 1 }
            return 0
        case .interpolation(let parts):
            return parts.map { if case .expr(let x) = $0 { return expr(x) } else { return 0 } }.max() ?? 0
        case .array(let xs), .tuple(let xs): return xs.map(expr).max() ?? 0
        case .dictionary(let pairs): return pairs.map { max(expr($0.0), expr($0.1)) }.max() ?? 0
        case .unary(_, let x), .forceUnwrap(let x), .optionalProbe(let x), .optionalChain(let x), .member(let x, _, _): return expr(x)
        case .binary(_, let a, let b): return max(expr(a), expr(b))
        case .ternary(let a, let b, let c): return max(expr(a), expr(b), expr(c))
        case .call(let f, let args), .subscriptAccess(let f, let args): return max(expr(f), args.map { expr($0.value) }.max() ?? 0)
        default: return 0
        }
    }
}
