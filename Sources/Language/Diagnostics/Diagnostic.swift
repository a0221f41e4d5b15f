/// One located problem: a syntax error (a cell may have several), a name error found before running,
/// or the runtime error that stopped the cell.
public struct Diagnostic: Equatable {
    public var kind: String
    public var message: String
    public var location: SourceLocation?
    /// "did you mean `profiles`?", the expected signature, …
    public var hints: [String]

    public init(kind: String, message: String, location: SourceLocation?, hints: [String] = []) {
        self.kind = kind
        self.message = message
        self.location = location
        self.hints = hints
    }
}

/// Why a cell failed, ready for a Jupyter error reply: `traceback` is the rendered, located report
/// (source line and caret, no ANSI colours), one entry per line.
public struct ErrorReport: Error, Equatable {
    public var ename: String
    public var evalue: String
    public var traceback: [String]
    public var diagnostics: [Diagnostic]

    public init(ename: String, evalue: String, traceback: [String], diagnostics: [Diagnostic]) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
        self.diagnostics = diagnostics
    }

    /// The whole report as one text block (what a terminal shows).
    public var rendered: String { traceback.joined(separator: "\n") }
}

/// An internal diagnostic that still knows its source, so it can be rendered with the line and caret.
struct LocatedDiagnostic {
    var kind: String
    var message: String
    var range: SourceRange?
    var hints: [String] = []
    var callChain: [(function: String, site: SourceRange)] = []

    init(kind: String, message: String, range: SourceRange?, hints: [String] = []) {
        self.kind = kind
        self.message = message
        self.range = range
        self.hints = hints
    }

    init(_ error: LanguageError) {
        self.init(kind: error.kind, message: error.message, range: error.location, hints: error.hints)
        callChain = error.callChain
    }

    var publicForm: Diagnostic {
        Diagnostic(kind: kind, message: message, location: range?.location, hints: hints)
    }
}
