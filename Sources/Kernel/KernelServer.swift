import Foundation
import JSON
import Jupyter
import ZeroMQ

/// A Jupyter kernel serving one `Engine` on the sockets a connection file names.
///
/// Threads: heartbeat (REP echo) and control (interrupt, shutdown, kernel_info) own their sockets;
/// two shell workers take turns reading shell and stdin and running requests (one at a time runs
/// the engine); the iopub thread welcomes subscribers. Shell, stdin and iopub are shared under
/// locks, so replies and outputs leave from the thread that makes them. `start()` returns at once;
/// `waitForShutdown()` blocks until a shutdown_request (or `stop()`) and tears everything down
/// with bounded waits.
public final class KernelServer: @unchecked Sendable {
    public let connection: ConnectionInfo
    public let session = Session(username: "kernel")
    private let engine: Engine
    private let log: KernelLog
    private let context: ZMQContext
    private let publisher: IOPubPublisher
    private let shell: ShellChannel
    private let control: ControlChannel
    private let heartbeat: Heartbeat
    private let executor: Executor
    private let stopped = DispatchSemaphore(value: 0)
    private let stopLock = NSLock()
    private var restartRequested: Bool?

    /// How long closing sockets may take to deliver what is still queued (the last idle, the shutdown reply).
    static let lingerMilliseconds: Int32 = 500

    /// Binds all five sockets (only the address in `connection`). Throws when a port is taken.
    public init(connection: ConnectionInfo, engine: Engine, log: @escaping KernelLog = KernelLogs.standardError) throws {
        self.connection = connection
        self.engine = engine
        self.log = log
        let codec = WireCodec(signer: try connection.signer())
        // Requests end in bursts of messages (result, reply, idle): sent together, they cost the
        // client one wake-up instead of one each.
        let context = try ZMQContext(yieldingIOThread: true)
        self.context = context
        func bound(_ type: ZMQSocketType, _ channel: Channel) throws -> ZMQSocket {
            let socket = try ZMQSocket(context, type)
            try socket.setLinger(Self.lingerMilliseconds)
            if type == .router { try socket.setMaximumMessageSize(Int64(codec.maximumBytes)) }
            try socket.bind(connection.endpoint(channel))
            return socket
        }
        let iopubSocket = try bound(.xpub, .iopub)
        try iopubSocket.setHighWaterMarks(send: 100_000, receive: 1000)
        publisher = try IOPubPublisher(socket: iopubSocket, session: session, codec: codec, log: log)
        let shell = try ShellChannel(shell: try bound(.router, .shell), stdin: try bound(.router, .stdin), codec: codec, log: log)
        self.shell = shell
        control = ControlChannel(socket: try bound(.router, .control), codec: codec, session: session,
                                 publisher: publisher, log: log)
        heartbeat = Heartbeat(socket: try bound(.rep, .hb))
        let session = self.session
        weak var weakSelf: KernelServer?
        executor = Executor(
            engine: engine, publisher: publisher, session: session, log: log,
            prepareReply: { message in shell.prepareReply(message) },
            sendInputRequest: { message in shell.requestInput(message) },
            shutdown: { request in
                let restart = request.content["restart"]?.boolValue ?? false
                shell.reply(session.message("shutdown_reply", content: ["status": "ok", "restart": .bool(restart)], parent: request))
                weakSelf?.requestStop(restart: restart)
            })
        weakSelf = self
        let info = Self.kernelInfoContent(engine.info)
        shell.executor = executor
        executor.drainShell = { [weak shell] in shell?.drain() }
        shell.kernelInfo = { [publisher, weak shell] request in
            publisher.status(.busy, parent: request)
            shell?.reply(session.message("kernel_info_reply", content: info, parent: request))
            publisher.status(.idle, parent: request)
        }
        control.interrupt = { [executor] in executor.interrupt() }
        control.kernelInfoContent = { info }
        control.shutdown = { [weak self] restart in self?.requestStop(restart: restart) }
    }

    /// Starts the threads and announces `status: starting`.
    public func start() {
        publisher.start()
        heartbeat.start()
        shell.start(stackSize: engine.executionStackSize)
        control.start()
        publisher.status(.starting, parent: nil)
    }

    /// Interrupts the running cell (what SIGINT does).
    public func interrupt() { executor.interrupt() }

    /// Shuts down as if a shutdown_request without restart had arrived.
    public func stop() { requestStop(restart: false) }

    /// Blocks until shutdown, then closes every socket (pending replies get `lingerMilliseconds`
    /// to leave) and returns whether the client asked for a restart.
    @discardableResult
    public func waitForShutdown() -> Bool {
        stopped.wait()
        executor.stop()
        executor.interrupt()
        publisher.stop()
        shell.stop()
        let drained = [publisher.finished, shell.finished].allSatisfy { $0.wait(timeout: .now() + 1) == .success }
        context.shutdown()
        let closed = [heartbeat.finished, control.finished].allSatisfy { $0.wait(timeout: .now() + 1) == .success }
        // Terminating waits for every socket to close; a thread that did not finish would hang it.
        if drained && closed { context.terminate() } else { log("shutdown: a channel thread did not finish in time") }
        stopLock.lock()
        defer { stopLock.unlock() }
        return restartRequested ?? false
    }

    private func requestStop(restart: Bool) {
        stopLock.lock()
        let first = restartRequested == nil
        if first { restartRequested = restart }
        stopLock.unlock()
        if first { stopped.signal() }
    }

    private static func kernelInfoContent(_ info: EngineInfo) -> JSONValue {
        let reply = KernelInfoReply(implementation: info.implementation, implementationVersion: info.implementationVersion,
                                    languageInfo: info.languageInfo, banner: info.banner, helpLinks: info.helpLinks)
        return (try? JSONValue(encoding: reply)) ?? [:]
    }
}
