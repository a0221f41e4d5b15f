import Foundation
import Jupyter

/// Carries one `input()` call: the execution thread sends an input_request and waits here; the
/// shell thread delivers the matching input_reply; an interrupt or shutdown cancels the wait.
final class InputBroker: @unchecked Sendable {
    private let condition = NSCondition()
    private var awaiting: String?
    private var answer: Result<String, EngineError>?

    /// Waits for the reply to the input_request with id `requestID`, which `send` posts.
    func ask(requestID: String, send: () -> Void) throws -> String {
        condition.lock()
        awaiting = requestID
        answer = nil
        condition.unlock()
        send()
        condition.lock()
        defer {
            awaiting = nil
            answer = nil
            condition.unlock()
        }
        while answer == nil { condition.wait() }
        return try answer!.get()
    }

    /// An input_reply arrived; false when nothing was waiting for it, or it answers another request.
    /// A reply without a parent is accepted: jupyter_client's `input()` sends none.
    func deliver(_ value: String, parentID: String?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let awaiting, parentID == nil || parentID == awaiting, answer == nil else { return false }
        answer = .success(value)
        condition.broadcast()
        return true
    }

    /// Ends a pending wait with `error` (interrupt, shutdown).
    func cancel(_ error: EngineError) {
        condition.lock()
        if awaiting != nil && answer == nil {
            answer = .failure(error)
            condition.broadcast()
        }
        condition.unlock()
    }
}
