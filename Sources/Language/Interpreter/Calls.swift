/// Calling functions: matching Swift argument labels to parameters, filling defaults, checking
/// declared types, guarding recursion depth and recording the user call chain on errors.
extension Runtime {
    /// Calls any callable value with already evaluated arguments.
    func call(_ callee: Value, _ args: [Value], labels: [String?]? = nil, site: SourceRange? = nil) throws -> Value {
        let labels = labels ?? Array(repeating: nil, count: args.count)
        switch callee {
        case .closure(let c):
            return try invoke(c, site: site) { slots in
                try bind(args, labels: labels, parameters: c.info.parameters, defaults: c.info.defaults,
                         defaultFrame: c.captured, signature: c.info.signature, selector: c.info.selector) { i, v in
                    slots[i] = v
                }
            }
        case .native(let f):
            return try callNative(f, args, labels: labels)
        default:
            throw LanguageError.typeError("cannot call a value of type \(callee.typeName)", hints: callee.isNil ? ["the value is nil"] : [])
        }
    }

    func callNative(_ f: NativeFunction, _ args: [Value], labels: [String?]) throws -> Value {
        var values: [Value]
        if !f.hasVariadic, f.labels == labels {
            values = args
        } else {
            values = [Value](repeating: .null, count: f.parameters.count)
            try bind(args, labels: labels, parameters: f.parameters, defaults: nil, defaultFrame: nil,
                     signature: f.signature, selector: f.selector) { i, v in values[i] = v }
        }
        for (i, check) in f.typeChecks.enumerated() {
            guard let check else { continue }
            guard let converted = check(values[i]) else {
                let p = f.parameters[i]
                throw LanguageError.typeError("argument `\(p.name)` of `\(f.selector)` must be \(p.type ?? "Any"), got \(values[i].typeName)", hints: ["expected: \(f.signature)"])
            }
            values[i] = converted
        }
        return try f.body(Arguments(values: values, function: f, context: self))
    }

    /// Calls user function `c` in a frame from its pool: `fill` stores the arguments in the frame's
    /// slots. The frame is handled unmanaged, so a call costs no reference counting for it.
    @inline(__always)
    func invoke(_ c: Closure, site: SourceRange?, fill: (UnsafeMutablePointer<Value>) throws -> Void) throws -> Value {
        let info = c.info
        let frame = info.pool.take(parent: c.captured)
        do {
            let result = try frame._withUnsafeGuaranteedRef { f -> Value in
                try fill(f.slots)
                return try run(info, f, site: site)
            }
            info.pool.recycle(frame)
            return result
        } catch {
            frame.release()
            throw error
        }
    }

    /// Runs a user function whose frame already holds its arguments.
    @inline(__always)
    private func run(_ info: FunctionInfo, _ frame: Frame, site: SourceRange?) throws -> Value {
        if !info.parameterChecks.isEmpty { try checkParameters(info, frame) }
        counters.pointee.depth &+= 1
        defer { counters.pointee.depth &-= 1 }
        if counters.pointee.depth > options.maxRecursionDepth {
            throw LanguageError("RecursionError", "maximum recursion depth (\(options.maxRecursionDepth)) exceeded in `\(info.selector)`",
                                hints: ["make sure the recursion has a base case that is reached"])
        }
        try tick()
        let result: Value
        do {
            result = try info.body(frame)
        } catch var e as LanguageError {
            if let site, e.kind != "Interrupted" || e.callChain.count < 20 {
                if e.callChain.count < 20 { e.callChain.append((info.selector, site)) }
            }
            throw e
        }
        let check = info.returnCheck
        if !check.accepts(result) {
            guard let converted = check.apply(result, info.checkers) else {
                throw LanguageError.typeError("`\(info.selector)` must return \(info.returnType?.description ?? "Any"), but returned \(result.typeName)",
                                              hints: ["declared: \(info.signature)"])
            }
            return converted
        }
        return result
    }

    @inline(__always)
    private func checkParameters(_ info: FunctionInfo, _ frame: Frame) throws {
        let slots = frame.slots
        let checks = info.parameterChecks
        for i in 0..<checks.count where !checks[i].accepts(slots[i]) { try convertParameter(info, i, slots) }
    }

    /// A parameter whose value is not already of its declared type: converted (Int to Double) or rejected.
    private func convertParameter(_ info: FunctionInfo, _ i: Int, _ slots: UnsafeMutablePointer<Value>) throws {
        let v = slots[i]
        guard let converted = info.parameterChecks[i].apply(v, info.checkers) else {
            throw LanguageError.typeError("argument `\(info.parameters[i].name)` of `\(info.selector)` expects \(info.parameters[i].type ?? "Any"), got \(v.typeName)",
                                          hints: ["expected: \(info.signature)"])
        }
        slots[i] = converted
    }

    /// A trailing closure (`xs.sorted { … }`) is the last, unlabelled argument; like Swift, it may fill a
    /// labelled closure parameter when every later parameter has a default.
    private func isTrailingClosure(_ a: Int, _ args: [Value], _ labels: [String?], _ rest: ArraySlice<Parameter>) -> Bool {
        guard a == args.count - 1, labels[a] == nil, rest.allSatisfy({ $0.defaultValue != nil || $0.variadic }) else { return false }
        switch args[a] {
        case .closure, .native: return true
        default: return false
        }
    }

    /// Swift's rules: arguments appear in parameter order; a labelled parameter needs its label, `_`
    /// parameters take unlabelled arguments, parameters with defaults may be skipped.
    func bind(_ args: [Value], labels: [String?], parameters: [Parameter], defaults: [Eval?]?, defaultFrame: Frame?,
              signature signatureText: @autoclosure () -> String, selector selectorText: @autoclosure () -> String,
              store: (Int, Value) -> Void) throws {
        var a = 0
        // Rendered only when an error is reported: building signatures on every call is costly.
        var hint: [String] { ["expected: \(signatureText())"] }
        var selector: String { selectorText() }
        for (i, p) in parameters.enumerated() {
            if p.variadic {
                var items: [Value] = []
                if a < args.count && labels[a] == p.label {
                    items.append(args[a]); a += 1
                    while a < args.count && labels[a] == nil { items.append(args[a]); a += 1 }
                }
                store(i, .array(items))
                continue
            }
            if a < args.count && (labels[a] == p.label || isTrailingClosure(a, args, labels, parameters[(i + 1)...])) {
                store(i, args[a])
                a += 1
                continue
            }
            if let d = defaults?[i], let frame = defaultFrame {
                store(i, try d(frame))
            } else if let d = p.defaultValue {
                store(i, d)
            } else if a < args.count, let l = labels[a], parameters[i...].contains(where: { $0.label == l }) || p.label == nil {
                throw LanguageError.argumentError("missing argument for parameter `\(p.label ?? "_ \(p.name)")` in call to `\(selector)`", hints: hint)
            } else if a < args.count {
                let given = labels[a].map { "`\($0):`" } ?? "no label"
                let wanted = p.label.map { "`\($0):`" } ?? "no label"
                throw LanguageError.argumentError("argument \(a + 1) of `\(selector)` has \(given) but the parameter needs \(wanted)", hints: hint)
            } else {
                throw LanguageError.argumentError("missing argument for parameter `\(p.label.map { "\($0):" } ?? p.name)` in call to `\(selector)`", hints: hint)
            }
        }
        if a < args.count {
            let extra = labels[a].map { "extra argument `\($0):`" } ?? "extra argument"
            throw LanguageError.argumentError("\(extra) in call to `\(selector)` (it takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), got \(args.count))", hints: hint)
        }
    }
}
