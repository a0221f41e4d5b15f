import Foundation
import JSON

extension KernelClient {
    /// Sends an `execute_request` without waiting, for callers that collect its output in steps:
    /// the runner waits until a cell's deadline, interrupts, then keeps collecting the same request
    /// (the interrupt's error output and the reply), which `execute(_:timeout:)` cannot do.
    public func send(_ request: ExecuteRequest) throws -> Message {
        let message = session.message("execute_request", content: try JSONValue(encoding: request))
        try shell.send(codec.encode(message))
        return message
    }

    /// Collects the reply and iopub output of a request made with `send(_:)`, until the kernel is
    /// idle for it. Throws `.timeout` after `timeout` seconds (call again to keep collecting) and
    /// `.kernelDied` as soon as the kernel process exits.
    public func collect(for request: Message, timeout: Double?, onOutput: (Message) -> Void) throws -> KernelExchange {
        try collect(for: request, replyOn: shell, timeout: timeout, waitForIdle: true, onOutput: onOutput, onInput: nil)
    }
}
