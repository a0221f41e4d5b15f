import Foundation
import JSON
import ZeroMQ

/// A connection to one kernel: send requests, collect each request's reply and iopub output.
///
/// Start one with `KernelClient.start(kernelName:options:)` (spawns the kernel from its kernelspec)
/// or connect to a running kernel with `init(connection:)`. Use a client from one thread at a time,
/// except `interrupt()` and `isAlive`, which may be called from another thread while `execute` runs.
///
/// Every call that waits also watches the kernel process: if it dies, the call throws
/// `KernelClientError.kernelDied` at once instead of waiting out its timeout.
public final class KernelClient: @unchecked Sendable {
    public let connection: ConnectionInfo
    public let session: Session
    /// The kernelspec it was started from, when `start` started it.
    public let spec: InstalledKernelSpec?
    /// The kernel process, when this client started it (replaced by `restart`).
    public internal(set) var process: KernelProcess?
    /// Where `start` wrote the connection file (deleted by `shutdown` and `close`).
    public let connectionFile: String?

    let codec: WireCodec
    let context: ZMQContext
    let shell: ZMQSocket
    let control: ZMQSocket
    let iopub: ZMQSocket
    let stdin: ZMQSocket
    let heartbeat: ZMQSocket
    let controlLock = NSLock()
    var launch: (argv: [String], environment: [String: String], directory: String?, logPath: String?)?

    /// Connects to a kernel listening at `connection` (sockets connect in the background; see `waitForReady`).
    public init(connection: ConnectionInfo, process: KernelProcess? = nil, spec: InstalledKernelSpec? = nil,
                connectionFile: String? = nil) throws {
        self.connection = connection
        self.process = process
        self.spec = spec
        self.connectionFile = connectionFile
        session = Session()
        codec = WireCodec(signer: try connection.signer())
        context = try ZMQContext()
        let identity = Array(session.id.utf8)
        shell = try ZMQSocket(context, .dealer)
        control = try ZMQSocket(context, .dealer)
        iopub = try ZMQSocket(context, .sub)
        stdin = try ZMQSocket(context, .dealer)
        heartbeat = try ZMQSocket(context, .dealer)
        for socket in [shell, control, iopub, stdin, heartbeat] {
            try socket.setLinger(0)
            // The kernel we just started binds a few ms after we connect: retry soon, not in 100 ms.
            try socket.setReconnectInterval(5)
        }
        // The kernel routes input_request with the execute request's identities: stdin must match shell.
        try shell.setIdentity(identity)
        try stdin.setIdentity(identity)
        try iopub.subscribe()
        try shell.connect(connection.endpoint(.shell))
        try control.connect(connection.endpoint(.control))
        try iopub.connect(connection.endpoint(.iopub))
        try stdin.connect(connection.endpoint(.stdin))
        try heartbeat.connect(connection.endpoint(.hb))
    }

    deinit { close() }

    /// Whether the kernel process (when this client started it) is still running.
    public var isAlive: Bool { process?.isAlive ?? true }

    /// Sends `code` for execution and collects everything it produced until the kernel went idle.
    ///
    /// - `onOutput` sees each iopub output (stream, display_data, update_display_data, execute_result,
    ///   error, clear_output, execute_input…) as it arrives; the same messages are in the result.
    /// - `onInput` answers `input_request`s (requires `request.allowStdin`); returning `nil` answers "".
    /// - `timeout` (seconds, `nil` = none) bounds the whole exchange; on expiry this throws
    ///   `.timeout` and the kernel may still be running the code (call `interrupt()`).
    public func execute(_ request: ExecuteRequest, timeout: Double? = nil,
                        onOutput: (Message) -> Void = { _ in },
                        onInput: ((InputRequest) -> String?)? = nil) throws -> KernelExecution {
        let exchange = try self.request("execute_request", content: try JSONValue(encoding: request), channel: .shell,
                                        timeout: timeout, onOutput: onOutput, onInput: onInput)
        return KernelExecution(reply: try exchange.reply.decodeContent(ExecuteReply.self), replyMessage: exchange.reply,
                               outputs: exchange.outputs)
    }

    /// Convenience: runs `code` with default options.
    public func execute(_ code: String, timeout: Double? = nil,
                        onOutput: (Message) -> Void = { _ in }) throws -> KernelExecution {
        try execute(ExecuteRequest(code: code, allowStdin: false), timeout: timeout, onOutput: onOutput)
    }

    /// Sends any request on shell or control and returns its reply plus the iopub messages it
    /// caused (statuses excluded), waiting for `status: idle` unless `waitForIdle` is false.
    public func request(_ msgType: String, content: JSONValue = [:], channel: Channel = .shell,
                        timeout: Double? = nil, waitForIdle: Bool = true, untilIOPubLive: Bool = false,
                        onOutput: (Message) -> Void = { _ in },
                        onInput: ((InputRequest) -> String?)? = nil) throws -> KernelExchange {
        guard channel == .shell || channel == .control else {
            throw KernelClientError.protocolError("requests go on shell or control, not \(channel)")
        }
        if channel == .control { controlLock.lock() }
        defer { if channel == .control { controlLock.unlock() } }
        let socket = channel == .shell ? shell : control
        let message = session.message(msgType, content: content)
        try socket.send(codec.encode(message))
        return try collect(for: message, replyOn: socket, timeout: timeout, waitForIdle: waitForIdle,
                           untilIOPubLive: untilIOPubLive, onOutput: onOutput, onInput: onInput)
    }

    /// Checks the heartbeat: whether the kernel echoed a ping within `timeout` seconds.
    public func ping(timeout: Double = 1) -> Bool {
        let payload = Array(UUID().uuidString.utf8)
        guard (try? heartbeat.send([[], payload])) != nil else { return false }
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            let wait = Int(deadline.timeIntervalSinceNow * 1000)
            guard let ready = try? zmqPoll([.socket(heartbeat)], timeoutMilliseconds: max(wait, 0)), ready[0].readable,
                  let frames = try? heartbeat.receive(dontWait: true) else { continue }
            if frames.last == payload { return true }
        }
        return false
    }

    /// Closes the sockets and, if this client started the kernel and it still runs, kills it.
    /// `shutdown()` is the polite way; this is for cleanup paths.
    public func close() {
        for socket in [shell, control, iopub, stdin, heartbeat] { socket.close() }
        if let process, process.isAlive {
            process.signalGroup(SIGKILL)
            process.wait()
        }
        if let connectionFile { unlink(connectionFile) }
    }
}

/// A request's reply and the iopub messages it caused, in arrival order (statuses excluded).
public struct KernelExchange: Sendable {
    public let reply: Message
    public let outputs: [Message]
}

/// An execute's typed reply, the reply message, and its iopub outputs in arrival order.
public struct KernelExecution: Sendable {
    public let reply: ExecuteReply
    public let replyMessage: Message
    public let outputs: [Message]
}
