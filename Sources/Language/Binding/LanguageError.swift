/// An error raised while running Propel code, by the interpreter or by library code. `kind` is the
/// ename users see (`TypeError`, `ValueError`, a library's own kind). The interpreter adds the
/// location of the failing expression and the chain of user function calls as it propagates.
public struct LanguageError: Error {
    public var kind: String
    public var message: String
    public var hints: [String]
    var location: SourceRange?
    /// Innermost first: the user functions the error passed through, with their call sites.
    var callChain: [(function: String, site: SourceRange)] = []

    public init(_ kind: String, _ message: String, hints: [String] = []) {
        self.kind = kind
        self.message = message
        self.hints = hints
    }

    init(_ kind: String, _ message: String, at location: SourceRange?, hints: [String] = []) {
        self.init(kind, message, hints: hints)
        self.location = location
    }

    public static func typeError(_ message: String, hints: [String] = []) -> LanguageError { .init("TypeError", message, hints: hints) }
    public static func valueError(_ message: String, hints: [String] = []) -> LanguageError { .init("ValueError", message, hints: hints) }
    public static func argumentError(_ message: String, hints: [String] = []) -> LanguageError { .init("ArgumentError", message, hints: hints) }
    public static func indexError(_ message: String, hints: [String] = []) -> LanguageError { .init("IndexError", message, hints: hints) }
    public static func keyError(_ message: String) -> LanguageError { .init("KeyError", message) }
    public static func arithmetic(_ message: String) -> LanguageError { .init("ArithmeticError", message) }
    static let interrupted = LanguageError("Interrupted", "execution was interrupted")
}
