import ArgumentParser
import Foundation
import Language
import Stdlib

/// `propel FILE.propel`: runs a file as a script, like `python file.py` — output goes to the
/// terminal as it is produced; on failure the located error goes to stderr and the exit status is 1.
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run a Propel script (the default: `propel FILE.propel`)."
    )

    @Argument(help: "The script to run (.propel).")
    var file: String

    func run() throws {
        let code: String
        do {
            code = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("propel: cannot read \(file): \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        let session = Stdlib.session()
        let host = TerminalHost()
        let interrupt = signalSource(session)
        defer { interrupt.cancel() }
        switch session.execute(code, cell: file, host: host) {
        case .value(let bundle):
            if let text = bundle?["text/plain"] { host.write(text + "\n", to: .output) }
        case .failure(let report):
            host.write(report.rendered + "\n", to: .error)
            throw ExitCode(1)
        }
    }

    /// Ctrl-C interrupts the script (raising `Interrupted`, reported like any error).
    private func signalSource(_ session: Session) -> DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { session.interrupt() }
        source.resume()
        return source
    }
}

/// Writes straight to the process's stdout/stderr; `display` shows the text/plain form.
final class TerminalHost: Language.Host {
    func write(_ text: String, to stream: StandardStream) {
        let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }

    func display(_ bundle: MimeBundle, id: String?, update: Bool) {
        write((bundle["text/plain"] ?? "") + "\n", to: .output)
    }

    func clearOutput(wait: Bool) {}

    func page(_ bundle: MimeBundle) {
        write((bundle["text/plain"] ?? "") + "\n", to: .output)
    }

    func readLine(prompt: String, password: Bool) throws -> String {
        write(prompt, to: .output)
        guard let line = Swift.readLine() else { throw LanguageError("EOFError", "end of input") }
        return line
    }
}
