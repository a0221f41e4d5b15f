import CZeroMQ

/// A libzmq context: the I/O threads and the namespace for `inproc://` endpoints.
///
/// Every socket keeps its context alive, so the context is terminated only after its last socket
/// closed; termination then never blocks on a forgotten socket. `shutdown()` is the way to stop
/// threads blocked in a receive: their calls fail with `ETERM` and they close their sockets.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private var terminated = false

    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("create context") }
        self.handle = handle
    }

    /// Makes every blocking call on this context's sockets fail with `ETERM`. Thread-safe.
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    /// Waits until every socket of the context is closed and its pending messages are sent (each
    /// socket's linger bounds that), then frees the context. Idempotent; `deinit` does it otherwise.
    /// Call only once all sockets are closed or about to be, or it blocks.
    public func terminate() {
        guard !terminated else { return }
        terminated = true
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit { terminate() }
}
