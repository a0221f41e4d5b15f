import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, statistically strong, and — the reason it
/// is used here — seedable per user, so every user's data depends only on (seed, user) and never
/// on which thread generated it.
public struct RandomStream: RandomNumberGenerator {
    private var core: SplitMix64

    public init(seed: UInt64) { core = SplitMix64(seed: seed) }

    /// An independent stream for one user and purpose (events, profile, calibration).
    public init(seed: UInt64, user: Int, stream: UInt64) {
        var mixer = RandomStream(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        let base = mixer.next()
        self.init(seed: base ^ (UInt64(bitPattern: Int64(user)) &* 0x9E37_79B9_7F4A_7C15))
        _ = next()
    }

    @inline(__always) public mutating func next() -> UInt64 { core.next() }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always) public mutating func uniform() -> Double { core.unit() }

    /// Uniform integer in 0..<bound (multiply-shift; bias below 2⁻³² for our bounds).
    @inline(__always) public mutating func below(_ bound: Int) -> Int {
        Int((next() >> 32) &* UInt64(bound) >> 32)
    }

    /// Poisson(mean) by Knuth's product method — exact, and quick for the small means used here.
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let limit = exp(-mean)
        var k = 0
        var product = uniform()
        while product > limit { k += 1; product *= uniform() }
        return k
    }

    /// Exponential with the given mean.
    @inline(__always) public mutating func exponential(mean: Double) -> Double {
        mean > 0 ? -mean * log1p(-uniform()) : 0
    }
}
