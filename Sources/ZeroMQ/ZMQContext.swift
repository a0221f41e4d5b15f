import CZeroMQ

/// A libzmq context: the I/O threads and the namespace for `inproc://` endpoints.
///
/// Every socket keeps its context alive, so the context is terminated only after its last socket
/// closed; termination then never blocks on a forgotten socket. `shutdown()` is the way to stop
/// threads blocked in a receive: their calls fail with `ETERM` and they close their sockets.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private var terminated = false

    /// With `yieldingIOThread`, the I/O thread runs under `SCHED_BATCH`: woken by a send, it
    /// does not preempt the sending thread. A thread that sends several messages in a row then
    /// finishes them before the I/O thread writes them all at once (one system call, one TCP
    /// segment, one wake-up of the peer), instead of being interrupted after each one when no
    /// other CPU is free. (Any user may choose this policy; it never raises priority.)
    public init(yieldingIOThread: Bool = false) throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("create context") }
        self.handle = handle
        if yieldingIOThread && zmq_ctx_set(handle, ZMQ_THREAD_SCHED_POLICY, Self.batchPolicy) != 0 {
            throw ZMQError.last("set the I/O thread's scheduling policy")
        }
    }

    /// Linux's `SCHED_BATCH` (Glibc's Swift module leaves out the constant).
    private static let batchPolicy: Int32 = 3

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
