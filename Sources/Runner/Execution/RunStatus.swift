/// How a notebook run ended, and the process exit code for it. The codes are part of the CLI's
/// contract (documented in `propel run --help`) so CI scripts can tell failures apart.
public enum RunStatus: Equatable, Sendable {
    case ok
    /// A cell raised an error that was not allowed (exit 1).
    case cellError
    /// Bad flags, parameters or input notebook (exit 2).
    case usage
    /// A cell ran past `--timeout`, or the notebook past `--total-timeout` (exit 3).
    case timeout
    /// The kernel process exited while the notebook was running (exit 4).
    case kernelDied
    /// The kernelspec was not found or the kernel did not start and answer in time (exit 5).
    case kernelStartFailed
    /// The runner got SIGINT or SIGTERM (exit 128 + signal, as shells report it).
    case cancelled(signal: Int32)

    public var exitCode: Int32 {
        switch self {
        case .ok: return 0
        case .cellError: return 1
        case .usage: return 2
        case .timeout: return 3
        case .kernelDied: return 4
        case .kernelStartFailed: return 5
        case .cancelled(let signal): return 128 + signal
        }
    }

    /// The word that opens the notebook's summary line.
    public var label: String {
        switch self {
        case .ok: return "OK"
        case .cellError: return "FAILED"
        case .usage: return "INVALID"
        case .timeout: return "TIMEOUT"
        case .kernelDied: return "KERNEL DIED"
        case .kernelStartFailed: return "KERNEL FAILED"
        case .cancelled: return "CANCELLED"
        }
    }

    /// The run's exit code over several notebooks: 0 when all succeeded, otherwise the code of the
    /// first notebook (in command-line order) that did not; a cancellation wins over everything.
    public static func overall(_ statuses: [RunStatus]) -> RunStatus {
        if let cancelled = statuses.first(where: { if case .cancelled = $0 { return true }; return false }) { return cancelled }
        return statuses.first { $0 != .ok } ?? .ok
    }

    /// The text `propel run --help` shows.
    public static let helpText = """
        Exit codes: 0 every notebook succeeded · 1 a cell raised an error · 2 usage error (flags, \
        parameters, unreadable notebook) · 3 a cell or the whole notebook timed out · 4 the kernel \
        died · 5 the kernel was not found or failed to start · 130/143 interrupted by SIGINT/SIGTERM. \
        With several notebooks, the code is that of the first notebook that did not succeed.
        """
}
