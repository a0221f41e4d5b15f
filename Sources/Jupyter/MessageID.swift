import Foundation

/// Unique message ids: a random per-process prefix plus a counter, like ipykernel's
/// `{session}_{pid}_{n}`. Uniqueness matters beyond bookkeeping: receivers reject a repeated
/// signature as a replay, and a unique `msg_id` in the signed header makes every signature unique.
public final class MessageIDGenerator: @unchecked Sendable {
    /// `{prefix}_{pid}_`, made once.
    private let stem: String
    private var counter = 0
    private let lock = NSLock()

    public init(prefix: String = UUID().uuidString.lowercased()) {
        stem = "\(prefix)_\(ProcessInfo.processInfo.processIdentifier)_"
    }

    public func next() -> String {
        lock.lock()
        counter += 1
        let n = counter
        lock.unlock()
        return stem + String(n)
    }
}
