import JSON

/// What the runner needs from a running kernel, and nothing more: the executor is written and
/// tested against this, and `JupyterKernelSession` adapts the Jupyter client to it.
public protocol KernelSession: AnyObject {
    /// `language_info` from the kernel's `kernel_info_reply`.
    var languageInfo: JSONValue? { get }

    /// Sends an `execute_request` (`allow_stdin: false`, `stop_on_error: true`).
    func execute(_ code: String) throws -> PendingExecution

    /// Interrupts the running cell the way the kernelspec asks (SIGINT or `interrupt_request`).
    func interrupt()

    /// Bounded shutdown: `shutdown_request`, a short grace period, then SIGTERM and SIGKILL to the
    /// kernel's process group; the connection file is removed. Safe to call more than once.
    func shutdown()
}

/// An execute request in flight.
public protocol PendingExecution: AnyObject {
    /// Delivers this request's iopub messages in order until its reply and `idle` status have both
    /// arrived (→ `.reply`), `deadline` passes (→ `.timedOut`), the kernel process exits
    /// (→ `.died`, within 100 ms of the exit), or the run is cancelled (→ `.cancelled`).
    /// May be called again after `.timedOut` to collect what the interrupt produces.
    func wait(until deadline: ContinuousClock.Instant?, onMessage: (KernelMessage) -> Void) -> ExecutionWait
}

/// One iopub message addressed to the request.
public struct KernelMessage: Equatable, Sendable {
    public var type: String
    public var content: JSONValue
    /// The header's `date`, for `metadata.execution` timestamps.
    public var date: String?

    public init(type: String, content: JSONValue, date: String? = nil) {
        self.type = type
        self.content = content
        self.date = date
    }
}

public enum ExecutionWait: Equatable, Sendable {
    /// The `execute_reply`'s content and header date.
    case reply(content: JSONValue, date: String?)
    case timedOut
    /// The kernel process is gone; the reason names the exit status or signal.
    case died(reason: String)
    /// The runner itself was asked to stop (SIGINT / SIGTERM).
    case cancelled(signal: Int32)
}
