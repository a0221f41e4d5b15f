/// The user function a call site naming a global (`fib(n - 1)`) called first, if its labels
/// matched, kept alive by the site for as long as the site lives. While the global still holds
/// that function, a call uses the kept reference instead of copying the global's value: the copy
/// cost a retain, a release and an outlined destroy, a sixth of a recursive call. A site whose
/// global is later bound to another function takes the general path for it; nothing is replaced,
/// so a kept reference is never released while a call through it runs.
final class KnownCallee {
    private let slot: UnsafeMutablePointer<Unmanaged<Closure>?>

    init() {
        slot = .allocate(capacity: 1)
        slot.initialize(to: nil)
    }

    deinit {
        slot.pointee?.release()
        slot.deallocate()
    }

    /// The kept function, unretained: valid while this object lives.
    @inline(__always) var closure: Unmanaged<Closure>? { slot.pointee }

    /// Keeps `closure` unless one is already kept.
    @inline(__always) func keep(_ closure: Closure) {
        if slot.pointee == nil { slot.pointee = .passRetained(closure) }
    }
}
