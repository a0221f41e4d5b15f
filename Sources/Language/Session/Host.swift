/// A Jupyter-style mimebundle: MIME type → content. "text/plain" is always present.
public typealias MimeBundle = [String: String]

public enum StandardStream: Sendable {
    case output, error
}

/// What running code needs from its environment (the kernel, a script runner, a test).
/// Calls arrive on the thread executing the cell, as output is produced.
public protocol Host: AnyObject {
    /// Program output (`print`, `eprint`), streamed as produced.
    func write(_ text: String, to stream: StandardStream)
    /// `display(_:)` / `display(_:id:)` / `updateDisplay(_:id:)`.
    func display(_ bundle: MimeBundle, id: String?, update: Bool)
    /// `clearOutput(wait:)`.
    func clearOutput(wait: Bool)
    /// `help(_:)`: documentation for the pager.
    func page(_ bundle: MimeBundle)
    /// `input(_:)`; throws when the frontend does not allow stdin.
    func readLine(prompt: String, password: Bool) throws -> String
}

public struct SessionOptions {
    /// Bytes of output one cell may write before the rest is dropped with a note.
    public var maxOutputBytes: Int
    /// Nested user function calls allowed before a `RecursionError`.
    public var maxRecursionDepth: Int
    /// Stop with `Interrupted` after about this many loop iterations and calls (nil: no limit).
    public var stepLimit: Int?
    /// The name cells get in diagnostics when none is given.
    public var maxGlobals: Int
    /// Stack size of the thread that runs cells (deep recursion needs room).
    public var stackSize: Int

    public init(maxOutputBytes: Int = 1 << 20, maxRecursionDepth: Int = 1_000, stepLimit: Int? = nil,
                maxGlobals: Int = 1 << 16, stackSize: Int = 512 << 20) {
        self.maxOutputBytes = maxOutputBytes
        self.maxRecursionDepth = maxRecursionDepth
        self.stepLimit = stepLimit
        self.maxGlobals = maxGlobals
        self.stackSize = stackSize
    }
}

public enum CellOutcome {
    /// The display form of the final expression's value; nil when the cell has no result.
    case value(MimeBundle?)
    case failure(ErrorReport)
}

public struct CompletionResult: Equatable {
    public var matches: [String]
    /// The replaced range, in Unicode scalar offsets.
    public var start: Int
    public var end: Int

    public init(matches: [String], start: Int, end: Int) {
        self.matches = matches
        self.start = start
        self.end = end
    }
}

public enum Completeness: Equatable {
    case complete
    case incomplete(indent: String)
    case invalid
}

/// A cell magic such as `%%sql [name]`: receives the text after the magic's name on the first line,
/// the rest of the cell, and a context to write output or bind names. Its result is the cell's value.
public typealias CellMagic = (CellMagicInvocation) throws -> Value?

public struct CellMagicInvocation {
    /// What follows `%%name` on the first line, trimmed.
    public let arguments: String
    /// The cell without its first line.
    public let body: String
    public let host: Host
    let session: Session

    /// Binds a global name (as `let`/`var` would) so later cells can use it.
    public func bind(_ name: String, _ value: Value) throws { try session.bind(name, value) }
}
