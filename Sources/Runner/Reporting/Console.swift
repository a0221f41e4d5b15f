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
    /// Columns the bar line may use: a line that wraps can no longer be redrawn with `\r`.
    public let width: Int
    private let lock = NSLock()
    private var barShown = false
    /// Each running notebook's bar, in the order they started; `-j` shows them side by side.
    private var bars: [(key: String, line: String)] = []
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(mode: Mode, color: Bool, width: Int = 100, out: @escaping (String) -> Void = Console.stdout,
                err: @escaping (String) -> Void = Console.stderr) {
        self.mode = mode
        self.color = color
        self.width = width
        self.writeOut = out
        self.writeErr = err
    }

    /// Lines mode unless told to be quiet or stderr is a terminal.
    public static func standard(quiet: Bool) -> Console {
        let tty = isatty(STDERR_FILENO) == 1
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
        return Console(mode: quiet ? .quiet : (tty ? .bar : .lines), color: tty, width: columns)
    }

    public static func stdout(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    public static func stderr(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// A message on stderr, above the progress bar.
    public func error(_ text: String) {
        locked {
            clearBar()
            writeErr(text.hasSuffix("\n") ? text : text + "\n")
            redrawBars()
        }
    }

    /// Progress (lines mode) or the new state of the bar `key` (bar mode); nothing when quiet.
    func progress(line: String, key: String) {
        guard mode != .quiet else { return }
        locked {
            guard mode == .bar else { return writeErr(line + "\n") }
            if let index = bars.firstIndex(where: { $0.key == key }) { bars[index].line = line } else { bars.append((key, line)) }
            drawBars()
        }
    }

    /// Removes the bar `key` (its notebook has finished).
    func endProgress(key: String) {
        locked {
            bars.removeAll { $0.key == key }
            if mode == .bar, barShown { drawBars() }
        }
    }

    /// One line holding every running notebook's bar, cut to the terminal's width.
    private func drawBars() {
        let line = bars.map(\.line).joined(separator: "  │  ")
        writeErr("\r\u{1B}[2K" + (line.count > width - 1 ? String(line.prefix(width - 2)) + "…" : line))
        barShown = !bars.isEmpty
    }

    /// Cell output for `--log-output`.
    func cellOutput(_ text: String, stderr: Bool) {
        locked {
            clearBar()
            if stderr { writeErr(text) } else { writeOut(text) }
            if text.hasSuffix("\n") { redrawBars() }
        }
    }

    private func redrawBars() {
        if mode == .bar, !bars.isEmpty { drawBars() }
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
