/// Resolves every name of a cell to where it lives (a global slot, a frame slot at some depth, or a
/// builtin) before anything runs, so the interpreter never looks names up in dictionaries. It also
/// reports what Swift's compiler would: unknown names (with "did you mean"), assignments to `let`,
/// `break` outside a loop, `return` outside a function, a `guard` body that falls through.
struct Resolver {
    private final class FunctionScope {
        let decl: FunctionDecl?
        var blocks: [[String: Decl]] = [[:]]
        var nextSlot = 0
        var loopDepth = 0
        var switchDepth = 0
        init(decl: FunctionDecl?) { self.decl = decl }
    }

    /// Whether code here runs inside a user function (not only in a cell or a loop's iteration frame).
    private var insideFunction: Bool { scopes.contains { $0.decl != nil } }

    let source: Source
    let globals: Globals
    let builtinNames: [String: Int]
    private var scopes: [FunctionScope] = []
    private(set) var errors: [LocatedDiagnostic] = []
    /// Names this cell declares at top level (hoisted so functions can refer to later globals).
    private var hoisted: [String: Bool] = [:]
    private var definedSoFar = Set<String>()
    /// Globals newly created by this cell (removed again if the cell fails before defining them).
    private(set) var newGlobals: [String] = []

    init(source: Source, globals: Globals, builtinNames: [String: Int]) {
        self.source = source
        self.globals = globals
        self.builtinNames = builtinNames
    }

    /// Resolves a cell; returns the number of frame slots its top-level blocks need.
    mutating func resolveCell(_ statements: [Stmt]) -> Int {
        let cell = FunctionScope(decl: nil)
        scopes = [cell]
        for s in statements.flatMap({ s -> [Stmt] in if case .declarations(let list) = s.kind { return list }; return [s] }) {
            switch s.kind {
            case .declaration(let isLet, let pattern, _, _):
                for d in pattern.declarations { hoisted[d.name] = isLet }
            case .function(let f):
                hoisted[f.name] = true
                definedSoFar.insert(f.name)
            default: break
            }
        }
        for s in statements { statement(s) }
        return cell.nextSlot
    }

    private func range(_ span: Span) -> SourceRange { SourceRange(source: source, start: span.start, end: span.end) }

    private mutating func error(_ kind: String, _ message: String, _ span: Span, hints: [String] = []) {
        errors.append(LocatedDiagnostic(kind: kind, message: message, range: range(span), hints: hints))
    }

    private mutating func error(_ message: String, _ span: Span, hints: [String] = []) {
        error("SyntaxError", message, span, hints: hints)
    }

    private var isTopLevel: Bool { scopes.count == 1 && scopes[0].blocks.count == 1 }

    // MARK: declarations

    private mutating func declare(_ d: Decl, isFunction: Bool = false, doc: String? = nil) {
        if isTopLevel {
            let existed = globals.lookup(d.name) != nil
            guard let slot = globals.declare(d.name, isLet: d.isLet, isFunction: isFunction, doc: doc) else {
                error("NameError", "too many global names in this session", d.span)
                return
            }
            if !existed { newGlobals.append(d.name) }
            d.binding = .global(slot)
            definedSoFar.insert(d.name)
            return
        }
        let scope = scopes[scopes.count - 1]
        if let existing = scope.blocks[scope.blocks.count - 1][d.name], !d.name.hasPrefix("$") {
            let loc = range(existing.span).location
            error("invalid redeclaration of `\(d.name)`", d.span, hints: ["`\(d.name)` was already declared at line \(loc.line), column \(loc.column) in this scope"])
        }
        scope.blocks[scope.blocks.count - 1][d.name] = d
        d.binding = .local(depth: 0, index: scope.nextSlot)
        scope.nextSlot += 1
    }

    private func findLocal(_ name: String) -> (Decl, depth: Int)? {
        var depth = 0
        for scope in scopes.reversed() {
            for block in scope.blocks.reversed() {
                if let d = block[name], case .local(_, let index)? = d.binding {
                    _ = index
                    return (d, depth)
                }
            }
            depth += 1
        }
        return nil
    }

    /// All names visible here (for suggestions).
    private func visibleNames() -> [String] {
        var names = Array(globals.names) + Array(builtinNames.keys) + Array(hoisted.keys)
        for scope in scopes { for block in scope.blocks { names += block.keys } }
        return names.filter { !$0.hasPrefix("$") }
    }

    private mutating func use(_ ref: NameRef) {
        if let (d, depth) = findLocal(ref.name), case .local(_, let index)? = d.binding {
            // Every function between the use and the declaration reaches out of its own frame.
            for scope in scopes.suffix(depth) { scope.decl?.capturesFrame = true }
            ref.binding = .local(depth: depth, index: index)
            ref.isConstant = d.isLet
            return
        }
        if let isLet = hoisted[ref.name], !definedSoFar.contains(ref.name), !insideFunction {
            _ = isLet
            error("NameError", "use of `\(ref.name)` before its declaration", ref.span, hints: ["declare it above this line"])
            return
        }
        if let hoistedLet = hoisted[ref.name] {
            if globals.lookup(ref.name) == nil {
                // Declared later in this cell, used inside a function body.
                guard let slot = globals.declare(ref.name, isLet: hoistedLet, isFunction: false) else { return }
                newGlobals.append(ref.name)
                ref.binding = .global(slot)
            } else {
                ref.binding = .global(globals.lookup(ref.name)!.slot)
            }
            ref.isConstant = hoistedLet
            return
        }
        if let g = globals.lookup(ref.name) {
            ref.binding = .global(g.slot)
            ref.isConstant = g.isLet
            return
        }
        if let b = builtinNames[ref.name] {
            ref.binding = .builtin(b)
            ref.isConstant = true
            return
        }
        if ref.name.hasPrefix("$"), insideFunction {
            error("NameError", "anonymous closure argument `\(ref.name)` is out of range: closures take at most \(DollarScan.limit) (`$0`…`$\(DollarScan.limit - 1)`)", ref.span)
            return
        }
        if ref.name.hasPrefix("$") {
            error("NameError", "anonymous closure argument `\(ref.name)` used outside a closure", ref.span)
            return
        }
        error("NameError", "cannot find `\(ref.name)` in scope", ref.span, hints: Suggestions.hint(for: ref.name, in: visibleNames()))
    }

    private mutating func withBlock(_ body: (inout Resolver) -> Void) {
        scopes[scopes.count - 1].blocks.append([:])
        body(&self)
        scopes[scopes.count - 1].blocks.removeLast()
    }

    private mutating func block(_ statements: [Stmt]) {
        withBlock { r in for s in statements { r.statement(s) } }
    }

    // MARK: statements

    private mutating func statement(_ s: Stmt) {
        switch s.kind {
        case .expression(let e):
            expr(e)
        case .declaration(_, let pattern, _, let value):
            if let value { expr(value) }
            for d in pattern.declarations { declare(d) }
        case .assignment(let target, _, let value):
            expr(value)
            assignable(target)
        case .function(let f):
            let d = Decl(f.name, Span(start: f.span.start, end: f.span.start + 4), isLet: true)
            if isTopLevel {
                declare(d, isFunction: true, doc: f.doc)
                f.nameBinding = d.binding
                function(f)
            } else {
                declare(d, isFunction: true)       // declared first so the function can recurse
                f.nameBinding = d.binding
                function(f)
            }
        case .ifStatement(let conditions, let then, let other):
            withBlock { r in
                r.conditions(conditions)
                r.block(then)
            }
            if let other { withBlock { r in r.statement(other) } }
        case .guardStatement(let conditions, let body):
            // The bindings of a guard stay visible after it.
            for c in conditions {
                switch c {
                case .expr(let e): expr(e)
                case .binding(_, let e): expr(e)
                }
            }
            block(body)
            if !exits(body) {
                error("`guard` body must not fall through", s.span, hints: ["end the `else` block with `return`, `break` or `continue`"])
            }
            for c in conditions { if case .binding(let d, _) = c { declare(d) } }
        case .whileLoop(let conditions, let body):
            withBlock { r in
                r.conditions(conditions)
                r.loop { r in r.block(body) }
            }
        case .repeatWhile(let body, let condition):
            loop { r in r.block(body) }
            expr(condition)
        case .forIn(let pattern, let sequence, let filter, let body, let iteration):
            expr(sequence)
            let resolveBody: (inout Resolver) -> Void = { r in
                for d in pattern.declarations { r.declare(d) }
                if let filter { r.expr(filter) }
                r.loop { r in r.block(body) }
            }
            if SyntaxWalk.createsFunctions(body, filter) {
                // Closures made in the body capture this iteration's variables, not shared slots.
                let scope = FunctionScope(decl: nil)
                scopes.append(scope)
                resolveBody(&self)
                iteration.slotCount = scope.nextSlot
                scopes.removeLast()
            } else {
                withBlock(resolveBody)
            }
        case .breakStatement:
            let scope = scopes[scopes.count - 1]
            if scope.loopDepth == 0 && scope.switchDepth == 0 { error("`break` is only allowed inside a loop or `switch`", s.span) }
        case .continueStatement:
            if scopes[scopes.count - 1].loopDepth == 0 { error("`continue` is only allowed inside a loop", s.span) }
        case .returnStatement(let value):
            if let value { expr(value) }
            if !insideFunction { error("`return` is only allowed inside a function", s.span) }
        case .switchStatement(let subject, let cases, let other):
            expr(subject)
            scopes[scopes.count - 1].switchDepth += 1
            for c in cases { switchCase(c) }
            if let other { block(other) }
            scopes[scopes.count - 1].switchDepth -= 1
        case .block(let body):
            block(body)
        case .declarations(let list):
            for s in list { statement(s) }
        case .timeMagic(let body, _):
            for s in body { statement(s) }
        case .magic:
            break
        }
    }

    /// A case's `let` bindings are visible in its `where` conditions and body. Like Swift, a case with
    /// several patterns must bind the same names in each; they share one slot.
    private mutating func switchCase(_ c: SwitchCase) {
        withBlock { r in
            var bound: [String: Decl] = [:]
            for p in c.patterns {
                switch p.kind {
                case .value(let e): r.expr(e)
                case .wildcard: break
                case .binding(let d):
                    if let first = bound[d.name] { d.binding = first.binding } else {
                        r.declare(d)
                        bound[d.name] = d
                    }
                }
                if let g = p.guardCondition { r.expr(g) }
            }
            let names = c.patterns.map { p -> String? in if case .binding(let d) = p.kind { return d.name }; return nil }
            if let first = names.compactMap({ $0 }).first, let d = bound[first], names.contains(where: { $0 != first }) {
                r.error("`\(first)` must be bound in every pattern of this `case`", d.span,
                        hints: ["use a separate `case` for the patterns that do not bind it"])
            }
            r.block(c.body)
        }
    }

    private mutating func loop(_ body: (inout Resolver) -> Void) {
        scopes[scopes.count - 1].loopDepth += 1
        body(&self)
        scopes[scopes.count - 1].loopDepth -= 1
    }

    private mutating func conditions(_ cs: [Condition]) {
        for c in cs {
            switch c {
            case .expr(let e): expr(e)
            case .binding(let d, let e):
                expr(e)
                declare(d)
            }
        }
    }

    /// Whether a block always leaves its scope (for `guard`).
    private func exits(_ body: [Stmt]) -> Bool {
        guard let last = body.last else { return false }
        switch last.kind {
        case .returnStatement, .breakStatement, .continueStatement: return true
        case .expression(let e):
            if case .call(let f, _) = e.kind, case .name(let n) = f.kind, n.name == "fatalError" { return true }
            return false
        case .ifStatement(_, let then, let other?):
            if case .block(let b) = other.kind { return exits(then) && exits(b) }
            return exits(then) && exits([other])
        default: return false
        }
    }

    private mutating func assignable(_ target: Expr) {
        switch target.kind {
        case .name(let ref):
            use(ref)
            if ref.binding != nil && ref.isConstant {
                if case .builtin? = ref.binding {
                    error("cannot assign to `\(ref.name)`: it is a builtin", target.span)
                } else {
                    error("cannot assign to value: `\(ref.name)` is a `let` constant", target.span, hints: ["change `let` to `var` to make it mutable"])
                }
            }
        case .subscriptAccess(let base, let args):
            assignable(base)
            for a in args { expr(a.value) }
        case .member(let base, _, _):
            assignable(base)
        case .wildcard:
            break
        default:
            expr(target)
            error("cannot assign to this expression", target.span, hints: ["only variables, subscripts and members can be assigned"])
        }
    }

    // MARK: functions

    private mutating func function(_ f: FunctionDecl) {
        // `break` cannot leave a function: the new scope starts with no loop or switch around it.
        for p in f.params { if let d = p.defaultValue { expr(d) } }
        // Default values are evaluated in the frame the function was defined in.
        if f.params.contains(where: { $0.defaultValue != nil }) { f.capturesFrame = true }
        let scope = FunctionScope(decl: f)
        scopes.append(scope)
        if f.isClosure && f.params.isEmpty {
            let n = DollarScan.count(in: f.body)
            f.implicitParameters = (0..<n).map { Decl("$\($0)", f.span, isLet: true) }
            for d in f.implicitParameters { declare(d) }
        }
        for p in f.params { declare(p.decl) }
        // The body is a scope of its own, so `guard let x = x` may shadow a parameter.
        withBlock { r in for s in f.body { r.statement(s) } }
        f.slotCount = scope.nextSlot
        scopes.removeLast()
    }

    // MARK: expressions

    private mutating func expr(_ e: Expr) {
        switch e.kind {
        case .literal, .emptyArray, .emptyDictionary, .operatorFunction: break
        case .wildcard: error("`_` can only be used as an assignment target or a `case` pattern", e.span)
        case .name(let ref): use(ref)
        case .interpolation(let parts): for case .expr(let x) in parts { expr(x) }
        case .array(let xs), .tuple(let xs): for x in xs { expr(x) }
        case .dictionary(let pairs): for (k, v) in pairs { expr(k); expr(v) }
        case .unary(_, let x), .forceUnwrap(let x), .optionalProbe(let x), .optionalChain(let x), .member(let x, _, _), .cast(let x, _, _): expr(x)
        case .binary(_, let a, let b): expr(a); expr(b)
        case .ternary(let a, let b, let c): expr(a); expr(b); expr(c)
        case .call(let callee, let args), .subscriptAccess(let callee, let args):
            expr(callee)
            for a in args { expr(a.value) }
        case .closure(let f): function(f)
        }
    }
}
