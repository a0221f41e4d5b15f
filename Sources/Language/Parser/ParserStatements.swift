extension Parser {
    mutating func statement() throws -> Stmt {
        let t = current
        let start = t.start
        func done(_ kind: StmtKind) -> Stmt { Stmt(kind: kind, span: Span(start: start, end: previousEnd)) }
        switch t.kind {
        case .keyword(.let), .keyword(.var):
            p += 1
            var list = [done(try declaration(isLet: t.isKeyword(.let)))]
            while accept(",") {
                let s = current.start
                let d = try declaration(isLet: t.isKeyword(.let))
                list.append(Stmt(kind: d, span: Span(start: s, end: previousEnd)))
            }
            return list.count == 1 ? list[0] : done(.declarations(list))
        case .keyword(.func):
            p += 1
            return done(.function(try functionDeclaration(doc: t.doc, start: start)))
        case .keyword(.if):
            p += 1
            return try ifStatement(start: start)
        case .keyword(.guard):
            p += 1
            let conditions = try conditionList()
            guard acceptKeyword(.else) else { throw fail(at: current, "expected `else` after `guard` condition") }
            let body = try block("for the `guard … else` body")
            return done(.guardStatement(conditions, body))
        case .keyword(.while):
            p += 1
            let conditions = try conditionList()
            return done(.whileLoop(conditions, try block("for the `while` body")))
        case .keyword(.repeat):
            p += 1
            let body = try block("for the `repeat` body")
            guard acceptKeyword(.while) else { throw fail(at: current, "expected `while` after `repeat { … }`") }
            return done(.repeatWhile(body, try expression()))
        case .keyword(.for):
            p += 1
            return done(try forStatement())
        case .keyword(.break):
            p += 1
            return done(.breakStatement)
        case .keyword(.continue):
            p += 1
            return done(.continueStatement)
        case .keyword(.return):
            p += 1
            if current.newlineBefore || current.isSymbol("}") || current.isSymbol(";") || current.isEnd {
                return done(.returnStatement(nil))
            }
            return done(.returnStatement(try expression()))
        case .keyword(.switch):
            p += 1
            return try switchStatement(start: start)
        case .magic(let name, let argument, let argumentStart):
            p += 1
            if name == "time" {
                var sub = Parser(source: source, start: argumentStart, end: argumentStart + argument.unicodeScalars.count)
                let body = sub.parseProgram()
                errors += sub.errors
                if !sub.errors.isEmpty { throw Failure() }
                if body.isEmpty { throw fail(at: t, "`%time` needs a statement to time, e.g. `%time fib(20)`") }
                return done(.timeMagic(body, argument))
            }
            return done(.magic(name, argument))
        case .symbol("{"):
            throw fail(at: t, "a bare `{ … }` block is not a statement", hints: ["a closure must be assigned or called; use `if true { … }` for a scope"])
        default:
            let target = try expression()
            if case .symbol(let op) = current.kind, ["=", "+=", "-=", "*=", "/=", "%="].contains(op) {
                p += 1
                let value = try expression()
                return done(.assignment(target, op, value))
            }
            return done(.expression(target))
        }
    }

    mutating func declaration(isLet: Bool) throws -> StmtKind {
        let pattern = try bindingPattern(isLet: isLet)
        var type: TypeRef?
        if accept(":") { type = try typeRef() }
        var value: Expr?
        if accept("=") { value = try expression() }
        if value == nil {
            if case .tuple = pattern { throw fail(at: current, "a tuple pattern needs a value: `let (a, b) = pair`") }
            if isLet && type == nil { throw fail(at: current, "`let` needs a value: `let name = …`") }
        }
        return .declaration(isLet: isLet, pattern, type, value)
    }

    mutating func bindingPattern(isLet: Bool) throws -> Pattern {
        if current.isSymbol("(") {
            p += 1
            var items: [Pattern] = []
            while !current.isSymbol(")") {
                items.append(try bindingPattern(isLet: isLet))
                if !accept(",") { break }
            }
            try expect(")", "to close the tuple pattern")
            return .tuple(items)
        }
        if current.identifier == "_" {
            let t = advance()
            return .wildcard(Span(start: t.start, end: t.end))
        }
        let (name, span) = try expectIdentifier("to declare")
        return .name(Decl(name, span, isLet: isLet))
    }

    mutating func block(_ context: String) throws -> [Stmt] {
        try nest()
        defer { depth -= 1 }
        guard current.isSymbol("{") else { throw fail(at: current, "expected `{` \(context)") }
        let open = advance()
        var statements: [Stmt] = []
        while !current.isSymbol("}") {
            if current.isEnd {
                throw fail(at: open, "missing `}` to close this `{`")
            }
            if accept(";") { continue }
            if let s = statementRecovering() { statements.append(s) }
        }
        p += 1
        return statements
    }

    mutating func conditionList() throws -> [Condition] {
        let saved = noTrailingClosure
        noTrailingClosure = true
        defer { noTrailingClosure = saved }
        var conditions: [Condition] = []
        repeat {
            if current.isKeyword(.let) || current.isKeyword(.var) {
                let isLet = advance().isKeyword(.let)
                let (name, span) = try expectIdentifier("to bind the optional's value")
                let decl = Decl(name, span, isLet: isLet)
                if accept("=") {
                    conditions.append(.binding(decl, try expression()))
                } else {
                    conditions.append(.binding(decl, Expr(kind: .name(NameRef(name, span)), span: span)))
                }
            } else {
                conditions.append(.expr(try expression()))
            }
        } while accept(",")
        return conditions
    }

    mutating func ifStatement(start: Int) throws -> Stmt {
        let conditions = try conditionList()
        let then = try block("after the `if` condition")
        var elseBranch: Stmt?
        if current.isKeyword(.else) {
            p += 1
            if current.isKeyword(.if) {
                let s = current.start
                p += 1
                elseBranch = try ifStatement(start: s)
            } else {
                let s = current.start
                let body = try block("after `else`")
                elseBranch = Stmt(kind: .block(body), span: Span(start: s, end: previousEnd))
            }
        }
        return Stmt(kind: .ifStatement(conditions, then, elseBranch), span: Span(start: start, end: previousEnd))
    }

    mutating func forStatement() throws -> StmtKind {
        let pattern = try bindingPattern(isLet: true)
        guard acceptKeyword(.in) else { throw fail(at: current, "expected `in` after the `for` pattern", hints: ["for item in items { … }"]) }
        let saved = noTrailingClosure
        noTrailingClosure = true
        let sequence = try expression()
        var filter: Expr?
        if acceptKeyword(.where) { filter = try expression() }
        noTrailingClosure = saved
        return .forIn(pattern, sequence, filter, try block("for the `for` body"), IterationScope())
    }

    mutating func switchStatement(start: Int) throws -> Stmt {
        let saved = noTrailingClosure
        noTrailingClosure = true
        let subject = try expression()
        noTrailingClosure = saved
        guard current.isSymbol("{") else { throw fail(at: current, "expected `{` after the `switch` subject") }
        let open = advance()
        var cases: [SwitchCase] = []
        var defaultBody: [Stmt]?
        while !current.isSymbol("}") {
            if current.isEnd { throw fail(at: open, "missing `}` to close this `switch`") }
            let caseStart = current.start
            var patterns: [CasePattern] = []
            let isDefault: Bool
            if acceptKeyword(.case) {
                isDefault = false
                repeat { patterns.append(try casePattern()) } while accept(",")
            } else if acceptKeyword(.default) {
                isDefault = true
                if defaultBody != nil { fail(at: tokens[p - 1], "a `switch` can have only one `default`") }
            } else {
                throw fail(at: current, "expected `case` or `default` in `switch`")
            }
            try expect(":", "after the case pattern")
            var body: [Stmt] = []
            while !current.isKeyword(.case) && !current.isKeyword(.default) && !current.isSymbol("}") && !current.isEnd {
                if accept(";") { continue }
                if let s = statementRecovering() { body.append(s) }
            }
            if body.isEmpty { fail(at: current, "a `case` needs at least one statement", hints: ["write `break` to do nothing"]) }
            if isDefault { defaultBody = body } else {
                cases.append(SwitchCase(patterns: patterns, body: body, span: Span(start: caseStart, end: previousEnd)))
            }
        }
        p += 1
        return Stmt(kind: .switchStatement(subject, cases, defaultBody), span: Span(start: start, end: previousEnd))
    }

    /// `case 1`, `case _`, `case let x`, each optionally with `where condition`.
    mutating func casePattern() throws -> CasePattern {
        let kind: CasePattern.Kind
        if current.isKeyword(.let) || current.isKeyword(.var) {
            let isLet = current.isKeyword(.let)
            p += 1
            let (name, span) = try expectIdentifier("after `\(isLet ? "let" : "var")` in a `case` pattern")
            kind = .binding(Decl(name, span, isLet: isLet))
        } else {
            let e = try expression()
            if case .wildcard = e.kind { kind = .wildcard } else { kind = .value(e) }
        }
        let condition = acceptKeyword(.where) ? try expression() : nil
        return CasePattern(kind: kind, guardCondition: condition)
    }

    mutating func functionDeclaration(doc: String?, start: Int) throws -> FunctionDecl {
        let (name, _) = try expectIdentifier("after `func`")
        try expect("(", "to start the parameter list of `\(name)`")
        var params: [ParamDecl] = []
        var names = Set<String>()
        while !current.isSymbol(")") {
            let param = try parameter()
            if !names.insert(param.decl.name).inserted {
                fail(at: tokens[p - 1], "duplicate parameter name `\(param.decl.name)`")
            }
            params.append(param)
            if !accept(",") { break }
        }
        try expect(")", "to close the parameter list of `\(name)`")
        var returnType: TypeRef?
        if accept("->") { returnType = try typeRef() }
        let body = try block("for the body of `\(name)`")
        return FunctionDecl(name: name, params: params, returnType: returnType, body: body, doc: doc,
                            span: Span(start: start, end: previousEnd), isClosure: false)
    }

    mutating func parameter() throws -> ParamDecl {
        let (first, firstSpan) = try expectIdentifier("for a parameter")
        var label: String? = first
        var name = first
        var span = firstSpan
        if let second = current.identifier {
            let t = advance()
            name = second
            span = Span(start: t.start, end: t.end)
            label = first == "_" ? nil : first
        } else if first == "_" {
            throw fail(at: current, "expected a parameter name after `_`")
        }
        var type: TypeRef?
        var variadic = false
        if accept(":") {
            type = try typeRef()
            if accept("...") { variadic = true }
        }
        var defaultValue: Expr?
        if accept("=") { defaultValue = try expression() }
        return ParamDecl(label: label, decl: Decl(name, span, isLet: true), type: type, defaultValue: defaultValue, variadic: variadic)
    }

    mutating func typeRef() throws -> TypeRef {
        var type: TypeRef
        if accept("[") {
            let element = try typeRef()
            if accept(":") {
                let value = try typeRef()
                try expect("]", "to close the dictionary type")
                type = .dictionary(element, value)
            } else {
                try expect("]", "to close the array type")
                type = .array(element)
            }
        } else if accept("(") {
            var items: [TypeRef] = []
            while !current.isSymbol(")") {
                items.append(try typeRef())
                if !accept(",") { break }
            }
            try expect(")", "to close the tuple type")
            if accept("->") { type = .function(items, try typeRef()) } else { type = .tuple(items) }
        } else if let name = current.identifier {
            p += 1
            type = .named(name)
            if accept("<") {
                var args: [TypeRef] = []
                repeat { args.append(try typeRef()) } while accept(",")
                try expect(">", "to close the generic arguments")
                if name == "Array", args.count == 1 { type = .array(args[0]) }
                else if name == "Dictionary", args.count == 2 { type = .dictionary(args[0], args[1]) }
            }
        } else {
            throw fail(at: current, "expected a type")
        }
        while !current.spaceBefore, current.isSymbol("?") || current.isSymbol("!") {
            p += 1
            type = .optional(type)
        }
        return type
    }
}
