import CZeroMQ

/// One ZeroMQ socket.
///
/// ZeroMQ sockets are not thread-safe: one thread owns a socket at a time (it may be handed to
/// another thread, never shared). `close()` releases it at a known moment — with the linger the
/// owner set — and is idempotent; `deinit` closes a socket its owner forgot.
public final class ZMQSocket: @unchecked Sendable {
    /// Kept so the context outlives the socket (see `ZMQContext`).
    public let context: ZMQContext
    public let type: ZMQSocketType
    private(set) var handle: UnsafeMutableRawPointer?

    public init(_ context: ZMQContext, _ type: ZMQSocketType) throws {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("create \(type) socket")
        }
        self.context = context
        self.type = type
        self.handle = handle
    }

    deinit { close() }

    /// Whether `close()` has run.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket; pending outgoing messages are kept for the linger period (see `setLinger`).
    public func close() {
        guard let handle else { return }
        _ = zmq_close(handle)
        self.handle = nil
    }

    /// The live handle, or an `ENOTSOCK` error naming `operation` once closed.
    func live(_ operation: String) throws -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(code: ENOTSOCK, operation: operation) }
        return handle
    }

    /// Binds to `endpoint` (`tcp://127.0.0.1:5555`, `tcp://127.0.0.1:*`, `ipc://path`, `inproc://name`).
    public func bind(_ endpoint: String) throws {
        let operation = "bind \(endpoint)"
        guard zmq_bind(try live(operation), endpoint) == 0 else { throw ZMQError.last(operation) }
    }

    /// Connects to `endpoint`; ZeroMQ reconnects in the background, so this succeeds before a peer exists.
    public func connect(_ endpoint: String) throws {
        let operation = "connect \(endpoint)"
        guard zmq_connect(try live(operation), endpoint) == 0 else { throw ZMQError.last(operation) }
    }

    /// Disconnects from an endpoint given to `connect`.
    public func disconnect(_ endpoint: String) throws {
        let operation = "disconnect \(endpoint)"
        guard zmq_disconnect(try live(operation), endpoint) == 0 else { throw ZMQError.last(operation) }
    }
}
