import Jupyter

/// A MIME bundle from a language: MIME type → content. `text/plain` should always be present;
/// JSON types (`application/json`, `…+json`) hold JSON text, which the kernel sends as JSON.
public typealias MimeBundle = [String: String]

/// What the kernel needs from a language. The kernel knows nothing of the language beyond this.
///
/// The kernel calls everything from its single execution thread, one request at a time, except
/// `interrupt()`, which arrives from the control or signal thread while `execute` runs.
public protocol Engine: AnyObject {
    /// kernel_info: language_info, banner, help links, implementation.
    var info: EngineInfo { get }

    /// Runs one cell. Output goes through `context` as it is produced; the outcome is the cell's
    /// value (`.ok(nil)` when there is none to show) or its error.
    func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome

    /// Stops the running `execute` soon (the target is 100 ms); it returns `.error`. Thread-safe.
    func interrupt()

    /// Completions at `cursorPosition` (Unicode scalar offset, as is every position here).
    func complete(_ code: String, cursorPosition: Int) -> Completion

    /// Documentation of what is at the cursor; `detailLevel` 0 is a summary, 1 says more. `nil`: nothing found.
    func inspect(_ code: String, cursorPosition: Int, detailLevel: Int) -> MimeBundle?

    /// Whether `code` is ready to run (console frontends ask before sending).
    func isComplete(_ code: String) -> Completeness

    /// Evaluates one expression for `user_expressions`, without output, after a cell ran.
    func evaluate(expression: String) -> Result<MimeBundle, EngineError>
    /// The stack the kernel's execution thread gets, so an engine that needs a large one (deep
    /// recursion) can run on that thread instead of switching to its own for every call.
    var executionStackSize: Int { get }
}

extension Engine {
    /// Interpreters recurse: more than the default 512 KiB of a secondary thread.
    public var executionStackSize: Int { 64 << 20 }
}

/// Static facts about the language and its implementation for `kernel_info_reply`.
public struct EngineInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    public var languageInfo: LanguageInfo
    public var banner: String
    public var helpLinks: [HelpLink]

    public init(implementation: String, implementationVersion: String, languageInfo: LanguageInfo, banner: String,
                helpLinks: [HelpLink] = []) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageInfo = languageInfo
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

/// How a cell ended.
public enum ExecutionOutcome: Equatable, Sendable {
    /// Ran to the end; the value to show as the cell's result, if any.
    case ok(MimeBundle?)
    /// Failed (or was interrupted): one `error` output and an error reply.
    case error(EngineError)
}

/// A failure as Jupyter shows it: exception name, message, rendered traceback lines.
public struct EngineError: Error, Equatable, Sendable {
    public var ename: String
    public var evalue: String
    public var traceback: [String]

    public init(ename: String, evalue: String, traceback: [String] = []) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback.isEmpty ? ["\(ename): \(evalue)"] : traceback
    }
}

/// Completion candidates replacing the scalars `start..<end` of the code.
public struct Completion: Equatable, Sendable {
    public var matches: [String]
    public var start: Int
    public var end: Int

    public init(matches: [String], start: Int, end: Int) {
        self.matches = matches
        self.start = start
        self.end = end
    }
}

/// `is_complete` answers.
public enum Completeness: Equatable, Sendable {
    case complete
    /// More lines are needed; `indent` is what the next line should start with.
    case incomplete(indent: String)
    case invalid
    case unknown
}
