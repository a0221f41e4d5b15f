/// Expressions.
extension Compiler {
    func expr(_ e: Expr) -> Eval {
        let r = range(e.span)
        switch e.kind {
        case .literal(let v):
            return { _ in v }
        case .interpolation(let parts):
            return interpolation(parts)
        case .name(let ref):
            return read(ref)
        case .array(let items):
            let evals = ContiguousArray(items.map { EvalBox(run: expr($0)) })
            return { f in
                var out: [Value] = []
                out.reserveCapacity(evals.count)
                for x in evals { out.append(try x.run(f)) }
                return .array(out)
            }
        case .dictionary(let pairs):
            let evals = pairs.map { (expr($0.0), expr($0.1)) }
            return { f in
                var d = OrderedDictionary()
                for (k, v) in evals { d[try k(f)] = try v(f) }
                return .dictionary(d)
            }
        case .emptyArray:
            return { _ in .array([]) }
        case .emptyDictionary:
            return { _ in .dictionary(OrderedDictionary()) }
        case .tuple(let items):
            let evals = ContiguousArray(items.map { EvalBox(run: expr($0)) })
            return { f in .tuple(try evals.map { try $0.run(f) }) }
        case .unary(let op, let x):
            let eval = expr(x)
            if op == "!" {
                let t = test(x)
                return { f in .bool(!(try t(f))) }
            }
            return { f in
                let v = try eval(f)
                if op == "-", case .int(let i) = v, i != Int.min { return .int(-i) }
                do { return try Operators.unary(op, v) } catch { throw locate(error, r) }
            }
        case .binary(let op, let a, let b):
            return binary(op, a, b, r)
        case .ternary(let c, let a, let b):
            let t = test(c), ea = expr(a), eb = expr(b)
            return { f in try t(f) ? try ea(f) : try eb(f) }
        case .call(let callee, let args):
            return call(callee, args, r)
        case .member(let base, let name, let nameSpan):
            let eval = expr(base)
            let nr = range(nameSpan)
            let rt = rt
            return { f in
                let v = try eval(f)
                do { return try Members.get(v, name, rt) } catch { throw locate(error, nr) }
            }
        case .subscriptAccess(let base, let args):
            let eval = expr(base)
            let keys = args.map { expr($0.value) }
            let labels = args.map(\.label)
            return { f in
                let v = try eval(f)
                let k = try keys.map { try $0(f) }
                do { return try Subscripts.get(v, k, labels) } catch { throw locate(error, r) }
            }
        case .forceUnwrap(let x):
            let eval = expr(x)
            return { f in
                let v = try eval(f)
                if v.isNil {
                    throw LanguageError("ValueError", "unexpectedly found nil while unwrapping an optional value", at: r,
                                        hints: ["use `if let`, `guard let` or `??` to handle nil"])
                }
                return v
            }
        case .optionalProbe(let x):
            let eval = expr(x)
            return { f in
                let v = try eval(f)
                if v.isNil { throw ChainNil() }
                return v
            }
        case .optionalChain(let x):
            let eval = expr(x)
            return { f in
                do { return try eval(f) } catch is ChainNil { return .null }
            }
        case .closure(let decl):
            let info = function(decl)
            let captures = decl.capturesFrame
            return { f in .closure(Closure(info: info, captured: captures ? f : nil)) }
        case .operatorFunction(let op):
            let fn = NativeFunction(op, [.positional("lhs"), .positional("rhs")], doc: "The `\(op)` operator as a function.") { args in
                try Operators.binary(op, args[0], args[1])
            }
            return { _ in .native(fn) }
        case .wildcard:
            return { _ in throw LanguageError("SyntaxError", "`_` is not a value", at: r) }
        case .cast(let x, let kind, let type):
            return cast(expr(x), kind, type, r)
        }
    }

    /// Builds the string in one buffer: literal text is appended as is, values as `print` shows them.
    private func interpolation(_ parts: [InterpolationPart]) -> Eval {
        enum Piece {
            case text(String)
            case value(Eval)
        }
        let pieces = ContiguousArray(parts.map { part -> Piece in
            switch part {
            case .text(let t): return .text(t)
            case .expr(let x): return .value(expr(x))
            }
        })
        let estimate = parts.reduce(0) { n, part in
            if case .text(let t) = part { return n + t.utf8.count }
            return n + 8
        }
        return { f in
            var s = ""
            // Up to 15 UTF-8 bytes live inline in the String; reserving would allocate.
            if estimate > 15 { s.reserveCapacity(estimate) }
            for piece in pieces {
                switch piece {
                case .text(let t): s += t
                case .value(let eval):
                    switch try eval(f) {
                    case .string(let t): s += t
                    case .int(let i): s += String(i)
                    case let v: s += Display.description(v)
                    }
                }
            }
            return .string(s)
        }
    }

    private func cast(_ eval: @escaping Eval, _ kind: CastKind, _ type: TypeRef, _ r: SourceRange) -> Eval {
        switch kind {
        case .test:
            return { f in .bool(TypeCheck.coerce(try eval(f), type, convertingInts: false) != nil) }
        case .optional:
            return { f in TypeCheck.coerce(try eval(f), type, convertingInts: false) ?? .null }
        case .forced:
            return { f in
                let v = try eval(f)
                guard let c = TypeCheck.coerce(v, type, convertingInts: false) else {
                    throw LanguageError("TypeError", "could not cast a value of type \(v.typeName) to \(type)", at: r,
                                        hints: ["use `as?` to get nil instead, or check first with `is`"])
                }
                return c
            }
        }
    }

    private func binary(_ op: String, _ a: Expr, _ b: Expr, _ r: SourceRange) -> Eval {
        switch op {
        case "&&", "||", "<", "<=", ">", ">=", "==", "!=":
            let t = test(Expr(kind: .binary(op, a, b), span: Span(start: r.start, end: r.end)))
            return { f in .bool(try t(f)) }
        case "??":
            let ea = expr(a), eb = expr(b)
            return { f in
                let v = try ea(f)
                return v.isNil ? try eb(f) : v
            }
        default:
            break
        }
        let r2 = r
        switch op {
        case "+": return arithmetic(AddOp.self, a, b, r2)
        case "-": return arithmetic(SubtractOp.self, a, b, r2)
        case "*": return arithmetic(MultiplyOp.self, a, b, r2)
        case "/": return arithmetic(DivideOp.self, a, b, r2)
        case "%": return arithmetic(RemainderOp.self, a, b, r2)
        default:
            let ea = expr(a), eb = expr(b)
            let f = Operators.function(op)
            return { fr in
                let x = try ea(fr), y = try eb(fr)
                do { return try f(x, y) } catch { throw locate(error, r2) }
            }
        }
    }

    /// An arithmetic operator specialised for its operator type, so the Int fast path is inlined
    /// (no operator dispatch per evaluation); overflow, division by zero and other types take the slow path.
    private func arithmetic<Op: IntOperator>(_: Op.Type, _ a: Expr, _ b: Expr, _ r: SourceRange) -> Eval {
        let slow: (Value, Value) throws -> Value = { x, y in
            do { return try Op.slow(x, y) } catch { throw locate(error, r) }
        }
        if case .literal(.int(let k)) = b.kind {
            if case .name(let ref) = a.kind, case .local(0, let i)? = ref.binding {
                return { f in
                    if case .int(let x) = f.slots[i], let v = Op.apply(x, k) { return .int(v) }
                    return try slow(f.slots[i], .int(k))
                }
            }
            let ea = expr(a)
            return { f in
                let x = try ea(f)
                if case .int(let xi) = x, let v = Op.apply(xi, k) { return .int(v) }
                return try slow(x, .int(k))
            }
        }
        let ea = expr(a), eb = expr(b)
        return { f in
            let x = try ea(f), y = try eb(f)
            if case .int(let xi) = x, case .int(let yi) = y, let v = Op.apply(xi, yi) { return .int(v) }
            return try slow(x, y)
        }
    }
}
