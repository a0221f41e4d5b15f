import Foundation
import Jupyter

/// Shell requests waiting for the execution thread, in arrival order.
final class RequestQueue: @unchecked Sendable {
    private var items: [Message] = []
    private let condition = NSCondition()
    private var closed = false

    func push(_ message: Message) {
        condition.lock()
        items.append(message)
        condition.signal()
        condition.unlock()
    }

    /// The next request; blocks while empty; `nil` once closed.
    func pop() -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        return closed ? nil : items.removeFirst()
    }

    /// Removes and returns the queued execute requests (stop_on_error aborts them); others stay.
    func removeExecutes() -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        let executes = items.filter { $0.msgType == "execute_request" }
        items.removeAll { $0.msgType == "execute_request" }
        return executes
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
