import Foundation

/// The slots of one function activation (or of a cell's nested blocks), stored in the same
/// allocation as the frame itself. The resolver decided every index, so no lookup happens at run
/// time. The slot after the last variable holds the return value.
final class Frame: ManagedBuffer<FrameHeader, Value> {
    static func make(count: Int, parent: Frame?) -> Frame {
        let buffer = Frame.create(minimumCapacity: count + 1) { _ in FrameHeader(count: count, parent: parent) }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: .null, count: count + 1) }
        return frame
    }

    /// The slots; valid as long as the frame lives (the storage never moves).
    @inline(__always) var slots: UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 } }
    /// The header through a pointer: `ManagedBuffer.header` is a stored class property, and every
    /// access to it would pay a dynamic exclusivity check.
    @inline(__always) var headerPointer: UnsafeMutablePointer<FrameHeader> { withUnsafeMutablePointerToHeader { $0 } }
    @inline(__always) var count: Int { headerPointer.pointee.count }
    @inline(__always) var parent: Frame? { headerPointer.pointee.parent }
    @inline(__always) var returnSlot: UnsafeMutablePointer<Value> { slots + count }

    /// The value a `return` stored, moved out (not copied); the slot is empty again.
    @inline(__always) func takeReturnValue() -> Value {
        let value = returnSlot.move()
        returnSlot.initialize(to: .null)
        return value
    }

    /// Empties the variable slots (the return slot is already empty after a call) and drops the
    /// parent, so a pooled frame keeps nothing alive.
    @inline(__always) func clear() {
        let slots = self.slots
        // A slot holding a number or a Bool is overwritten without the outlined destroy of a Value.
        for i in 0..<count {
            if slots[i].isTrivial { (slots + i).initialize(to: .null) } else { slots[i] = .null }
        }
        if headerPointer.pointee.parent != nil { headerPointer.pointee.parent = nil }
    }

    @inline(__always) func ancestor(_ depth: Int) -> Frame {
        var f = self
        for _ in 0..<depth { f = f.parent! }
        return f
    }

    deinit {
        // One value at a time: `deinitialize(count: n)` goes through the runtime's generic array destroy.
        let slots = self.slots
        for i in 0...count { (slots + i).deinitialize(count: 1) }
    }
}

struct FrameHeader {
    let count: Int
    /// The enclosing frame (reset when a `FramePool` hands the frame to a call with another one).
    var parent: Frame?
}

/// How a declared parameter or return type is checked. Trivially copyable — a check that needs a
/// compiled checker names it by index — so checking on every call copies no references.
enum SlotCheck {
    case any, int, string, bool, double
    /// `checkers[index]` of the function.
    case other(Int)

    init(_ type: TypeRef?, _ checkers: inout [TypeCheck.Checker]) {
        guard let type, let checker = TypeCheck.checker(type) else { self = .any; return }
        switch type {
        case .named("Int"): self = .int
        case .named("String"): self = .string
        case .named("Bool"): self = .bool
        case .named("Double"): self = .double
        default:
            self = .other(checkers.count)
            checkers.append(checker)
        }
    }

    /// Whether `v` passes unchanged (the common case, decided without a call).
    /// One switch on the check, then a tag test: no tuple of the two, which would copy `v`.
    @inline(__always) func accepts(_ v: Value) -> Bool {
        switch self {
        case .any: return true
        case .int: if case .int = v { return true } else { return false }
        case .string: if case .string = v { return true } else { return false }
        case .bool: if case .bool = v { return true } else { return false }
        case .double: if case .double = v { return true } else { return false }
        case .other: return false
        }
    }

    /// The value (converted if needed) or nil if it does not match.
    func apply(_ v: Value, _ checkers: [TypeCheck.Checker]) -> Value? {
        if accepts(v) { return v }
        switch (self, v) {
        case (.double, .int(let i)): return .double(Double(i))
        case (.other(let index), _): return checkers[index](v)
        default: return nil
        }
    }
}

/// Compiled code: expressions produce values, statements report how control leaves them.
typealias Eval = (Frame) throws -> Value
typealias Exec = (Frame) throws -> Flow
typealias Test = (Frame) throws -> Bool

/// Closures kept in arrays are wrapped so they are stored (and called) without reabstraction thunks.
struct ExecBox { let run: Exec }
struct EvalBox { let run: Eval }

enum Flow {
    case normal, breakLoop, continueLoop, returned
}

/// A compiled user function: what every closure value made from the same declaration shares.
final class FunctionInfo {
    let name: String
    let selector: String
    let signature: String
    let doc: String?
    let parameters: [Parameter]
    /// Call sites with exactly these labels (and no defaults or variadics needed) take the fast path.
    let labelsID: Int
    let slotCount: Int
    /// The declared parameter types, checked (and Int converted to Double) on entry; empty when none are declared.
    /// A buffer rather than an array: reading it on every call then retains nothing.
    let parameterChecks: UnsafeBufferPointer<SlotCheck>
    let returnCheck: SlotCheck
    /// The compiled checks `SlotCheck.other` refers to.
    let checkers: [TypeCheck.Checker]
    let defaults: [Eval?]
    let returnType: TypeRef?
    /// Runs the body and gives its result. A `let`: a stored `var` of a class would pay a dynamic
    /// exclusivity check on every call.
    let body: Eval
    let span: SourceRange
    let pool: FramePool

    init(decl: FunctionDecl, source: Source, defaults: [Eval?], body: @escaping Eval) {
        self.body = body
        pool = FramePool(slotCount: decl.slotCount, framesStayPrivate: !SyntaxWalk.createsFunctions(decl.body, nil))
        name = decl.name
        var params = decl.parameters
        if decl.isClosure && decl.params.isEmpty {
            params = decl.implicitParameters.map { Parameter(label: nil, name: $0.name) }
        }
        parameters = params
        selector = decl.isClosure ? "closure" : decl.selector
        signature = decl.isClosure ? "closure" : decl.signature(source: source)
        doc = decl.doc
        labelsID = LabelTable.id(params.map(\.label))
        slotCount = decl.slotCount
        var checkers: [TypeCheck.Checker] = []
        let checks = ContiguousArray(decl.params.map { SlotCheck($0.variadic ? $0.type.map { .array($0) } : $0.type, &checkers) })
        let checked = checks.contains { if case .any = $0 { return false }; return true }
        let buffer = UnsafeMutableBufferPointer<SlotCheck>.allocate(capacity: checked ? checks.count : 0)
        _ = buffer.initialize(from: checked ? checks : [])
        parameterChecks = UnsafeBufferPointer(buffer)
        returnCheck = SlotCheck(decl.returnType, &checkers)
        self.checkers = checkers
        // Implicit `$n` parameters have no defaults; one entry per parameter keeps `bind` in range.
        self.defaults = defaults + Array(repeating: nil, count: max(0, params.count - defaults.count))
        returnType = decl.returnType
        span = SourceRange(source: source, start: decl.span.start, end: decl.span.end)
    }

    deinit {
        parameterChecks.deallocate()
        pool.destroy()
    }
}

/// A user function value: the compiled function plus the frame it was created in (what it captures).
public final class Closure {
    let info: FunctionInfo
    let captured: Frame?

    init(info: FunctionInfo, captured: Frame?) {
        self.info = info
        self.captured = captured
    }
}

/// Interns argument-label lists so a call site compares its labels with a function's by one integer.
/// Keyed by the labels spelled as Swift does (`to:_:`): a dictionary keyed by `[String?]` cost the
/// runtime a search of every conformance in the binary at start-up.
enum LabelTable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var ids: [String: Int] = [:]

    static func id(_ labels: [String?]) -> Int {
        var key = ""
        for label in labels {
            key += label ?? "_"
            key += ":"
        }
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[key] { return id }
        let id = ids.count
        ids[key] = id
        return id
    }
}
