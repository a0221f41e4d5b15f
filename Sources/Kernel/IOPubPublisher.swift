import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The iopub socket (XPUB). `publish` encodes and sends on the calling thread (the socket is
/// shared under a lock): the execution thread's status, inputs and results leave at once, in the
/// order it made them, without waking another thread. The publisher's own thread only waits for
/// subscriptions and greets each with `iopub_welcome` (protocol 5.5), which lets clients know
/// their subscription is live instead of racing the slow-joiner problem.
final class IOPubPublisher: @unchecked Sendable {
    private let socket: SharedSocket
    private let session: Session
    private let codec: WireCodec
    private let log: KernelLog
    /// `kernel.{session}.` — the topic of every message is this plus its type.
    private let topicPrefix: [UInt8]
    private let wakeup = Wakeup()
    private let stopLock = NSLock()
    private var stopping = false
    let finished = DispatchSemaphore(value: 0)

    init(socket: ZMQSocket, session: Session, codec: WireCodec, log: @escaping KernelLog) throws {
        try socket.setXPubVerbose(true)
        self.socket = try SharedSocket(socket, reader: wakeup)
        self.session = session
        topicPrefix = Array("kernel.\(session.id).".utf8)
        self.codec = codec
        self.log = log
    }

    /// Sends a message; `parent` is the request it belongs to (nil for kernel-wide news).
    func publish(_ msgType: String, _ content: JSONValue, parent: Message?) {
        prepare(msgType, content, parent: parent)()
    }

    /// Makes and encodes a message now and returns what sends it, so a thread can make several
    /// and then send them back to back (see `Executor.sendOutbox`).
    func prepare(_ msgType: String, _ content: JSONValue, parent: Message?) -> () -> Void {
        var message = session.message(msgType, content: content, parent: parent)
        message.identities = [topicPrefix + msgType.utf8]
        let frames = codec.encode(message)
        return { [self] in
            do { try socket.send(frames) } catch {
                log("could not publish \(msgType): \(error)")
            }
        }
    }

    func status(_ state: Status.State, parent: Message?) {
        publish("status", Self.status(state), parent: parent)
    }

    /// The content of a `status` message.
    static func status(_ state: Status.State) -> JSONValue {
        ["execution_state": .string(state.rawValue)]
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "iopub"
        thread.start()
    }

    /// Closes the socket (what was sent still leaves, within the linger period); later messages are dropped.
    func stop() {
        stopLock.lock()
        stopping = true
        stopLock.unlock()
        wakeup.signal()
    }

    private var isStopping: Bool {
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopping
    }

    private func run() {
        defer {
            socket.close()
            finished.signal()
        }
        do {
            while !isStopping {
                try socket.receiveAll(welcome)
                waitUntilReadable([socket.eventDescriptor, wakeup.descriptor])
                wakeup.clear()
            }
        } catch let error as ZMQError where error.isTerminated {
            return
        } catch {
            log("iopub publisher stopped: \(error)")
        }
    }

    /// XPUB delivers subscriptions as `\u{1}topic` (and unsubscriptions as `\u{0}topic`).
    private func welcome(_ frames: [[UInt8]]) {
        guard let event = frames.first, event.first == 1 else { return }
        let topic = String(decoding: event.dropFirst(), as: UTF8.self)
        publish("iopub_welcome", ["subscription": .string(topic)], parent: nil)
    }
}
