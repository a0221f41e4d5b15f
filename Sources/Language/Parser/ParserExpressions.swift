/// Binary operators by Swift precedence group (higher binds tighter).
enum Precedence {
    static let table: [String: (level: Int, rightAssociative: Bool, nonAssociative: Bool)] = [
        "||": (1, false, false),
        "&&": (2, false, false),
        "==": (3, false, true), "!=": (3, false, true), "<": (3, false, true), "<=": (3, false, true),
        ">": (3, false, true), ">=": (3, false, true),
        "??": (4, true, false),
        "..<": (6, false, true), "...": (6, false, true),
        "+": (7, false, false), "-": (7, false, false), "|": (7, false, false), "^": (7, false, false),
        "*": (8, false, false), "/": (8, false, false), "%": (8, false, false), "&": (8, false, false),
        "<<": (9, false, false), ">>": (9, false, false),
    ]
    /// `is`, `as?`, `as!`: between `??` and the range operators, as in Swift.
    static let casting = 5
}

extension Parser {
    mutating func expression() throws -> Expr {
        try nest()
        defer { depth -= 1 }
        let condition = try binary(minLevel: 1)
        // Ternary: `?` must be separated by whitespace (otherwise it is optional chaining).
        if current.isSymbol("?") && current.spaceBefore {
            p += 1
            let then = try expression()
            try expect(":", "in the ternary expression `condition ? a : b`")
            let otherwise = try expression()
            return Expr(kind: .ternary(condition, then, otherwise), span: Span(start: condition.span.start, end: otherwise.span.end))
        }
        return condition
    }

    mutating func binary(minLevel: Int) throws -> Expr {
        var left = try unary()
        while true {
            if Precedence.casting >= minLevel, let cast = try castOperator() {
                let type = try typeRef()
                left = Expr(kind: .cast(left, cast, type), span: Span(start: left.span.start, end: previousEnd))
                continue
            }
            guard case .symbol(let op) = current.kind, let info = Precedence.table[op], info.level >= minLevel else { break }
            p += 1
            let right = try binary(minLevel: info.rightAssociative ? info.level : info.level + 1)
            left = Expr(kind: .binary(op, left, right), span: Span(start: left.span.start, end: right.span.end))
            if info.nonAssociative, case .symbol(let next) = current.kind, let nextInfo = Precedence.table[next], nextInfo.level == info.level {
                throw fail(at: current, "`\(op)` and `\(next)` cannot be chained; add parentheses")
            }
        }
        return left
    }

    /// `is`, `as?` or `as!` on the same line as the value (they are not reserved, so a name on the
    /// next line starts a new statement).
    private mutating func castOperator() throws -> CastKind? {
        guard !current.newlineBefore, let word = current.identifier, word == "is" || word == "as" else { return nil }
        let t = advance()
        if word == "is" { return .test }
        if !current.spaceBefore, accept("?") { return .optional }
        if !current.spaceBefore, accept("!") { return .forced }
        throw fail(at: t, "`as` needs `?` or `!` here: write `as?` for an optional result or `as!` to require the type",
                   hints: ["Propel is dynamically typed; `as` alone never converts a value"])
    }

    mutating func unary() throws -> Expr {
        if case .symbol(let op) = current.kind, op == "-" || op == "!" || op == "+" || op == "~",
           !peekToken().isSymbol(")") && !peekToken().isSymbol(",") {
            let t = advance()
            try nest()
            defer { depth -= 1 }
            let operand = try unary()
            if op == "-", case .literal(.int(let v)) = operand.kind, operand.span.start == t.end {
                return Expr(kind: .literal(.int(-v)), span: Span(start: t.start, end: operand.span.end))
            }
            if op == "-", case .literal(.double(let v)) = operand.kind, operand.span.start == t.end {
                return Expr(kind: .literal(.double(-v)), span: Span(start: t.start, end: operand.span.end))
            }
            return Expr(kind: .unary(op, operand), span: Span(start: t.start, end: operand.span.end))
        }
        return try postfix()
    }

    mutating func postfix() throws -> Expr {
        var e = try primary()
        var chained = false
        while true {
            let t = current
            if t.isSymbol("(") && !t.newlineBefore {
                p += 1
                let args = try argumentList(closing: ")")
                e = Expr(kind: .call(e, args), span: Span(start: e.span.start, end: previousEnd))
                e = try trailingClosure(e)
            } else if t.isSymbol("[") && !t.newlineBefore && !t.spaceBefore {
                p += 1
                let args = try argumentList(closing: "]")
                if args.isEmpty { throw fail(at: tokens[p - 1], "a subscript needs an index: `value[i]`") }
                e = Expr(kind: .subscriptAccess(e, args), span: Span(start: e.span.start, end: previousEnd))
            } else if t.isSymbol(".") || t.isSymbol("?.") {
                p += 1
                if t.isSymbol("?.") {
                    chained = true
                    e = Expr(kind: .optionalProbe(e), span: e.span)
                }
                let nameToken = current
                let name: String
                switch nameToken.kind {
                case .identifier(let n): name = n
                case .integer(let n): name = String(n)
                case .keyword(let k): name = k.rawValue
                default: throw fail(at: nameToken, "expected a member name after `.`")
                }
                p += 1
                e = Expr(kind: .member(e, name, Span(start: nameToken.start, end: nameToken.end)), span: Span(start: e.span.start, end: nameToken.end))
            } else if t.isSymbol("!") && !t.spaceBefore {
                p += 1
                e = Expr(kind: .forceUnwrap(e), span: Span(start: e.span.start, end: t.end))
            } else if t.isSymbol("{") && !t.newlineBefore && !noTrailingClosure && isCallable(e) {
                e = try trailingClosure(Expr(kind: .call(e, []), span: e.span))
            } else {
                break
            }
        }
        return chained ? Expr(kind: .optionalChain(e), span: e.span) : e
    }

    func isCallable(_ e: Expr) -> Bool {
        switch e.kind {
        case .name, .member: return true
        default: return false
        }
    }

    /// `f(x) { … }` and `xs.map { … }`: a closure right after a call becomes its last argument.
    mutating func trailingClosure(_ call: Expr) throws -> Expr {
        guard current.isSymbol("{"), !current.newlineBefore, !noTrailingClosure, case .call(let callee, var args) = call.kind else { return call }
        let closure = try closureExpression()
        args.append(Argument(label: nil, value: closure, span: closure.span))
        return Expr(kind: .call(callee, args), span: Span(start: call.span.start, end: closure.span.end))
    }

    mutating func argumentList(closing: String) throws -> [Argument] {
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        var args: [Argument] = []
        while !current.isSymbol(closing) {
            let start = current.start
            var label: String?
            if peekToken().isSymbol(":") {
                switch current.kind {
                case .identifier(let n): label = n; p += 2
                case .keyword(let k): label = k.rawValue; p += 2
                default: break
                }
            }
            let value = try expression()
            args.append(Argument(label: label, value: value, span: Span(start: start, end: value.span.end)))
            if !accept(",") { break }
        }
        try expect(closing, closing == ")" ? "to close the argument list" : "to close the subscript")
        return args
    }

    mutating func primary() throws -> Expr {
        let t = current
        let span = Span(start: t.start, end: t.end)
        switch t.kind {
        case .integer(let v): p += 1; return Expr(kind: .literal(.int(v)), span: span)
        case .double(let v): p += 1; return Expr(kind: .literal(.double(v)), span: span)
        case .keyword(.true): p += 1; return Expr(kind: .literal(.bool(true)), span: span)
        case .keyword(.false): p += 1; return Expr(kind: .literal(.bool(false)), span: span)
        case .keyword(.nil): p += 1; return Expr(kind: .literal(.null), span: span)
        case .string(let parts):
            p += 1
            return try stringLiteral(parts, span)
        case .identifier(let name):
            p += 1
            if name == "_" { return Expr(kind: .wildcard, span: span) }
            return Expr(kind: .name(NameRef(name, span)), span: span)
        case .dollar(let n):
            p += 1
            return Expr(kind: .name(NameRef("$\(n)", span)), span: span)
        case .symbol("("):
            p += 1
            return try parenthesized(start: t.start)
        case .symbol("["):
            return try collectionLiteral()
        case .symbol("{"):
            return try closureExpression()
        case .symbol(let op) where Precedence.table[op] != nil && (peekToken().isSymbol(")") || peekToken().isSymbol(",")):
            p += 1
            return Expr(kind: .operatorFunction(op), span: span)
        case .keyword(let k):
            throw fail(at: t, "expected an expression, found keyword `\(k.rawValue)`")
        case .magic:
            throw fail(at: t, "magics like `%\(source.text(t.start + 1, t.end).prefix { $0 != " " })` must start a line")
        case .end:
            throw fail(at: t, "expected an expression")
        default:
            throw fail(at: t, "expected an expression, found \(describe(t))")
        }
    }

    mutating func stringLiteral(_ parts: [StringPart], _ span: Span) throws -> Expr {
        if parts.count == 1, case .text(let text) = parts[0] { return Expr(kind: .literal(.string(text)), span: span) }
        var pieces: [InterpolationPart] = []
        for part in parts {
            switch part {
            case .text(let text): pieces.append(.text(text))
            case .code(let start, let end):
                var sub = Parser(source: source, start: start, end: end)
                sub.depth = depth
                if sub.current.isEnd {
                    fail(at: Token(kind: .end, start: start - 2, end: end + 1, newlineBefore: false, spaceBefore: false), "empty interpolation `\\()`")
                    continue
                }
                if let e = try? sub.expression(), sub.current.isEnd, sub.errors.isEmpty {
                    pieces.append(.expr(e))
                } else {
                    if sub.errors.isEmpty { _ = sub.fail(at: sub.current, "unexpected \(sub.describe(sub.current)) in interpolation") }
                    errors += sub.errors
                }
            }
        }
        return Expr(kind: .interpolation(pieces), span: span)
    }

    mutating func parenthesized(start: Int) throws -> Expr {
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        if accept(")") { return Expr(kind: .tuple([]), span: Span(start: start, end: previousEnd)) }
        var items: [Expr] = []
        repeat {
            if peekToken().isSymbol(":"), current.identifier != nil { p += 2 }   // tuple labels are accepted and ignored
            items.append(try expression())
        } while accept(",") && !current.isSymbol(")")
        try expect(")", "to close the parenthesis")
        let span = Span(start: start, end: previousEnd)
        if items.count == 1 { return Expr(kind: items[0].kind, span: span) }
        return Expr(kind: .tuple(items), span: span)
    }

    mutating func collectionLiteral() throws -> Expr {
        let start = current.start
        // `[Int]()` and `[String: Int]()`: an empty collection of a declared type.
        let saved = p
        let errorCount = errors.count
        p += 1
        if let element = try? typeRef() {
            var dictValue: TypeRef?
            if accept(":"), let v = try? typeRef() { dictValue = v }
            if accept("]"), current.isSymbol("("), peekToken().isSymbol(")") {
                p += 2
                let span = Span(start: start, end: previousEnd)
                errors.removeSubrange(errorCount...)
                if let dictValue { return Expr(kind: .emptyDictionary(element, dictValue), span: span) }
                return Expr(kind: .emptyArray(element), span: span)
            }
        }
        errors.removeSubrange(errorCount...)
        p = saved + 1
        let saveClosure = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saveClosure }
        if accept("]") { return Expr(kind: .array([]), span: Span(start: start, end: previousEnd)) }
        if current.isSymbol(":") && peekToken().isSymbol("]") {
            p += 2
            return Expr(kind: .dictionary([]), span: Span(start: start, end: previousEnd))
        }
        let first = try expression()
        if accept(":") {
            var pairs = [(first, try expression())]
            while accept(",") && !current.isSymbol("]") {
                let k = try expression()
                try expect(":", "between a dictionary key and its value")
                pairs.append((k, try expression()))
            }
            try expect("]", "to close the dictionary literal")
            return Expr(kind: .dictionary(pairs), span: Span(start: start, end: previousEnd))
        }
        var items = [first]
        while accept(",") && !current.isSymbol("]") { items.append(try expression()) }
        try expect("]", "to close the array literal")
        return Expr(kind: .array(items), span: Span(start: start, end: previousEnd))
    }

    /// `{ x in x * 2 }`, `{ (a, b) in a + b }`, `{ $0 + 1 }`.
    mutating func closureExpression() throws -> Expr {
        let open = advance()
        try nest()
        defer { depth -= 1 }
        let params = closureParameters() ?? []
        var statements: [Stmt] = []
        while !current.isSymbol("}") {
            if current.isEnd { throw fail(at: open, "missing `}` to close this closure") }
            if accept(";") { continue }
            if let s = statementRecovering() { statements.append(s) }
        }
        p += 1
        let span = Span(start: open.start, end: previousEnd)
        let decl = FunctionDecl(name: "closure", params: params, returnType: nil, body: statements, doc: nil, span: span, isClosure: true)
        return Expr(kind: .closure(decl), span: span)
    }

    /// Parses `a, b in` / `(a: Int, b) -> Int in`; returns nil (consuming nothing) if the closure has no
    /// parameter clause.
    mutating func closureParameters() -> [ParamDecl]? {
        let saved = p
        let errorCount = errors.count
        var params: [ParamDecl] = []
        func restore(_ parser: inout Parser) -> [ParamDecl]? {
            parser.p = saved
            parser.errors.removeSubrange(errorCount...)
            return nil
        }
        if accept("(") {
            while !current.isSymbol(")") {
                guard let name = current.identifier else { return restore(&self) }
                let t = advance()
                var type: TypeRef?
                if accept(":") { guard let ty = try? typeRef() else { return restore(&self) }; type = ty }
                params.append(ParamDecl(label: nil, decl: Decl(name, Span(start: t.start, end: t.end), isLet: true), type: type, defaultValue: nil, variadic: false))
                if !accept(",") { break }
            }
            guard accept(")") else { return restore(&self) }
            if accept("->") { guard (try? typeRef()) != nil else { return restore(&self) } }
        } else {
            while let name = current.identifier {
                let t = advance()
                params.append(ParamDecl(label: nil, decl: Decl(name, Span(start: t.start, end: t.end), isLet: true), type: nil, defaultValue: nil, variadic: false))
                if !accept(",") { break }
            }
        }
        guard acceptKeyword(.in) else { return restore(&self) }
        return params
    }
}
