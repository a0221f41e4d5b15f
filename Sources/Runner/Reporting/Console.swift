import Foundation

/// The runner's terminal: stderr for progress and reports, stdout for `--log-output` cell output.
/// One lock serialises writes so parallel notebooks (`-j`) never interleave within a line.
public final class Console: @unchecked Sendable {
    public enum Mode: Sendable {
        /// A progress bar redrawn in place (stderr is a terminal).
        case bar
        /// One line per cell (CI logs).
        case lines
        /// Errors and failed notebooks only.
        case quiet
    }

    public let mode: Mode
    /// Whether stderr is a terminal, so tracebacks keep their colours.
    public let color: Bool
    private let lock = NSLock()
    private var barShown = false
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(mode: Mode, color: Bool, out: @escaping (String) -> Void = Console.stdout, err: @escaping (String) -> Void = Console.stderr) {
        self.mode = mode
        self.color = color
        self.writeOut = out
        self.writeErr = err
    }

    /// Lines mode unless told to be quiet or stderr is a terminal.
    public static func standard(quiet: Bool) -> Console {
        let tty = isatty(STDERR_FILENO) == 1
        return Console(mode: quiet ? .quiet : (tty ? .bar : .lines), color: tty)
    }

    public static func stdout(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    public static func stderr(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// A message on stderr, clearing the progress bar first.
    public func error(_ text: String) {
        locked {
            clearBar()
            writeErr(text.hasSuffix("\n") ? text : text + "\n")
        }
    }

    /// Progress (lines mode) or the bar's new state (bar mode); nothing when quiet.
    func progress(line: String) {
        guard mode != .quiet else { return }
        locked {
            if mode == .bar {
                writeErr("\r\u{1B}[2K" + line)
                barShown = true
            } else {
                writeErr(line + "\n")
            }
        }
    }

    /// Cell output for `--log-output`.
    func cellOutput(_ text: String, stderr: Bool) {
        locked {
            clearBar()
            if stderr { writeErr(text) } else { writeOut(text) }
        }
    }

    private func clearBar() {
        if barShown {
            writeErr("\r\u{1B}[2K")
            barShown = false
        }
    }

    private func locked(_ body: () -> Void) {
        lock.lock()
        body()
        lock.unlock()
    }
}
