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
    @inline(__always) var count: Int { header.count }
    @inline(__always) var parent: Frame? { header.parent }
    @inline(__always) var returnSlot: UnsafeMutablePointer<Value> { slots + header.count }

    @inline(__always) func ancestor(_ depth: Int) -> Frame {
        var f = self
        for _ in 0..<depth { f = f.parent! }
        return f
    }

    deinit {
        withUnsafeMutablePointers { h, e in _ = e.deinitialize(count: h.pointee.count + 1) }
    }
}

struct FrameHeader {
    let count: Int
    let parent: Frame?
}

/// How a declared parameter or return type is checked; the scalar cases need no call.
enum SlotCheck {
    case int, string, bool, double
    case other(TypeCheck.Checker)

    init?(_ type: TypeRef?) {
        guard let type, let checker = TypeCheck.checker(type) else { return nil }
        switch type {
        case .named("Int"): self = .int
        case .named("String"): self = .string
        case .named("Bool"): self = .bool
        case .named("Double"): self = .double
        default: self = .other(checker)
        }
    }

    /// The value (converted if needed) or nil if it does not match.
    @inline(__always) func apply(_ v: Value) -> Value? {
        switch (self, v) {
        case (.int, .int), (.string, .string), (.bool, .bool), (.double, .double): return v
        case (.double, .int(let i)): return .double(Double(i))
        case (.other(let check), _): return check(v)
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
    /// The declared parameter types, checked (and Int converted to Double) on entry; nil when none are declared.
    let parameterChecks: [SlotCheck?]?
    let returnCheck: SlotCheck?
    let defaults: [Eval?]
    let returnType: TypeRef?
    var body: Exec = { _ in .normal }
    let span: SourceRange

    init(decl: FunctionDecl, source: Source, defaults: [Eval?], parameterCountOverride: Int? = nil) {
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
        let checks = decl.params.map { SlotCheck($0.variadic ? $0.type.map { .array($0) } : $0.type) }
        parameterChecks = checks.contains { $0 != nil } ? checks : nil
        returnCheck = SlotCheck(decl.returnType)
        // Implicit `$n` parameters have no defaults; one entry per parameter keeps `bind` in range.
        self.defaults = defaults + Array(repeating: nil, count: max(0, params.count - defaults.count))
        returnType = decl.returnType
        span = SourceRange(source: source, start: decl.span.start, end: decl.span.end)
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
enum LabelTable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var ids: [[String?]: Int] = [:]

    static func id(_ labels: [String?]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[labels] { return id }
        let id = ids.count
        ids[labels] = id
        return id
    }
}
