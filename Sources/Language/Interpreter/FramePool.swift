/// Frames of one function that finished without being captured, kept for its next calls: recursion
/// and calls in loops then allocate nothing. A stack behind pointers holding unmanaged (+1) frames,
/// so taking and returning a frame costs no reference counting and no exclusivity checks. Pooled
/// frames drop their parent, so the pool never keeps other frames (or reference cycles through them)
/// alive. Owned by its `FunctionInfo`, which calls `destroy()`.
struct FramePool {
    static let limit = 64
    private let slotCount: Int
    /// Whether no closure can ever refer to a frame of this function (its body creates none), so a
    /// finished frame is known to be unreferenced without asking the runtime.
    private let framesStayPrivate: Bool
    private let frames: UnsafeMutablePointer<Unmanaged<Frame>>
    private let count: UnsafeMutablePointer<Int>

    init(slotCount: Int, framesStayPrivate: Bool) {
        self.slotCount = slotCount
        self.framesStayPrivate = framesStayPrivate
        frames = .allocate(capacity: Self.limit)
        count = .allocate(capacity: 1)
        count.initialize(to: 0)
    }

    func destroy() {
        for i in 0..<count.pointee { frames[i].release() }
        frames.deallocate()
        count.deallocate()
    }

    /// A frame for a call, its slots empty; the caller owns it (+1) and hands it back to `recycle`.
    @inline(__always) func take(parent: Frame?) -> Unmanaged<Frame> {
        let n = count.pointee
        guard n > 0 else { return .passRetained(Frame.make(count: slotCount, parent: parent)) }
        count.pointee = n &- 1
        let frame = frames[n &- 1]
        if let parent { frame._withUnsafeGuaranteedRef { $0.headerPointer.pointee.parent = parent } }
        return frame
    }

    /// Keeps a finished call's frame unless something (a closure made during the call) still refers to
    /// it; consumes the caller's +1 either way.
    @inline(__always) func recycle(_ frame: Unmanaged<Frame>) {
        let n = count.pointee
        guard n < Self.limit else { frame.release(); return }
        if framesStayPrivate {
            frame._withUnsafeGuaranteedRef { $0.clear() }
        } else {
            var owned = frame.takeRetainedValue()
            guard isKnownUniquelyReferenced(&owned) else { return }
            owned.clear()
            _ = Unmanaged.passRetained(owned)
        }
        frames[n] = frame
        count.pointee = n &+ 1
    }
}
