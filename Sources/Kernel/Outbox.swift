import Foundation

/// Hands encoded messages to the thread that owns a socket: any thread `post`s, the owner polls
/// `wakeDescriptor` alongside its sockets and `take`s everything in order. (ZeroMQ sockets must
/// not be shared between threads, so this is how the execution and control threads send.)
final class Outbox<Item>: @unchecked Sendable {
    private var items: [Item] = []
    private let lock = NSLock()
    private var wakeEnds: [Int32] = [-1, -1]
    private var stopping = false

    init() {
        precondition(pipe(&wakeEnds) == 0, "cannot create a wake pipe: \(String(cString: strerror(errno)))")
        for end in wakeEnds {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit { wakeEnds.forEach { close($0) } }

    /// Readable whenever items (or a stop) are waiting.
    var wakeDescriptor: Int32 { wakeEnds[0] }

    func post(_ item: Item) {
        lock.lock()
        let wasEmpty = items.isEmpty
        items.append(item)
        lock.unlock()
        if wasEmpty { wake() }
    }

    /// Everything posted so far, oldest first; clears the wake-up.
    func take() -> [Item] {
        var drain = [UInt8](repeating: 0, count: 64)
        while read(wakeEnds[0], &drain, drain.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let taken = items
        items.removeAll(keepingCapacity: true)
        return taken
    }

    /// Asks the owner to finish: it sends what is queued, then closes its sockets.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        wake()
    }

    var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeEnds[1], &byte, 1)
    }
}
