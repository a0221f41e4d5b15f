import CZeroMQ

/// A failed libzmq call, carrying the `errno` libzmq reported and what was being attempted,
/// so a bind on a taken port says which address, not just "Address already in use".
public struct ZMQError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The `errno` value (e.g. `EADDRINUSE`, `ETERM`, `EAGAIN`).
    public let code: Int32
    /// The operation that failed, e.g. `bind tcp://127.0.0.1:5555`.
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// The error libzmq recorded for the calling thread.
    static func last(_ operation: String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation)
    }

    /// libzmq's own wording for `code`.
    public var message: String { String(cString: zmq_strerror(code)) }

    /// The context was shut down or terminated: the socket's owner should close it and stop.
    public var isTerminated: Bool { code == ETERM }

    public var description: String { "ZeroMQ: \(operation): \(message) (errno \(code))" }
}
