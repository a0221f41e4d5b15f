/// The models' generator (SplitMix64), so every split, bootstrap and search is reproducible from
/// one integer seed on every platform — `SystemRandomNumberGenerator` is not.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var core: SplitMix64

    public init(seed: UInt64) { core = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    public mutating func next() -> UInt64 { core.next() }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { core.unit() }

    /// An independent generator for sub-task `index` (a tree, a trial), so parallel work stays
    /// deterministic whatever order it runs in.
    public func derived(_ index: Int) -> SeededGenerator {
        var copy = SeededGenerator(seed: core.state ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        _ = copy.next()
        return copy
    }
}
