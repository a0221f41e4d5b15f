import Foundation

/// The slots of one function activation (or of a cell's nested blocks). Slots live in one buffer
/// addressed by pointer; the resolver decided every index, so no lookup happens at run time.
/// The slot after the last variable holds the return value.
final class Frame {
    let slots: UnsafeMutablePointer<Value>
    let count: Int
    let parent: Frame?

    init(count: Int, parent: Frame?) {
        self.count = count
        self.parent = parent
        slots = .allocate(capacity: count + 1)
        slots.initialize(repeating: .null, count: count + 1)
    }

    @inline(__always) var returnSlot: UnsafeMutablePointer<Value> { slots + count }

    @inline(__always) func ancestor(_ depth: Int) -> Frame {
        var f = self
        for _ in 0..<depth { f = f.parent! }
        return f
    }

    deinit {
        slots.deinitialize(count: count + 1)
        slots.deallocate()
    }
}

/// Compiled code: expressions produce values, statements report how control leaves them.
typealias Eval = (Frame) throws -> Value
typealias Exec = (Frame) throws -> Flow
typealias Test = (Frame) throws -> Bool

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
    let parameterTypes: [TypeRef?]?
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
        let types = decl.params.map(\.type)
        parameterTypes = types.contains { $0 != nil } ? types : nil
        self.defaults = defaults
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
