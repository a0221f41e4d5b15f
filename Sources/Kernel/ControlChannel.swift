import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The thread owning the control socket, so interrupt and shutdown are served while a cell runs.
final class ControlChannel: @unchecked Sendable {
    private let socket: ZMQSocket
    private let codec: WireCodec
    private let session: Session
    private let publisher: IOPubPublisher
    private let log: KernelLog
    let finished = DispatchSemaphore(value: 0)
    var interrupt: () -> Void = {}
    var kernelInfoContent: () -> JSONValue = { [:] }
    /// Called once the shutdown_reply is on its way; the argument is `restart`.
    var shutdown: (Bool) -> Void = { _ in }

    init(socket: ZMQSocket, codec: WireCodec, session: Session, publisher: IOPubPublisher, log: @escaping KernelLog) {
        self.socket = socket
        self.codec = codec
        self.session = session
        self.publisher = publisher
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "control"
        thread.start()
    }

    private func run() {
        defer {
            socket.close()
            finished.signal()
        }
        while let frames = try? socket.receive() {
            let message: Message
            do { message = try codec.decode(frames) } catch {
                log("dropped message on control: \(error)")
                continue
            }
            if let restart = handle(message) {
                shutdown(restart)
                return
            }
        }
    }

    /// Handles one request inside busy/idle; for a shutdown, its `restart` flag.
    private func handle(_ request: Message) -> Bool? {
        publisher.status(.busy, parent: request)
        defer { publisher.status(.idle, parent: request) }
        switch request.msgType {
        case "interrupt_request":
            interrupt()
            send(request, "interrupt_reply", ["status": "ok"])
        case "kernel_info_request":
            send(request, "kernel_info_reply", kernelInfoContent())
        case "shutdown_request":
            let restart = request.content["restart"]?.boolValue ?? false
            send(request, "shutdown_reply", ["status": "ok", "restart": .bool(restart)])
            return restart
        default:
            log("ignored \(request.msgType) on control: unknown message type")
        }
        return nil
    }

    private func send(_ request: Message, _ msgType: String, _ content: JSONValue) {
        do { try socket.send(codec.encode(session.message(msgType, content: content, parent: request))) } catch {
            log("could not send \(msgType): \(error)")
        }
    }
}
