import Foundation

/// ULID-style identifiers for batches and runs: 26 Crockford base-32 characters, a 48-bit
/// millisecond time then 80 random bits, so text order is creation order (like the reference's
/// batch ids, e.g. `01GW3JKCNFMB1TSMY21VGPV98K`). Within one millisecond the random part is
/// incremented, so ids made by one process are strictly increasing.
public enum SortableID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: (millis: UInt64, high: UInt16, low: UInt64) = (0, 0, 0)

    public static func next(now: Date = Date()) -> String {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        lock.lock()
        var (time, high, low) = last
        if millis > time {
            var rng = SystemRandomNumberGenerator()
            time = millis
            high = UInt16.random(in: 0...UInt16.max, using: &rng)
            low = rng.next()
        } else {
            // Same (or an earlier, clock-stepped) millisecond: keep the last time, count up.
            low &+= 1
            if low == 0 { high &+= 1 }
        }
        last = (time, high, low)
        lock.unlock()
        return encode(time: time, high: high, low: low)
    }

    static func encode(time: UInt64, high: UInt16, low: UInt64) -> String {
        var out = [UInt8](repeating: 0, count: 26)
        var t = time
        for i in stride(from: 9, through: 0, by: -1) { out[i] = alphabet[Int(t & 31)]; t >>= 5 }
        // 80 random bits = high (16) ++ low (64), written as 16 five-bit digits from the right.
        var lo = low, hi = UInt64(high)
        for i in stride(from: 25, through: 10, by: -1) {
            out[i] = alphabet[Int(lo & 31)]
            lo = (lo >> 5) | ((hi & 31) << 59)
            hi >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }
}
