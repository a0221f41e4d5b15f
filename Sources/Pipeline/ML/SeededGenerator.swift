/// A small, fast, seedable generator (SplitMix64), so every split, bootstrap and search is
/// reproducible from one integer seed on every platform — `SystemRandomNumberGenerator` is not.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// An independent generator for sub-task `index` (a tree, a trial), so parallel work stays
    /// deterministic whatever order it runs in.
    public func derived(_ index: Int) -> SeededGenerator {
        var copy = SeededGenerator(seed: state ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        _ = copy.next()
        return copy
    }
}
