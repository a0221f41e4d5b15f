import Foundation
import JSON
import Jupyter
import Kernel
import XCTest
import ZeroMQ

/// An in-process kernel serving a `ScriptEngine`, a `KernelClient` on it, and a raw peer for what
/// the client does not do on purpose (pipelining, forged or malformed frames, watching statuses).
final class KernelHarness {
    let connection: ConnectionInfo
    let engine = ScriptEngine()
    let server: KernelServer
    let client: KernelClient
    let raw: RawPeer
    private let logBox: LogBox

    init() throws {
        connection = try ConnectionInfo.withFreePorts()
        let box = LogBox()
        server = try KernelServer(connection: connection, engine: engine, log: { box.append($0) })
        server.start()
        client = try KernelClient(connection: connection)
        try client.waitForReady(timeout: 10)
        raw = try RawPeer(connection: connection)
        logBox = box
    }

    var log: [String] { logBox.lines }

    /// Shuts the kernel down through the client and returns whether a restart was asked.
    func shutdown(restart: Bool = false) -> Bool {
        _ = try? client.request("shutdown_request", content: ["restart": .bool(restart)], channel: .control, timeout: 5,
                                waitForIdle: false)
        let result = server.waitForShutdown()
        client.close()
        raw.close()
        return result
    }
}

final class LogBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

/// Raw sockets speaking the wire protocol by hand.
final class RawPeer {
    let context: ZMQContext
    let shell: ZMQSocket
    let control: ZMQSocket
    let iopub: ZMQSocket
    let codec: WireCodec
    let session = Session()

    init(connection: ConnectionInfo) throws {
        context = try ZMQContext()
        codec = WireCodec(signer: try connection.signer())
        shell = try ZMQSocket(context, .dealer)
        control = try ZMQSocket(context, .dealer)
        iopub = try ZMQSocket(context, .sub)
        for socket in [shell, control, iopub] { try socket.setLinger(0) }
        try iopub.subscribe()
        try shell.connect(connection.endpoint(.shell))
        try control.connect(connection.endpoint(.control))
        try iopub.connect(connection.endpoint(.iopub))
        // The kernel welcomes each subscription: once it arrives, nothing published later is missed.
        try iopub.setReceiveTimeout(5000)
        while let frames = try iopub.receive() {
            if try codec.decode(frames).msgType == "iopub_welcome" { break }
        }
    }

    @discardableResult
    func send(_ msgType: String, _ content: JSONValue, on socket: ZMQSocket? = nil) throws -> Message {
        let message = session.message(msgType, content: content)
        try (socket ?? shell).send(codec.encode(message))
        return message
    }

    /// The next reply on shell (or `socket`) within `timeout` seconds.
    func reply(on socket: ZMQSocket? = nil, timeout: Int32 = 5000) throws -> Message? {
        let socket = socket ?? shell
        try socket.setReceiveTimeout(timeout)
        return try socket.receive().map { try codec.decode($0) }
    }

    /// Every iopub message of `request` up to and including its idle status.
    func iopub(for request: Message, timeout: Int32 = 5000) throws -> [Message] {
        try iopub.setReceiveTimeout(timeout)
        var messages: [Message] = []
        while let frames = try iopub.receive() {
            let message = try codec.decode(frames)
            guard message.parentHeader?.msgID == request.header.msgID else { continue }
            messages.append(message)
            if message.msgType == "status", message.content["execution_state"] == "idle" { return messages }
        }
        XCTFail("no idle for \(request.msgType) within \(timeout) ms; got \(messages.map(\.msgType))")
        return messages
    }

    func close() {
        for socket in [shell, control, iopub] { socket.close() }
    }
}
