import Foundation
import Jupyter
import Kernel
import Language

/// The Propel language as the kernel's engine: adapts `Language.Session` to `Kernel.Engine`.
final class PropelEngine: Kernel.Engine {
    let session: Language.Session

    init(session: Language.Session = Language.Session()) {
        self.session = session
    }

    var info: EngineInfo {
        EngineInfo(
            implementation: "propel", implementationVersion: Propel.configuration.version,
            languageInfo: LanguageInfo(name: "propel", version: Propel.configuration.version, mimetype: "text/x-propel",
                                       fileExtension: ".propel", pygmentsLexer: "swift", codemirrorMode: "swift"),
            banner: "Propel \(Propel.configuration.version): customer-propensity notebooks in a Swift-flavoured language. help(print) shows documentation.",
            helpLinks: [HelpLink(text: "Propel language", url: "https://github.com/propel/propel/blob/main/docs/language.md")])
    }

    func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome {
        switch session.execute(code, cell: "[\(context.executionCount)]", host: KernelHost(context)) {
        case .value(let bundle): return .ok(bundle)
        case .failure(let report): return .error(EngineError(ename: report.ename, evalue: report.evalue, traceback: report.traceback))
        }
    }

    func interrupt() { session.interrupt() }

    /// The session's cells then run directly on the kernel's execution thread.
    var executionStackSize: Int { session.executionStackSize }

    func complete(_ code: String, cursorPosition: Int) -> Completion {
        let result = session.complete(code, cursor: cursorPosition)
        return Completion(matches: result.matches, start: result.start, end: result.end)
    }

    func inspect(_ code: String, cursorPosition: Int, detailLevel: Int) -> Kernel.MimeBundle? {
        session.inspect(code, cursor: cursorPosition, detailLevel: detailLevel)
    }

    func isComplete(_ code: String) -> Kernel.Completeness {
        switch session.isComplete(code) {
        case .complete: return .complete
        case .incomplete(let indent): return .incomplete(indent: indent)
        case .invalid: return .invalid
        }
    }

    func evaluate(expression: String) -> Result<Kernel.MimeBundle, EngineError> {
        session.evaluate(expression, host: DiscardingHost()).mapError {
            EngineError(ename: $0.ename, evalue: $0.evalue, traceback: $0.traceback)
        }
    }
}

/// Running code's environment inside the kernel: everything goes to the request's outputs.
private final class KernelHost: Language.Host {
    let context: ExecutionContext

    init(_ context: ExecutionContext) { self.context = context }

    func write(_ text: String, to stream: StandardStream) {
        context.stream(stream == .output ? .stdout : .stderr, text)
    }

    func display(_ bundle: Language.MimeBundle, id: String?, update: Bool) {
        context.display(bundle, displayID: id, update: update)
    }

    func clearOutput(wait: Bool) { context.clearOutput(wait: wait) }

    func page(_ bundle: Language.MimeBundle) { context.page(bundle) }

    func readLine(prompt: String, password: Bool) throws -> String {
        do { return try context.input(prompt: prompt, password: password) } catch let error as EngineError {
            throw LanguageError(error.ename, error.evalue)
        }
    }
}

/// For `user_expressions`: evaluation must not produce output.
private final class DiscardingHost: Language.Host {
    func write(_ text: String, to stream: StandardStream) {}
    func display(_ bundle: Language.MimeBundle, id: String?, update: Bool) {}
    func clearOutput(wait: Bool) {}
    func page(_ bundle: Language.MimeBundle) {}
    func readLine(prompt: String, password: Bool) throws -> String {
        throw LanguageError("StdinNotImplementedError", "input is not available while evaluating user expressions")
    }
}
