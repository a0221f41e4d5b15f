/// Conditions and `for` loops.
extension Compiler {
    /// `if a, let b = c, d { … }`: every condition must hold; bindings are stored as they succeed.
    func conditionList(_ conditions: [Condition]) -> Test {
        if conditions.count == 1 { return condition(conditions[0]) }
        let tests = conditions.map { c in TestBox(run: condition(c)) }
        return { f in
            for t in tests where !(try t.run(f)) { return false }
            return true
        }
    }

    private func condition(_ c: Condition) -> Test {
        switch c {
        case .expr(let e):
            return test(e)
        case .binding(let decl, let e):
            let eval = expr(e)
            let store = slot(decl.binding)
            return { f in
                let v = try eval(f)
                if v.isNil { return false }
                store(f).pointee = v
                return true
            }
        }
    }

    /// Compiles an expression used as a condition straight to Bool, with fast paths for comparing Ints.
    func test(_ e: Expr) -> Test {
        let r = range(e.span)
        switch e.kind {
        case .literal(.bool(let b)):
            return { _ in b }
        case .unary("!", let x):
            let t = test(x)
            return { f in !(try t(f)) }
        case .binary("&&", let a, let b):
            let ta = test(a), tb = test(b)
            return { f in try ta(f) && tb(f) }
        case .binary("||", let a, let b):
            let ta = test(a), tb = test(b)
            return { f in try ta(f) || tb(f) }
        case .binary(let op, let a, let b) where ["<", "<=", ">", ">=", "==", "!="].contains(op):
            return comparison(op, a, b, r)
        default:
            let eval = expr(e)
            return { f in
                let v = try eval(f)
                if case .bool(let b) = v { return b }
                do { return try Operators.truth(v) } catch { throw locate(error, r) }
            }
        }
    }

    func comparison(_ op: String, _ a: Expr, _ b: Expr, _ r: SourceRange) -> Test {
        switch op {
        case "<": return comparison(LessOp.self, op, a, b, r)
        case "<=": return comparison(LessOrEqualOp.self, op, a, b, r)
        case ">": return comparison(GreaterOp.self, op, a, b, r)
        case ">=": return comparison(GreaterOrEqualOp.self, op, a, b, r)
        case "==": return comparison(EqualOp.self, op, a, b, r)
        default: return comparison(NotEqualOp.self, op, a, b, r)
        }
    }

    private func comparison<C: IntComparison>(_: C.Type, _ op: String, _ a: Expr, _ b: Expr, _ r: SourceRange) -> Test {
        let ea = expr(a), eb = expr(b)
        let slow: (Value, Value) throws -> Bool = { x, y in
            do {
                switch op {
                case "==": return Operators.equal(x, y)
                case "!=": return !Operators.equal(x, y)
                default:
                    let c = try Operators.compare(op, x, y)
                    return op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0
                }
            } catch { throw locate(error, r) }
        }
        if case .literal(.int(let k)) = b.kind {
            if case .name(let ref) = a.kind, case .local(0, let i)? = ref.binding {
                return { f in
                    if case .int(let x) = f.slots[i] { return C.test(x, k) }
                    return try slow(f.slots[i], .int(k))
                }
            }
            return { f in
                let x = try ea(f)
                if case .int(let xi) = x { return C.test(xi, k) }
                return try slow(x, .int(k))
            }
        }
        return { f in
            let x = try ea(f), y = try eb(f)
            if case .int(let xi) = x, case .int(let yi) = y { return C.test(xi, yi) }
            return try slow(x, y)
        }
    }

    // MARK: for loops

    /// With `iterationSlots`, each iteration runs in a fresh frame (see `IterationScope`).
    func forLoop(_ pattern: Pattern, _ sequence: Expr, _ filter: Expr?, _ body: [Stmt], iterationSlots: Int?) -> Exec {
        let bodyExec = block(body)
        var filterTest: Test?
        if let filter { filterTest = test(filter) }
        let rt = rt
        let r = range(sequence.span)
        // Counting loops over a literal range run on Ints without building a range value.
        if iterationSlots == nil, case .name(let d) = pattern, filterTest == nil, case .binary(let op, let lo, let hi) = sequence.kind, op == "..<" || op == "..." {
            let loEval = expr(lo), hiEval = expr(hi)
            let store = slot(d.binding)
            return { f in
                let lv = try loEval(f), hv = try hiEval(f)
                guard case .int(let l) = lv, case .int(var h) = hv else {
                    do { _ = try Operators.range(op, lv, hv) } catch { throw locate(error, r) }
                    return .normal
                }
                if op == "..." {
                    if h == Int.max { throw LanguageError("ArithmeticError", "integer overflow: \(l)...\(h) is too large", at: r) }
                    h += 1
                }
                if h < l { throw LanguageError("ValueError", "range requires lowerBound <= upperBound, got \(l)\(op)\(op == "..." ? h - 1 : h)", at: r) }
                let p = store(f)
                var i = l
                while i < h {
                    p.pointee = .int(i)
                    switch try bodyExec(f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    default: break
                    }
                    try rt.tick()
                    i += 1
                }
                return .normal
            }
        }
        let seqEval = expr(sequence)
        let bind = destructure(pattern, r)
        /// One iteration in frame `f`: nil to go on, or how the loop ends.
        let iteration: (Frame, Value) throws -> Flow? = { f, v in
            try bind(f, v)
            if let filterTest, !(try filterTest(f)) { return nil }
            switch try bodyExec(f) {
            case .breakLoop: return .normal
            case .returned: return .returned
            default: break
            }
            try rt.tick()
            return nil
        }
        let step: (Frame, Value) throws -> Flow?
        if let iterationSlots {
            step = { f, v in
                let inner = Frame.make(count: iterationSlots, parent: f)
                let flow = try iteration(inner, v)
                // `return` inside the body stored its value in the iteration frame.
                if case .returned? = flow { f.returnSlot.pointee = inner.takeReturnValue() }
                return flow
            }
        } else {
            step = iteration
        }
        let iterate: (Frame, Value) throws -> Flow = { f, seq in
            switch seq {
            case .range(let rg):
                var i = rg.lower
                while i < rg.upperBound {
                    if let flow = try step(f, .int(i)) { return flow }
                    i += 1
                }
            case .array(let xs):
                for x in xs { if let flow = try step(f, x) { return flow } }
            case .dictionary(let d):
                for (k, v) in zip(d.keys, d.values) { if let flow = try step(f, .tuple([k, v])) { return flow } }
            case .string(let s):
                for c in s { if let flow = try step(f, .string(String(c))) { return flow } }
            case .object(let o):
                let items: [Value]?
                do { items = try o.elements() } catch { throw locate(error, r) }
                guard let items else { throw LanguageError("TypeError", "\(o.typeName) is not a sequence; `for … in` needs an array, range, dictionary, string or table", at: r) }
                for x in items { if let flow = try step(f, x) { return flow } }
            default:
                throw LanguageError("TypeError", "\(seq.typeName) is not a sequence; `for … in` needs an array, range, dictionary or string", at: r,
                                    hints: seq.isNil ? ["the value is nil; unwrap it first"] : [])
            }
            return .normal
        }
        // `for x in array { … }`: elements go straight into the variable's slot.
        if iterationSlots == nil, filterTest == nil, case .name(let d) = pattern, case .local(0, let index)? = d.binding {
            return { f in
                let seq = try seqEval(f)
                guard case .array(let xs) = seq else { return try iterate(f, seq) }
                let p = f.slots + index
                for x in xs {
                    p.pointee = x
                    switch try bodyExec(f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    default: break
                    }
                    try rt.tick()
                }
                return .normal
            }
        }
        return { f in try iterate(f, try seqEval(f)) }
    }
}

/// Gives an error without a location the location of the node that raised it.
@inline(__always)
func locate(_ error: Error, _ r: SourceRange) -> Error {
    if var e = error as? LanguageError {
        if e.location == nil { e.location = r }
        return e
    }
    if error is ChainNil { return error }
    return LanguageError("HostError", "\(error)", at: r)
}

struct TestBox { let run: Test }

/// Thrown by `x?.…` when `x` is nil; caught where the optional chain ends.
struct ChainNil: Error {}
