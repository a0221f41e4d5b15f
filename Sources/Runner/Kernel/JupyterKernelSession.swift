import Foundation
import Jupyter
import JSON

/// Adapts a `KernelClient` to what the executor needs, and ties it to the runner's SIGINT/SIGTERM
/// handling so a cancelled run still ends with the kernel gone.
final class JupyterKernelSession: KernelSession, Cancellation.Cancellable, @unchecked Sendable {
    let client: KernelClient
    let log: KernelLog
    let languageInfo: JSONValue?
    private let lock = NSLock()
    private var cancelledBy: Int32?
    private var closed = false

    init(client: KernelClient, log: KernelLog) {
        self.client = client
        self.log = log
        languageInfo = (try? client.request("kernel_info_request", timeout: 10, waitForIdle: false))?.reply.content["language_info"]
        Cancellation.shared.register(self)
    }

    var kernelPID: pid_t? { client.process?.pid }

    var cancelSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return cancelledBy
    }

    func execute(_ code: String) throws -> PendingExecution {
        let request = try client.send(ExecuteRequest(code: code, allowStdin: false, stopOnError: true))
        return Pending(session: self, request: request)
    }

    func interrupt() {
        try? client.interrupt()
    }

    func shutdown() {
        lock.lock()
        let alreadyClosed = closed
        closed = true
        lock.unlock()
        guard !alreadyClosed else { return }
        Cancellation.shared.unregister(self)
        client.shutdown(timeout: 2)
        log.remove()
    }

    /// First SIGINT/SIGTERM to the runner: interrupt the cell so the kernel reports where it was;
    /// if it has not stopped within a second, kill its process group (the wait then returns at once).
    func cancel(signal: Int32) {
        lock.lock()
        cancelledBy = signal
        lock.unlock()
        try? client.interrupt()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [weak self] in
            guard let self, !self.isClosed else { return }
            self.client.process?.signalGroup(SIGKILL)
        }
    }

    /// Second signal: no grace.
    func kill() {
        client.process?.signalGroup(SIGKILL)
        if let file = client.connectionFile { unlink(file) }
    }

    private var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    final class Pending: PendingExecution {
        let session: JupyterKernelSession
        let request: Message

        init(session: JupyterKernelSession, request: Message) {
            self.session = session
            self.request = request
        }

        func wait(until deadline: ContinuousClock.Instant?, onMessage: (KernelMessage) -> Void) -> ExecutionWait {
            let timeout = deadline.map { max(0, (($0 - ContinuousClock().now).seconds)) }
            do {
                let exchange = try session.client.collect(for: request, timeout: timeout) { message in
                    onMessage(KernelMessage(type: message.msgType, content: message.content, date: message.header.date))
                }
                if let signal = session.cancelSignal { return .cancelled(signal: signal) }
                return .reply(content: exchange.reply.content, date: exchange.reply.header.date)
            } catch {
                if let signal = session.cancelSignal { return .cancelled(signal: signal) }
                switch error as? KernelClientError {
                case .timeout?: return .timedOut
                case .kernelDied(let status)?: return .died(reason: Self.describe(status) + session.log.tail())
                default: return .died(reason: "\(error)")
                }
            }
        }

        /// The client reports shell-style statuses: a code, or 128 + signal.
        static func describe(_ status: Int32) -> String {
            guard status > 128 else { return "exited with status \(status)" }
            let signal = status - 128
            let names: [Int32: String] = [SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGINT: "SIGINT", SIGBUS: "SIGBUS"]
            return "killed by signal \(signal)" + (names[signal].map { " (\($0))" } ?? "")
        }
    }
}
