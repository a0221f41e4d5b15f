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
        case .binary(let op, let a, let b):
            guard let compiled = IntComparisons.build(op, ComparisonTest(compiler: self, op: op, a: a, b: b, r: r)) else { fallthrough }
            return compiled.run
        default:
            let eval = expr(e)
            return { f in
                let v = try eval(f)
                if case .bool(let b) = v { return b }
                do { return try Operators.truth(v) } catch { throw locate(error, r) }
            }
        }
    }

    /// `if c { return x }`, the base case of most recursions, in one step; a condition comparing a
    /// local Int with a literal (`if n < 2`) is tested inline.
    func conditionalReturn(_ conditions: [Condition], _ value: Expr) -> Exec {
        let eval = expr(value)
        if conditions.count == 1, case .expr(let e) = conditions[0], case .binary(let op, let a, let b) = e.kind,
           case .name(let ref) = a.kind, case .local(0, let i)? = ref.binding, case .literal(.int(let k)) = b.kind,
           let compiled = IntComparisons.build(op, ConditionalReturn(slot: i, k: k, otherwise: test(e), eval: eval)) {
            return compiled.run
        }
        let test = conditionList(conditions)
        return { f in
            guard try test(f) else { return .normal }
            f.returnSlot.pointee = try eval(f)
            return .returned
        }
    }

    fileprivate func comparison<C: IntComparison>(_: C.Type, _ op: String, _ a: Expr, _ b: Expr, _ r: SourceRange) -> Test {
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
                    if let end = try loopPass(bodyExec, f, rt) { return end }
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
            return try loopPass(bodyExec, f, rt)
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
                    if let end = try loopPass(bodyExec, f, rt) { return end }
                }
                return .normal
            }
        }
        return { f in try iterate(f, try seqEval(f)) }
    }
}

/// A comparison used as a condition. Builders give boxed closures: a closure returned as a generic
/// result would be called through reabstraction thunks.
private struct ComparisonTest: IntComparisonBuilder {
    let compiler: Compiler
    let op: String
    let a: Expr, b: Expr
    let r: SourceRange

    func build<C: IntComparison>(_: C.Type) -> TestBox { TestBox(run: compiler.comparison(C.self, op, a, b, r)) }
}

/// `if slot <op> k { return value }`; `otherwise` decides when the slot does not hold an Int.
private struct ConditionalReturn: IntComparisonBuilder {
    let slot: Int
    let k: Int
    let otherwise: Test
    let eval: Eval

    func build<C: IntComparison>(_: C.Type) -> ExecBox {
        let (i, k, test, eval) = (slot, k, otherwise, eval)
        return ExecBox { f in
            let holds: Bool
            if case .int(let x) = f.slots[i] { holds = C.test(x, k) } else { holds = try test(f) }
            guard holds else { return .normal }
            f.returnSlot.pointee = try eval(f)
            return .returned
        }
    }
}

/// Runs one pass of a loop's body: nil to go on, or how the loop statement ends (`break` ends it
/// normally, `return` passes through, `continue` goes on). Ticks the interrupt and step counter.
@inline(__always)
func loopPass(_ body: Exec, _ f: Frame, _ rt: Runtime) throws -> Flow? {
    switch try body(f) {
    case .breakLoop: return .normal
    case .returned: return .returned
    case .normal, .continueLoop:
        try rt.tick()
        return nil
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
