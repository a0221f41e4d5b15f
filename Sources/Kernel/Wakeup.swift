import Foundation

/// A pipe one thread waits on (next to its sockets' event descriptors) and others signal: how a
/// channel thread is told to stop, or to look at a socket again. (Glibc's module map leaves out
/// eventfd.)
final class Wakeup: @unchecked Sendable {
    private var ends: [Int32] = [-1, -1]

    init() {
        precondition(pipe(&ends) == 0, "cannot create a wake pipe: \(String(cString: strerror(errno)))")
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit { ends.forEach { close($0) } }

    /// Readable from `signal` until `clear`.
    var descriptor: Int32 { ends[0] }

    func signal() {
        var byte: UInt8 = 1
        _ = write(ends[1], &byte, 1)
    }

    /// Forgets the signals so far (call before looking at what they were about).
    func clear() {
        var drain = [UInt8](repeating: 0, count: 64)
        while read(ends[0], &drain, drain.count) > 0 {}
    }
}

/// Blocks until one of `descriptors` is readable (a signal interrupting the wait is retried).
func waitUntilReadable(_ descriptors: [Int32]) {
    var items = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    while poll(&items, nfds_t(items.count), -1) < 0 && errno == EINTR {}
}
