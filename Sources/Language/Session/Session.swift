import Foundation

/// A notebook session: cells run one after another and share one global scope, as in Jupyter.
/// `execute` runs a cell on the session's own thread with a large stack (deep recursion is reported as a
/// `RecursionError`, never a crash); `interrupt` may be called from any thread.
public final class Session {
    let runtime: Runtime
    private var cellMagics: [String: CellMagic] = [:]
    /// Executed cells, oldest first (for the kernel's history requests).
    public private(set) var history: [String] = []
    private var cellCounter = 0
    private let executionThread: ExecutionThread

    public init(prelude: [NativeModule] = [], options: SessionOptions = .init()) {
        runtime = Runtime(options: options)
        executionThread = ExecutionThread(stackSize: options.stackSize)
        Builtins.install(into: runtime)
        for module in prelude { runtime.addBuiltin(module.name, .module(module)) }
    }

    /// Makes `value` available to later cells under `name` as a binding of the embedding (a library's
    /// module or helper): `%reset` removes the user's variables but keeps these.
    public func define(_ name: String, _ value: Value) throws {
        try bind(name, value)
        runtime.globals.markHostDefined(name, value)
    }

    /// Binds `name` as a cell's `var` would (data a cell magic hands over, `%%sql name`); `%reset` removes it.
    func bind(_ name: String, _ value: Value) throws {
        guard isIdentifier(name) else { throw LanguageError.valueError("`\(name)` is not a valid name") }
        guard let slot = runtime.globals.declare(name, isLet: false, isFunction: false) else {
            throw LanguageError("NameError", "too many global names in this session")
        }
        runtime.globals.storage.values[slot] = value
    }

    /// The current value of a global, if defined.
    public func value(of name: String) -> Value? { runtime.globals.value(name) }

    /// Names defined by cells (and `define`), sorted.
    public var globalNames: [String] { runtime.globals.names }

    /// The stack a thread needs to run this session's cells directly; `execute` called on a thread
    /// with less moves the cell to a thread of its own (and back) for each call.
    public var executionStackSize: Int { executionThread.stackSize }

    public func registerCellMagic(_ name: String, _ handler: @escaping CellMagic) {
        cellMagics[name] = handler
    }

    /// Asks the running cell to stop; it raises `Interrupted` at its next loop iteration or call.
    public func interrupt() {
        runtime.interruptRequested.store(true, ordering: .relaxed)
    }

    // MARK: running cells

    /// Runs a cell. `cell` names it in diagnostics (e.g. `[3]` or a file path).
    public func execute(_ code: String, cell: String = "", host: Host) -> CellOutcome {
        cellCounter += 1
        let name = cell.isEmpty ? "[\(cellCounter)]" : cell
        history.append(code)
        runtime.interruptRequested.store(false, ordering: .relaxed)
        return onExecutionThread {
            self.run(code, name: name, host: host)
        }
    }

    /// Evaluates one expression (Jupyter `user_expressions`): its display form or the error.
    public func evaluate(_ expression: String, host: Host) -> Result<MimeBundle, ErrorReport> {
        let source = Source(expression, name: "<expression>")
        var parser = Parser(source: source)
        var parsed: Expr?
        do { parsed = try parser.expression() } catch {}
        if parser.errors.isEmpty, !parser.current.isEnd { parser.fail(at: parser.current, "unexpected \(parser.describe(parser.current)) after the expression") }
        guard let e = parsed, parser.errors.isEmpty else { return .failure(Rendering.report(parser.errors)) }
        let statement = Stmt(kind: .expression(e), span: e.span)
        let outcome = onExecutionThread { self.runStatements([statement], source: source, host: host) }
        switch outcome {
        case .value(let bundle): return .success(bundle ?? ["text/plain": "nil"])
        case .failure(let report): return .failure(report)
        }
    }

    private func run(_ code: String, name: String, host: Host) -> CellOutcome {
        if let magic = CellMagicLine(code) {
            return runCellMagic(magic, host: host, name: name, code: code)
        }
        let source = Source(code, name: name)
        var parser = Parser(source: source)
        let statements = parser.parseProgram()
        if !parser.errors.isEmpty { return .failure(Rendering.report(parser.errors)) }
        return runStatements(statements, source: source, host: host)
    }

    private func runStatements(_ statements: [Stmt], source: Source, host: Host) -> CellOutcome {
        var resolver = Resolver(source: source, globals: runtime.globals, builtinNames: runtime.builtinNames)
        let slots = resolver.resolveCell(statements)
        let newGlobals = resolver.newGlobals
        if !resolver.errors.isEmpty {
            forgetUndefined(newGlobals)
            return .failure(Rendering.report(resolver.errors))
        }
        let compiler = Compiler(source: source, runtime: runtime) { [unowned self] name, argument in
            try LineMagics.run(name, argument, session: self)
        }
        let (exec, result) = compiler.cell(statements)
        runtime.resetForCell(host: host)
        defer { runtime.host = SilentHost() }
        let frame = Frame.make(count: slots, parent: nil)
        do {
            _ = try exec(frame)
            guard let result else { return .value(nil) }
            let value = try result(frame)
            return .value(value.isNil ? nil : Display.bundle(value))
        } catch let e as LanguageError {
            forgetUndefined(newGlobals)
            return .failure(Rendering.report([LocatedDiagnostic(e)]))
        } catch {
            forgetUndefined(newGlobals)
            return .failure(Rendering.report([LocatedDiagnostic(kind: "InternalError", message: "\(error)", range: nil)]))
        }
    }

    /// Names a failed cell introduced but never assigned disappear, so a retry starts clean.
    private func forgetUndefined(_ names: [String]) {
        for n in names where runtime.globals.value(n)?.isNil ?? false { runtime.globals.remove(n) }
    }

    private func runCellMagic(_ magic: CellMagicLine, host: Host, name: String, code: String) -> CellOutcome {
        guard let handler = cellMagics[magic.name] else {
            let known = cellMagics.keys.sorted().map { "%%" + $0 }
            let source = Source(code, name: name)
            var d = LocatedDiagnostic(kind: "UsageError", message: "cell magic `%%\(magic.name)` not found",
                                      range: SourceRange(source: source, start: magic.nameStart, end: magic.nameEnd))
            d.hints = Suggestions.hint(for: magic.name, in: cellMagics.keys) + [known.isEmpty ? "no cell magics are registered" : "available: \(known.joined(separator: ", "))"]
            return .failure(Rendering.report([d]))
        }
        runtime.resetForCell(host: host)
        defer { runtime.host = SilentHost() }
        do {
            let value = try handler(CellMagicInvocation(arguments: magic.arguments, body: magic.body, host: host, session: self))
            return .value(value.flatMap { $0.isNil ? nil : Display.bundle($0) })
        } catch let e as LanguageError {
            var d = LocatedDiagnostic(e)
            if d.range == nil {
                let source = Source(code, name: name)
                d.range = SourceRange(source: source, start: magic.nameStart - 2, end: magic.nameEnd)
            }
            return .failure(Rendering.report([d]))
        } catch {
            return .failure(Rendering.report([LocatedDiagnostic(kind: "Error", message: "%%\(magic.name): \(error)", range: nil)]))
        }
    }

    /// Runs `body` on a thread with the configured stack size and waits for it.
    private func onExecutionThread<T>(_ body: @escaping () -> T) -> T {
        executionThread.run(body)
    }

    // MARK: tools (completion, inspection, completeness)

    public func complete(_ code: String, cursor: Int) -> CompletionResult {
        Completer(session: self).complete(code, cursor: cursor)
    }

    public func inspect(_ code: String, cursor: Int, detailLevel: Int = 0) -> MimeBundle? {
        Inspector(session: self).inspect(code, cursor: cursor, detailLevel: detailLevel)
    }

    public func isComplete(_ code: String) -> Completeness {
        CompletenessCheck.check(code)
    }

    // MARK: magics support

    var cellMagicNames: [String] { cellMagics.keys.sorted() }

    func reset() { runtime.globals.removeUserNames() }
}

func isIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, isIdentifierStart(first) else { return false }
    return s.unicodeScalars.allSatisfy(isIdentifierChar) && Keyword(rawValue: s) == nil
}

/// The first line of a cell starting with `%%name args`.
struct CellMagicLine {
    let name: String
    let arguments: String
    let body: String
    let nameStart: Int
    let nameEnd: Int

    init?(_ code: String) {
        let scalars = Array(code.unicodeScalars)
        var i = 0
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\n" || scalars[i] == "\r" { i += 1 }
        guard i + 2 < scalars.count, scalars[i] == "%", scalars[i + 1] == "%" else { return nil }
        nameStart = i + 2
        var j = nameStart
        while j < scalars.count, isIdentifierChar(scalars[j]) { j += 1 }
        nameEnd = j
        guard nameEnd > nameStart else { return nil }
        name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd]))
        var k = j
        while k < scalars.count, scalars[k] != "\n" { k += 1 }
        arguments = String(String.UnicodeScalarView(scalars[j..<k])).trimmingCharacters(in: .whitespaces)
        body = k < scalars.count ? String(String.UnicodeScalarView(scalars[(k + 1)...])) : ""
    }
}
