/// A call site's reusable argument array, so calling a library function does not allocate an array
/// per call. Kept behind a pointer (no exclusivity checks). A call that re-enters the same site while
/// its arguments are being evaluated finds the buffer taken and simply uses a fresh array.
final class ArgumentBuffer {
    private let storage: UnsafeMutablePointer<[Value]>

    init(capacity: Int) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: [])
        storage.pointee.reserveCapacity(capacity)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// The site's empty array (or a new one while it is in use).
    @inline(__always) func take() -> [Value] {
        var values: [Value] = []
        swap(&values, &storage.pointee)
        return values
    }

    /// Empties the array and keeps it for the next call.
    @inline(__always) func giveBack(_ values: inout [Value]) {
        values.removeAll(keepingCapacity: true)
        swap(&values, &storage.pointee)
    }
}
