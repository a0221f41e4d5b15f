import Foundation
import Jupyter

/// Shell requests waiting to run, in arrival order, and the right to run them: one thread at a
/// time holds it (`claim`), runs what is queued (`next`), and gives it back with the last one.
/// Pushing and claiming, and finding the queue empty and giving the right back, happen under one
/// lock, so a request is never left queued with nobody to run it.
final class RequestQueue: @unchecked Sendable {
    private var items: [Message] = []
    private let lock = NSLock()
    private var claimed = false
    private var closed = false

    func push(_ message: Message) {
        lock.lock()
        items.append(message)
        lock.unlock()
    }

    /// Takes the right to run requests, when something is queued and no thread holds it.
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !claimed, !closed, !items.isEmpty else { return false }
        claimed = true
        return true
    }

    /// The next request for the thread holding the right; `nil`, and the right given back, once
    /// the queue is empty or closed.
    func next() -> Message? {
        lock.lock()
        defer { lock.unlock() }
        guard !closed, !items.isEmpty else {
            claimed = false
            return nil
        }
        return items.removeFirst()
    }

    /// Removes and returns the queued execute requests (stop_on_error aborts them); others stay.
    func removeExecutes() -> [Message] {
        lock.lock()
        defer { lock.unlock() }
        let executes = items.filter { $0.msgType == "execute_request" }
        items.removeAll { $0.msgType == "execute_request" }
        return executes
    }

    /// Nothing more runs (the kernel is going away); the request running now finishes.
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }
}
