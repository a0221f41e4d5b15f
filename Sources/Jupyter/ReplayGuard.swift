import Foundation

/// Remembers signatures already accepted so a captured message cannot be replayed, like
/// jupyter_client's digest history. Bounded: past `capacity` the older half is forgotten.
/// Thread-safe, so the shell and control threads share one history.
public final class ReplayGuard: @unchecked Sendable {
    private let capacity: Int
    private var current = Set<[UInt8]>()
    private var previous = Set<[UInt8]>()
    private let lock = NSLock()

    public init(capacity: Int = 1 << 16) {
        self.capacity = capacity
    }

    /// Records `signature`; false when it was seen before.
    public func admit(_ signature: [UInt8]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if previous.contains(signature) || current.contains(signature) { return false }
        current.insert(signature)
        if current.count >= capacity / 2 {
            previous = current
            current.removeAll(keepingCapacity: true)
        }
        return true
    }
}
