/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives the
/// same samples and splits on every machine and Swift version, unlike `SystemRandomNumberGenerator`.
/// The one generator of the library: table sampling uses it directly, and the simulator's per-user
/// streams (`RandomStream`) and the models' generators (`SeededGenerator`) are seeded wrappers of it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    @inline(__always) public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in `0..<bound` by multiply-and-take-high-word (Lemire): written out here
    /// rather than `Int.random(in:using:)`, whose algorithm the standard library may change.
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// The first `k` elements of a seeded Fisher–Yates shuffle of `items`.
    mutating func choose<T>(_ k: Int, from items: [T]) -> [T] {
        var pool = items
        let take = Swift.min(Swift.max(k, 0), pool.count)
        for i in 0..<take { pool.swapAt(i, i + below(pool.count - i)) }
        return Array(pool[0..<take])
    }
}
