import Foundation
import Jupyter
import Kernel

/// A tiny line-oriented language for driving the kernel in tests. One command per line:
/// `print T`, `eprint T`, `value T` (the cell's result), `fail NAME MESSAGE`, `sleep SECONDS`
/// (interruptible), `display MIME T`, `show ID T`, `update ID T`, `clear`, `wait-clear`, `page T`,
/// `input PROMPT` (prints the answer), `touch PATH`, `set NAME T`, `get NAME`.
final class ScriptEngine: Engine, @unchecked Sendable {
    private var variables: [String: String] = [:]
    private let interrupted = NSLock()
    private var interruptFlag = false
    private(set) var interruptCalls = 0

    var info: EngineInfo {
        EngineInfo(implementation: "script", implementationVersion: "1.0",
                   languageInfo: LanguageInfo(name: "script", version: "1.0", mimetype: "text/x-script", fileExtension: ".script"),
                   banner: "Script engine for tests", helpLinks: [HelpLink(text: "Help", url: "https://example.org")])
    }

    func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome {
        setInterrupted(false)
        var result: MimeBundle?
        for line in code.split(separator: "\n").map(String.init) {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard let command = parts.first else { continue }
            let rest = line.dropFirst(command.count).trimmingCharacters(in: .whitespaces)
            switch command {
            case "print": context.stream(.stdout, rest + "\n")
            case "eprint": context.stream(.stderr, rest + "\n")
            case "value": result = ["text/plain": rest]
            case "fail": return .error(EngineError(ename: parts[1], evalue: parts.count > 2 ? parts[2] : "",
                                                   traceback: ["Traceback", "\(parts[1]): \(parts.count > 2 ? parts[2] : "")"]))
            case "sleep":
                let end = Date().addingTimeInterval(Double(rest) ?? 0)
                while Date() < end {
                    if isInterrupted() { return .error(EngineError(ename: "KeyboardInterrupt", evalue: "interrupted")) }
                    usleep(2000)
                }
            case "display": context.display([parts[1]: parts.count > 2 ? parts[2] : "", "text/plain": "plain"])
            case "show": context.display(["text/plain": parts[2]], displayID: parts[1])
            case "update": context.display(["text/plain": parts[2]], displayID: parts[1], update: true)
            case "clear": context.clearOutput(wait: false)
            case "wait-clear": context.clearOutput(wait: true)
            case "page": context.page(["text/plain": rest])
            case "input":
                do { context.stream(.stdout, try context.input(prompt: rest) + "\n") } catch let error as EngineError {
                    return .error(error)
                } catch {
                    return .error(EngineError(ename: "Error", evalue: "\(error)"))
                }
            case "touch": _ = FileManager.default.createFile(atPath: rest, contents: Data())
            case "set": variables[parts[1]] = parts.count > 2 ? parts[2] : ""
            case "get": result = ["text/plain": variables[parts[1]] ?? "nil"]
            default: return .error(EngineError(ename: "UnknownCommand", evalue: command))
            }
        }
        return .ok(result)
    }

    func interrupt() {
        interrupted.lock()
        interruptFlag = true
        interruptCalls += 1
        interrupted.unlock()
    }

    private func setInterrupted(_ value: Bool) {
        interrupted.lock()
        interruptFlag = value
        interrupted.unlock()
    }

    private func isInterrupted() -> Bool {
        interrupted.lock()
        defer { interrupted.unlock() }
        return interruptFlag
    }

    func complete(_ code: String, cursorPosition: Int) -> Completion {
        let prefix = String(String.UnicodeScalarView(code.unicodeScalars.prefix(cursorPosition)))
        let word = prefix.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let commands = ["print", "eprint", "page", "value", "fail", "sleep"]
        return Completion(matches: commands.filter { $0.hasPrefix(word) }, start: cursorPosition - word.unicodeScalars.count,
                          end: cursorPosition)
    }

    func inspect(_ code: String, cursorPosition: Int, detailLevel: Int) -> MimeBundle? {
        code.hasPrefix("print") ? ["text/plain": detailLevel > 0 ? "print T: writes T to stdout (detailed)" : "print T"] : nil
    }

    func isComplete(_ code: String) -> Completeness {
        if code.hasSuffix("\\") { return .incomplete(indent: "  ") }
        if code.hasPrefix("!") { return .invalid }
        return code.isEmpty ? .unknown : .complete
    }

    func evaluate(expression: String) -> Result<MimeBundle, EngineError> {
        if let value = variables[expression] { return .success(["text/plain": value]) }
        return .failure(EngineError(ename: "NameError", evalue: "\(expression) is not set"))
    }
}
