import Foundation

/// Turns the resolved syntax tree into a tree of Swift closures (one per node), so running code is
/// a chain of direct calls with slots already known — no per-node dispatch on the AST and no name
/// lookups. Errors are located at the node that raises them.
final class Compiler {
    let source: Source
    let rt: Runtime
    /// Runs a line magic (`%who`, …); provided by the session.
    let lineMagic: (String, String) throws -> Void

    init(source: Source, runtime: Runtime, lineMagic: @escaping (String, String) throws -> Void) {
        self.source = source
        rt = runtime
        self.lineMagic = lineMagic
    }

    func range(_ span: Span) -> SourceRange { SourceRange(source: source, start: span.start, end: span.end) }

    // MARK: cells

    /// Compiles a cell: function declarations first (they are hoisted), then the statements in order.
    /// The final expression statement, if any, becomes the cell's result.
    func cell(_ statements: [Stmt]) -> (run: Exec, result: Eval?) {
        var body = statements
        var result: Eval?
        if let last = body.last, case .expression(let e) = last.kind {
            body.removeLast()
            result = expr(e)
        }
        let functions = body.filter { if case .function = $0.kind { return true }; return false }
        let others = body.filter { if case .function = $0.kind { return false }; return true }
        return (block(functions + others), result)
    }

    // MARK: names

    func read(_ ref: NameRef) -> Eval {
        switch ref.binding {
        case .global(let i)?:
            let p = rt.globals.storage.values + i
            return { _ in p.pointee }
        case .local(0, let i)?:
            return { f in f.slots[i] }
        case .local(1, let i)?:
            return { f in f.parent!.slots[i] }
        case .local(let d, let i)?:
            return { f in f.ancestor(d).slots[i] }
        case .builtin(let i)?:
            let v = rt.builtins[i]
            return { _ in v }
        case nil:
            let r = range(ref.span)
            return { _ in throw LanguageError("NameError", "cannot find `\(ref.name)` in scope", at: r) }
        }
    }

    /// Where a binding's storage is, found at run time from the frame.
    func slot(_ binding: Binding?) -> SlotAddress {
        switch binding {
        case .global(let i)?: return .fixed(rt.globals.storage.values + i)
        case .local(0, let i)?: return .local(i)
        case .local(let d, let i)?: return .outer(depth: d, index: i)
        default: return .fixed(rt.scratchSlot)
        }
    }

    // MARK: statements

    /// Sequences statements. Small blocks capture their closures directly; larger ones keep them in
    /// `ExecBox`es, because closures stored straight in an array are called through a conversion thunk.
    func block(_ statements: [Stmt]) -> Exec {
        switch statements.count {
        case 0: return { _ in .normal }
        case 1: return stmt(statements[0])
        case 2:
            let a = stmt(statements[0]), b = stmt(statements[1])
            return { f in
                let r = try a(f)
                if case .normal = r { return try b(f) }
                return r
            }
        case 3:
            let a = stmt(statements[0]), b = stmt(statements[1]), c = stmt(statements[2])
            return { f in
                var r = try a(f)
                guard case .normal = r else { return r }
                r = try b(f)
                guard case .normal = r else { return r }
                return try c(f)
            }
        default:
            let execs = ContiguousArray(statements.map { ExecBox(run: stmt($0)) })
            return { f in
                for x in execs {
                    let r = try x.run(f)
                    if case .normal = r { continue }
                    return r
                }
                return .normal
            }
        }
    }

    func stmt(_ s: Stmt) -> Exec {
        switch s.kind {
        case .expression(let e):
            let eval = expr(e)
            return { f in _ = try eval(f); return .normal }
        case .declaration(_, let pattern, let type, let value):
            return declaration(pattern, type, value, s.span)
        case .assignment(let target, let op, let value):
            return assignment(target, op, value, s.span)
        case .function(let decl):
            let info = function(decl)
            let store = slot(decl.nameBinding)
            let captures = decl.capturesFrame
            return { f in
                store(f).pointee = .closure(Closure(info: info, captured: captures ? f : nil))
                return .normal
            }
        case .ifStatement(let conditions, let then, let other):
            if other == nil, then.count == 1, case .returnStatement(let value?) = then[0].kind {
                return conditionalReturn(conditions, value)
            }
            let test = conditionList(conditions)
            let thenExec = block(then)
            // `if let`/`guard let` rather than `Optional.map`: a closure made through a generic `map`
            // is called through two reabstraction thunks.
            guard let other else { return { f in try test(f) ? try thenExec(f) : .normal } }
            let elseExec = stmt(other)
            return { f in try test(f) ? try thenExec(f) : try elseExec(f) }
        case .guardStatement(let conditions, let body):
            let test = conditionList(conditions)
            let elseExec = block(body)
            return { f in try test(f) ? .normal : try elseExec(f) }
        case .whileLoop(let conditions, let body):
            let test = conditionList(conditions)
            let bodyExec = block(body)
            let rt = rt
            return { f in
                while try test(f) {
                    if let end = try loopPass(bodyExec, f, rt) { return end }
                }
                return .normal
            }
        case .repeatWhile(let body, let condition):
            let test = self.test(condition)
            let bodyExec = block(body)
            let rt = rt
            return { f in
                repeat {
                    if let end = try loopPass(bodyExec, f, rt) { return end }
                } while try test(f)
                return .normal
            }
        case .forIn(let pattern, let sequence, let filter, let body, let iteration):
            return forLoop(pattern, sequence, filter, body, iterationSlots: iteration.slotCount)
        case .breakStatement:
            return { _ in .breakLoop }
        case .continueStatement:
            return { _ in .continueLoop }
        case .returnStatement(let value):
            guard let value else { return { f in f.returnSlot.pointee = .null; return .returned } }
            let eval = expr(value)
            return { f in
                f.returnSlot.pointee = try eval(f)
                return .returned
            }
        case .switchStatement(let subject, let cases, let other):
            return switchStatement(subject, cases, other, s.span)
        case .block(let body), .declarations(let body):
            return block(body)
        case .timeMagic(let body, _):
            return timeMagic(body)
        case .magic(let name, let argument):
            let r = range(s.span)
            let handler = lineMagic
            return { _ in
                do { try handler(name, argument) } catch var e as LanguageError {
                    if e.location == nil { e.location = r }
                    throw e
                }
                return .normal
            }
        }
    }

    private func timeMagic(_ body: [Stmt]) -> Exec {
        var statements = body
        var last: Eval?
        if let l = statements.last, case .expression(let e) = l.kind {
            statements.removeLast()
            last = expr(e)
        }
        let run = block(statements)
        let rt = rt
        return { f in
            let start = DispatchTime.now().uptimeNanoseconds
            let flow = try run(f)
            let value = try last?(f)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rt.write("Wall time: \(TimeFormat.seconds(elapsed))\n", to: .output)
            if let value, !value.isNil { rt.write(Display.literal(value) + "\n", to: .output) }
            return flow
        }
    }

    private func declaration(_ pattern: Pattern, _ type: TypeRef?, _ value: Expr?, _ span: Span) -> Exec {
        let eval: Eval
        if let value { eval = expr(value) } else { eval = { _ in .null } }
        let r = range(value?.span ?? span)
        let convert: (Value) throws -> Value
        if let type {
            convert = { v in
                if v.isNil, value == nil { return v }
                guard let c = TypeCheck.coerce(v, type) else {
                    throw LanguageError("TypeError", "cannot assign a value of type \(v.typeName) to a declaration of type \(type)", at: r)
                }
                return c
            }
        } else {
            convert = { $0 }
        }
        if case .name(let d) = pattern {
            let store = slot(d.binding)
            if type == nil {
                return { f in
                    store(f).pointee = try eval(f)
                    return .normal
                }
            }
            return { f in
                store(f).pointee = try convert(try eval(f))
                return .normal
            }
        }
        let destructure = self.destructure(pattern, r)
        return { f in
            try destructure(f, try convert(try eval(f)))
            return .normal
        }
    }

    /// Binds a (possibly nested) tuple pattern: `let (a, (b, _)) = …`.
    func destructure(_ pattern: Pattern, _ r: SourceRange) -> (Frame, Value) throws -> Void {
        switch pattern {
        case .wildcard:
            return { _, _ in }
        case .name(let d):
            let store = slot(d.binding)
            return { f, v in store(f).pointee = v }
        case .tuple(let items):
            let parts = items.map { destructure($0, r) }
            return { f, v in
                let elements: [Value]
                switch v {
                case .tuple(let xs), .array(let xs): elements = xs
                default:
                    throw LanguageError("TypeError", "cannot destructure \(v.typeName) into a tuple of \(parts.count)", at: r)
                }
                guard elements.count == parts.count else {
                    throw LanguageError("TypeError", "cannot destructure a tuple of \(elements.count) into \(parts.count) names", at: r)
                }
                for (p, x) in zip(parts, elements) { try p(f, x) }
            }
        }
    }

    private func switchStatement(_ subject: Expr, _ cases: [SwitchCase], _ other: [Stmt]?, _ span: Span) -> Exec {
        let subjectEval = expr(subject)
        let compiled: [([CaseMatch], Exec)] = cases.map { c in (c.patterns.map(casePattern), block(c.body)) }
        var otherExec: Exec?
        if let other { otherExec = block(other) }
        // `break` inside a case leaves the switch, as in Swift.
        let run: (Exec, Frame) throws -> Flow = { body, f in
            let flow = try body(f)
            if case .breakLoop = flow { return .normal }
            return flow
        }
        return { f in
            let v = try subjectEval(f)
            for (patterns, body) in compiled {
                for p in patterns where try p(f, v) { return try run(body, f) }
            }
            if let otherExec { return try run(otherExec, f) }
            return .normal
        }
    }

    typealias CaseMatch = (Frame, Value) throws -> Bool

    /// Whether the subject matches one pattern (a range contains it, or it equals the value), binding
    /// it for `case let x`; then the pattern's `where` condition must hold.
    private func casePattern(_ p: CasePattern) -> CaseMatch {
        let match: CaseMatch
        switch p.kind {
        case .wildcard:
            match = { _, _ in true }
        case .binding(let d):
            let store = slot(d.binding)
            match = { f, v in
                store(f).pointee = v
                return true
            }
        case .value(let e):
            let eval = expr(e)
            match = { f, v in
                let pv = try eval(f)
                if case .range(let rg) = pv, case .int(let i) = v { return i >= rg.lower && i < rg.upperBound }
                return Operators.equal(v, pv)
            }
        }
        guard let guardCondition = p.guardCondition else { return match }
        let condition = test(guardCondition)
        return { f, v in try match(f, v) && condition(f) }
    }

    // MARK: functions

    func function(_ decl: FunctionDecl) -> FunctionInfo {
        let defaults = decl.params.map { $0.defaultValue.map(expr) }
        return FunctionInfo(decl: decl, source: source, defaults: defaults, body: functionBody(decl.body))
    }

    /// A function body as an expression: a final `return x` (or a lone expression, Swift's implicit
    /// return) gives its value directly; only earlier `return`s go through the frame's return slot.
    private func functionBody(_ statements: [Stmt]) -> Eval {
        if statements.count == 1, case .expression(let e) = statements[0].kind { return expr(e) }
        guard let last = statements.last, case .returnStatement(let value) = last.kind else {
            let run = block(statements)
            return { f in
                if case .returned = try run(f) { return f.takeReturnValue() }
                return .null
            }
        }
        let final: Eval
        if let value { final = expr(value) } else { final = { _ in .null } }
        if statements.count == 1 { return final }
        let before = block(Array(statements.dropLast()))
        return { f in
            if case .returned = try before(f) { return f.takeReturnValue() }
            return try final(f)
        }
    }
}

enum TimeFormat {
    static func seconds(_ s: Double) -> String {
        if s < 1e-3 { return String(format: "%.1f µs", s * 1e6) }
        if s < 1 { return String(format: "%.2f ms", s * 1e3) }
        return String(format: "%.2f s", s)
    }
}
