/// Visits every expression of a block in source order, inner expressions after the one containing
/// them. Closure and nested function bodies are not entered (each is a scope of its own); a nested
/// `func` is visited as a `.closure` expression so callers see every function a block creates.
enum SyntaxWalk {
    static func expressions(in body: [Stmt], _ visit: (Expr) -> Void) {
        for s in body { statement(s, visit) }
    }

    private static func statement(_ s: Stmt, _ visit: (Expr) -> Void) {
        switch s.kind {
        case .expression(let e), .returnStatement(let e?), .declaration(_, _, _, let e?):
            expr(e, visit)
        case .assignment(let a, _, let b):
            expr(a, visit)
            expr(b, visit)
        case .function(let f):
            visit(Expr(kind: .closure(f), span: f.span))
        case .ifStatement(let cs, let body, let other):
            conditions(cs, visit)
            expressions(in: body, visit)
            if let other { statement(other, visit) }
        case .guardStatement(let cs, let body), .whileLoop(let cs, let body):
            conditions(cs, visit)
            expressions(in: body, visit)
        case .repeatWhile(let body, let e):
            expressions(in: body, visit)
            expr(e, visit)
        case .forIn(_, let sequence, let filter, let body, _):
            expr(sequence, visit)
            if let filter { expr(filter, visit) }
            expressions(in: body, visit)
        case .switchStatement(let subject, let cases, let other):
            expr(subject, visit)
            for c in cases {
                for p in c.patterns {
                    if case .value(let e) = p.kind { expr(e, visit) }
                    if let g = p.guardCondition { expr(g, visit) }
                }
                expressions(in: c.body, visit)
            }
            if let other { expressions(in: other, visit) }
        case .block(let body), .timeMagic(let body, _), .declarations(let body):
            expressions(in: body, visit)
        case .declaration, .returnStatement, .breakStatement, .continueStatement, .magic:
            break
        }
    }

    private static func conditions(_ cs: [Condition], _ visit: (Expr) -> Void) {
        for c in cs {
            switch c {
            case .expr(let e), .binding(_, let e): expr(e, visit)
            }
        }
    }

    static func expr(_ e: Expr, _ visit: (Expr) -> Void) {
        visit(e)
        switch e.kind {
        case .interpolation(let parts):
            for case .expr(let x) in parts { expr(x, visit) }
        case .array(let xs), .tuple(let xs):
            for x in xs { expr(x, visit) }
        case .dictionary(let pairs):
            for (k, v) in pairs { expr(k, visit); expr(v, visit) }
        case .unary(_, let x), .forceUnwrap(let x), .optionalProbe(let x), .optionalChain(let x), .member(let x, _, _), .cast(let x, _, _):
            expr(x, visit)
        case .binary(_, let a, let b):
            expr(a, visit)
            expr(b, visit)
        case .ternary(let a, let b, let c):
            expr(a, visit)
            expr(b, visit)
            expr(c, visit)
        case .call(let f, let args), .subscriptAccess(let f, let args):
            expr(f, visit)
            for a in args { expr(a.value, visit) }
        case .literal, .name, .emptyArray, .emptyDictionary, .closure, .operatorFunction, .wildcard:
            break
        }
    }

    /// Whether running `body` (or `extra`) can create a closure or nested function.
    static func createsFunctions(_ body: [Stmt], _ extra: Expr? = nil) -> Bool {
        var found = false
        let check: (Expr) -> Void = { e in if case .closure = e.kind { found = true } }
        expressions(in: body, check)
        if let extra { expr(extra, check) }
        return found
    }
}
