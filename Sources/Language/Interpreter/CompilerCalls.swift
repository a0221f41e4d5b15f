/// Calls, method calls (including in-place mutation such as `xs.append(1)`), and assignment.
extension Compiler {
    func call(_ callee: Expr, _ args: [Argument], _ r: SourceRange) -> Eval {
        let labels = args.map(\.label)
        let argEvals = ContiguousArray(args.map { EvalBox(run: expr($0.value)) })
        let count = argEvals.count
        let rt = rt
        if case .member(let base, let name, let nameSpan) = callee.kind {
            return methodCall(base, name, range(nameSpan), labels, argEvals, r)
        }
        let calleeEval = expr(callee)
        let labelsID = LabelTable.id(labels)
        let buffer = ArgumentBuffer(capacity: count)
        /// A library function whose labels match the call site's needs no argument matching.
        let direct: (NativeFunction, Frame) throws -> Value = { fn, f in
            var values = buffer.take()
            defer { buffer.giveBack(&values) }
            for a in argEvals { values.append(try a.run(f)) }
            do { return try fn.body(Arguments(values: values, function: fn, context: rt)) } catch { throw locate(error, r) }
        }
        // A builtin (`String(x)`, `print(…)`) is known when compiling: its labels are checked once, here.
        if case .name(let ref) = callee.kind, case .builtin(let index)? = ref.binding, case .native(let fn) = rt.builtins[index], fn.takesDirectly(labelsID) {
            if let unary = fn.unaryBody {
                let a0 = argEvals[0].run
                return { f in
                    let v = try a0(f)
                    do { return try unary(v) } catch { throw locate(error, r) }
                }
            }
            return { f in try direct(fn, f) }
        }
        let generic: (Value, Frame) throws -> Value = { target, f in
            if case .native(let fn) = target, fn.takesDirectly(labelsID) { return try direct(fn, f) }
            var values = buffer.take()
            defer { buffer.giveBack(&values) }
            for a in argEvals { values.append(try a.run(f)) }
            do { return try rt.call(target, values, labels: labels, site: r) } catch { throw locate(error, r) }
        }
        // User functions whose labels match the call site fill the new frame directly.
        switch count {
        case 1: return userCall(OneArgument(argEvals), callee, calleeEval, labelsID, generic, r)
        case 2: return userCall(TwoArguments(argEvals), callee, calleeEval, labelsID, generic, r)
        default: return userCall(ArgumentList(argEvals), callee, calleeEval, labelsID, generic, r)
        }
    }

    /// A call that, when the callee is a user function taking these labels, stores the arguments
    /// straight into its new frame. A callee named by a global (the usual `f(x)`) is read in place.
    private func userCall<A: ArgumentFill>(_ args: A, _ callee: Expr, _ calleeEval: @escaping Eval, _ labelsID: Int,
                                           _ generic: @escaping (Value, Frame) throws -> Value, _ r: SourceRange) -> Eval {
        let rt = rt
        if case .name(let ref) = callee.kind, case .global(let i)? = ref.binding {
            let p = rt.globals.storage.values + i
            let known = KnownCallee()
            return { f in
                if let c = known.closure, p.pointee.holds(c) {
                    do {
                        return try c._withUnsafeGuaranteedRef { c in try rt.invoke(c, site: r) { slots in try args.fill(slots, f) } }
                    } catch { throw locate(error, r) }
                }
                guard case .closure(let c) = p.pointee, c.info.labelsID == labelsID else { return try generic(p.pointee, f) }
                known.keep(c)
                do { return try rt.invoke(c, site: r) { slots in try args.fill(slots, f) } } catch { throw locate(error, r) }
            }
        }
        return { f in
            let target = try calleeEval(f)
            guard case .closure(let c) = target, c.info.labelsID == labelsID else { return try generic(target, f) }
            do { return try rt.invoke(c, site: r) { slots in try args.fill(slots, f) } } catch { throw locate(error, r) }
        }
    }

    private func methodCall(_ base: Expr, _ name: String, _ nameRange: SourceRange, _ labels: [String?], _ argEvals: ContiguousArray<EvalBox>, _ r: SourceRange) -> Eval {
        let rt = rt
        let site = Methods.MethodSite(name)
        if name == "append", labels == [nil], case .name(let ref) = base.kind, !ref.isConstant, let binding = ref.binding, binding.isVariable {
            // `xs.append(x)` on a variable: the commonest mutation, done in the slot without any dispatch.
            let a0 = argEvals[0].run
            let p = slot(binding)
            return { f in
                let v = try a0(f)
                let target = p(f)
                if InPlace.append(element: v, to: target) { return .null }
                do { _ = try Methods.call(&target.pointee, site, [v], labels, rt, mutable: true) } catch { throw locate(error, r) }
                return .null
            }
        }
        if name == "append", labels == [nil], let modify = modifier(base, forMutation: name) {
            // `xs[i].append(x)` and the like: in place through the modifier.
            let a0 = argEvals[0].run
            return { f in
                let v = try a0(f)
                do {
                    try modify(f) { slot in
                        if !withUnsafeMutablePointer(to: &slot, { InPlace.append(element: v, to: $0) }) {
                            _ = try Methods.call(&slot, site, [v], labels, rt, mutable: true)
                        }
                    }
                } catch { throw locate(error, r) }
                return .null
            }
        }
        if Methods.mutating.contains(name), let modify = modifier(base, forMutation: name) {
            return { f in
                var values: [Value] = []
                values.reserveCapacity(argEvals.count)
                for a in argEvals { values.append(try a.run(f)) }
                var result = Value.null
                do {
                    try modify(f) { v in result = try Methods.call(&v, site, values, labels, rt, mutable: true) }
                } catch { throw locate(error, r) }
                return result
            }
        }
        let baseEval = expr(base)
        return { f in
            var receiver = try baseEval(f)
            var values: [Value] = []
            values.reserveCapacity(argEvals.count)
            for a in argEvals { values.append(try a.run(f)) }
            do { return try Methods.call(&receiver, site, values, labels, rt, mutable: false) } catch { throw locate(error, r) }
        }
    }

    // MARK: assignment

    typealias Modifier = (Frame, (inout Value) throws -> Void) throws -> Void

    /// Gives in-place access to the storage an lvalue names (`x`, `x[i][j]`, `t.0`), or nil when the
    /// expression is not assignable. Values are moved out of their slot while modified so arrays and
    /// strings stay uniquely referenced and grow in place.
    func modifier(_ e: Expr, forMutation method: String? = nil) -> Modifier? {
        switch e.kind {
        case .name(let ref):
            guard case .global? = ref.binding ?? nil else {
                if case .local? = ref.binding {
                    if ref.isConstant, let method { return constantMutation(ref, method, e.span) }
                    let p = slot(ref.binding)
                    return { f, m in try m(&p(f).pointee) }
                }
                return nil
            }
            if ref.isConstant, let method { return constantMutation(ref, method, e.span) }
            let p = slot(ref.binding)
            return { f, m in try m(&p(f).pointee) }
        case .subscriptAccess(let base, let args):
            guard let baseModifier = modifier(base, forMutation: method.map { _ in "subscript" }) else { return nil }
            let keys = args.map { expr($0.value) }
            let labels = args.map(\.label)
            let r = range(e.span)
            return { f, m in
                let k = try keys.map { try $0(f) }
                try baseModifier(f) { container in
                    do { try Subscripts.modify(&container, k, labels, m) } catch { throw locate(error, r) }
                }
            }
        case .member(let base, let name, let nameSpan):
            guard let index = Int(name), let baseModifier = modifier(base, forMutation: method.map { _ in "member" }) else { return nil }
            let r = range(nameSpan)
            return { f, m in
                try baseModifier(f) { container in
                    guard case .tuple(var items) = container, index < items.count else {
                        throw LanguageError("TypeError", "\(container.typeName) has no element .\(index)", at: r)
                    }
                    container = .null
                    defer { container = .tuple(items) }
                    try m(&items[index])
                }
            }
        case .forceUnwrap(let inner):
            guard let innerModifier = modifier(inner, forMutation: method) else { return nil }
            let r = range(e.span)
            return { f, m in
                try innerModifier(f) { v in
                    if v.isNil { throw LanguageError("ValueError", "unexpectedly found nil while unwrapping an optional value", at: r) }
                    try m(&v)
                }
            }
        case .wildcard:
            return { _, m in
                var scratch = Value.null
                try m(&scratch)
            }
        default:
            return nil
        }
    }

    /// A mutating method on a `let`: allowed for values that are not Swift value types (host objects),
    /// an error otherwise.
    private func constantMutation(_ ref: NameRef, _ method: String, _ span: Span) -> Modifier {
        let read = self.read(ref)
        let r = range(span)
        return { f, m in
            var v = try read(f)
            switch v {
            case .array, .dictionary, .string, .tuple:
                let what = method == "subscript" ? "cannot assign through subscript" : method == "member" ? "cannot assign to a member" : "cannot use mutating member `\(method)`"
                throw LanguageError("TypeError", "\(what) on immutable value: `\(ref.name)` is a `let` constant", at: r,
                                    hints: ["change `let` to `var` to make it mutable"])
            default:
                try m(&v)
            }
        }
    }

    func assignment(_ target: Expr, _ op: String, _ value: Expr, _ span: Span) -> Exec {
        let valueEval = expr(value)
        let r = range(span)
        let rt = rt
        _ = rt
        guard let modify = modifier(target) else {
            return { _ in throw LanguageError("SyntaxError", "cannot assign to this expression", at: r) }
        }
        if op == "=" {
            if case .name(let ref) = target.kind, ref.binding != nil {
                let p = slot(ref.binding)
                return { f in
                    let v = try valueEval(f)
                    p(f).pointee = v
                    return .normal
                }
            }
            return { f in
                let v = try valueEval(f)
                try modify(f) { $0 = v }
                return .normal
            }
        }
        let binaryOp = String(op.dropLast())
        let isAddition = binaryOp == "+"
        let apply: (inout Value, Value) throws -> Void = { current, rhs in
            if isAddition {
                if case .int(let a) = current, case .int(let b) = rhs {
                    let (s, o) = a.addingReportingOverflow(b)
                    if o { throw Operators.overflow("+", a, b) }
                    current = .int(s)
                    return
                }
                if withUnsafeMutablePointer(to: &current, { InPlace.append(rhs, to: $0) }) { return }
            }
            current = try Operators.binary(binaryOp, current, rhs)
        }
        if case .name(let ref) = target.kind, ref.binding != nil {
            // `total += x` on a variable: update the slot directly, Ints without any dispatch.
            let p = slot(ref.binding)
            return { f in
                let rhs = try valueEval(f)
                let ptr = p(f)
                if isAddition {
                    if case .int(let a) = ptr.pointee, case .int(let b) = rhs, let s = AddOp.apply(a, b) {
                        ptr.pointee = .int(s)
                        return .normal
                    }
                    if InPlace.append(rhs, to: ptr) { return .normal }
                }
                do { try apply(&ptr.pointee, rhs) } catch { throw locate(error, r) }
                return .normal
            }
        }
        return { f in
            let rhs = try valueEval(f)
            do { try modify(f) { try apply(&$0, rhs) } } catch { throw locate(error, r) }
            return .normal
        }
    }
}
