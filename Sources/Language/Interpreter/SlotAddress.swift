/// Where a variable lives, decided when compiling: `address(f)` is a switch on a trivially copyable
/// value, not a call through a closure, on every access.
enum SlotAddress {
    /// A global (or scratch) slot: the same storage whatever the frame.
    case fixed(UnsafeMutablePointer<Value>)
    /// A slot of the running frame.
    case local(Int)
    /// A slot of an enclosing frame, `depth` parents up.
    case outer(depth: Int, index: Int)

    @inline(__always) func callAsFunction(_ f: Frame) -> UnsafeMutablePointer<Value> {
        switch self {
        case .fixed(let p): return p
        case .local(let i): return f.slots + i
        case .outer(let depth, let i): return f.ancestor(depth).slots + i
        }
    }
}
