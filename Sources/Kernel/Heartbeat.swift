import Foundation
import ZeroMQ

/// Echoes heartbeat pings byte for byte on its own thread, so a long-running cell never makes
/// the kernel look dead. Ends when the context shuts down.
final class Heartbeat: @unchecked Sendable {
    private let socket: ZMQSocket
    let finished = DispatchSemaphore(value: 0)

    init(socket: ZMQSocket) {
        self.socket = socket
    }

    func start() {
        let thread = Thread { [self] in
            defer {
                socket.close()
                finished.signal()
            }
            while let frames = try? socket.receive() {
                guard (try? socket.send(frames)) != nil else { return }
            }
        }
        thread.name = "heartbeat"
        thread.start()
    }
}
