import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The single owner of the iopub socket (XPUB). Other threads `publish`; this thread sends in
/// order, and greets every new subscription with `iopub_welcome` (protocol 5.5), which lets clients
/// know their subscription is live instead of racing the slow-joiner problem.
final class IOPubPublisher: @unchecked Sendable {
    private let socket: ZMQSocket
    private let session: Session
    private let codec: WireCodec
    private let outbox = Outbox<[[UInt8]]>()
    private let log: KernelLog
    let finished = DispatchSemaphore(value: 0)

    init(socket: ZMQSocket, session: Session, codec: WireCodec, log: @escaping KernelLog) throws {
        self.socket = socket
        self.session = session
        self.codec = codec
        self.log = log
        try socket.setXPubVerbose(true)
    }

    /// Queues a message; `parent` is the request it belongs to (nil for kernel-wide news).
    func publish(_ msgType: String, _ content: JSONValue, parent: Message?) {
        var message = session.message(msgType, content: content, parent: parent)
        message.identities = [Array("kernel.\(session.id).\(msgType)".utf8)]
        outbox.post(codec.encode(message))
    }

    func status(_ state: Status.State, parent: Message?) {
        publish("status", ["execution_state": .string(state.rawValue)], parent: parent)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "iopub"
        thread.start()
    }

    /// Sends what is queued, then closes the socket.
    func stop() { outbox.stop() }

    private func run() {
        defer {
            socket.close()
            finished.signal()
        }
        do {
            while true {
                let ready = try zmqPoll([.socket(socket), .fileDescriptor(outbox.wakeDescriptor)], timeoutMilliseconds: -1)
                if ready[0].readable { try welcomeSubscribers() }
                if ready[1].any {
                    for frames in outbox.take() { try socket.send(frames) }
                    if outbox.isStopping { return }
                }
            }
        } catch let error as ZMQError where error.isTerminated {
            return
        } catch {
            log("iopub publisher stopped: \(error)")
        }
    }

    /// XPUB delivers subscriptions as `\u{1}topic` (and unsubscriptions as `\u{0}topic`).
    private func welcomeSubscribers() throws {
        while let frames = try socket.receive(dontWait: true) {
            guard let event = frames.first, event.first == 1 else { continue }
            let topic = String(decoding: event.dropFirst(), as: UTF8.self)
            var message = session.message("iopub_welcome", content: ["subscription": .string(topic)])
            message.identities = [Array("kernel.\(session.id).iopub_welcome".utf8)]
            try socket.send(codec.encode(message))
        }
    }
}
