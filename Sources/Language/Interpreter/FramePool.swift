/// Frames of one function that finished without being captured, kept for its next calls: recursion
/// and calls in loops then allocate nothing. A stack behind pointers, so taking and returning a
/// frame moves it (no reference counting, no exclusivity checks). Pooled frames drop their parent,
/// so the pool never keeps other frames (or reference cycles through them) alive.
final class FramePool {
    static let limit = 64
    private let slotCount: Int
    private let frames: UnsafeMutablePointer<Frame>
    private let count: UnsafeMutablePointer<Int>

    init(slotCount: Int) {
        self.slotCount = slotCount
        frames = .allocate(capacity: Self.limit)
        count = .allocate(capacity: 1)
        count.initialize(to: 0)
    }

    deinit {
        frames.deinitialize(count: count.pointee)
        frames.deallocate()
        count.deallocate()
    }

    /// A frame for a call, its slots empty.
    @inline(__always) func take(parent: Frame?) -> Frame {
        let n = count.pointee
        guard n > 0 else { return Frame.make(count: slotCount, parent: parent) }
        count.pointee = n &- 1
        let frame = (frames + (n &- 1)).move()
        frame.headerPointer.pointee.parent = parent
        return frame
    }

    /// Keeps a finished call's frame unless something (a closure made during the call) still refers to
    /// it. The caller's reference is consumed, so keeping the frame moves it (no retain).
    @inline(__always) func recycle(_ finished: consuming Frame) {
        var frame = finished
        let n = count.pointee
        guard n < Self.limit, isKnownUniquelyReferenced(&frame) else { return }
        frame.clear()
        frame.headerPointer.pointee.parent = nil
        (frames + n).initialize(to: frame)
        count.pointee = n &+ 1
    }
}
