import Foundation
import Jupyter

/// Deterministic pseudo-random numbers (SplitMix64), so a fuzz failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes hostile multipart messages: random frames, and valid messages with bytes flipped,
/// frames dropped, duplicated, truncated or swapped.
enum WireFuzzer {
    static func random(using generator: inout SeededGenerator) -> [[UInt8]] {
        (0..<Int(generator.next() % 10)).map { index in
            if index == 1 && generator.next() % 2 == 0 { return WireCodec.delimiter }
            return bytes(Int(generator.next() % 65), using: &generator)
        }
    }

    /// `count` random bytes, eight per draw (cheap enough for 100,000 messages in a debug build).
    static func bytes(_ count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count { withUnsafeBytes(of: generator.next()) { out.append(contentsOf: $0) } }
        return Array(out.prefix(count))
    }

    static func mutate(_ frames: [[UInt8]], using generator: inout SeededGenerator) -> [[UInt8]] {
        var frames = frames
        for _ in 0..<Int.random(in: 1...4, using: &generator) where !frames.isEmpty {
            let index = Int.random(in: 0..<frames.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !frames[index].isEmpty:
                frames[index][Int.random(in: 0..<frames[index].count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            case 1: frames.remove(at: index)
            case 2: frames.insert(frames[index], at: index)
            case 3: frames[index] = Array(frames[index].prefix(Int.random(in: 0...frames[index].count, using: &generator)))
            case 4: frames.swapAt(index, Int.random(in: 0..<frames.count, using: &generator))
            default: frames[index] += random(using: &generator).first ?? [0x7b]
            }
        }
        return frames
    }
}
