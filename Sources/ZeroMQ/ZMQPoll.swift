import CZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// What `zmqPoll` waits for on one socket or file descriptor.
public struct ZMQPollItem {
    enum Target {
        case socket(ZMQSocket)
        case fileDescriptor(Int32)
    }

    let target: Target
    let events: Int16

    /// Wait for a socket to have a message to read (and, with `writable`, room to send).
    public static func socket(_ socket: ZMQSocket, readable: Bool = true, writable: Bool = false) -> ZMQPollItem {
        ZMQPollItem(target: .socket(socket), events: mask(readable, writable))
    }

    /// Wait for a plain file descriptor (a pipe a thread writes to wake the poller).
    public static func fileDescriptor(_ fd: Int32, readable: Bool = true, writable: Bool = false) -> ZMQPollItem {
        ZMQPollItem(target: .fileDescriptor(fd), events: mask(readable, writable))
    }

    private static func mask(_ readable: Bool, _ writable: Bool) -> Int16 {
        (readable ? Int16(ZMQ_POLLIN) : 0) | (writable ? Int16(ZMQ_POLLOUT) : 0)
    }
}

/// Which events are ready on one polled item.
public struct ZMQPollResult: Equatable, Sendable {
    public let readable: Bool
    public let writable: Bool
    /// A file descriptor hung up or failed (a pipe whose writers all closed reports this, not readable).
    public let failed: Bool
    public var any: Bool { readable || writable || failed }
}

/// Waits until an item is ready or `timeoutMilliseconds` passed (`-1`: forever), returning one
/// result per item in order. A signal interrupting the wait is retried with the time left, so
/// callers never see `EINTR` (SIGINT reaches kernels often: jupyter_client sends it on shutdown).
public func zmqPoll(_ items: [ZMQPollItem], timeoutMilliseconds: Int) throws -> [ZMQPollResult] {
    var raw = try items.map { item -> zmq_pollitem_t in
        var entry = zmq_pollitem_t()
        switch item.target {
        case .socket(let socket): entry.socket = try socket.live("poll")
        case .fileDescriptor(let fd): entry.fd = fd
        }
        entry.events = item.events
        return entry
    }
    let deadline = timeoutMilliseconds < 0 ? nil : monotonicMilliseconds() + timeoutMilliseconds
    while true {
        let remaining = deadline.map { max(0, $0 - monotonicMilliseconds()) } ?? -1
        let rc = raw.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, Int32($0.count), remaining) }
        if rc >= 0 { break }
        if zmq_errno() == EINTR { continue }
        throw ZMQError.last("poll")
    }
    return raw.map {
        ZMQPollResult(readable: $0.revents & Int16(ZMQ_POLLIN) != 0, writable: $0.revents & Int16(ZMQ_POLLOUT) != 0,
                      failed: $0.revents & Int16(ZMQ_POLLERR) != 0)
    }
}

/// Milliseconds on a clock that never jumps (wall-clock changes must not stretch a timeout).
func monotonicMilliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
}
