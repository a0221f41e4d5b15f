/// Experience Cloud IDs as the reference makes them: MurmurHash3 x64-128 (seed 0) of the user's
/// email, read as two signed 64-bit halves (what Python's `mmh3.hash64` returns); each half's
/// absolute value is left-padded to 19 characters with the digits "0123…" — the reference's
/// quirk, kept so ids match — and the halves are concatenated.
public enum ECID {
    public static func email(user: Int) -> String {
        var text = TextBuilder()
        return email(user: user, using: &text)
    }

    public static func forUser(_ user: Int) -> String { make(from: email(user: user)) }

    public static func make(from email: String) -> String {
        var text = TextBuilder()
        return make(from: email, using: &text)
    }

    /// `email(user:)`, built in the caller's reusable `text` (the generator makes one per person).
    static func email(user: Int, using text: inout TextBuilder) -> String {
        text.clear()
        text.append("synthetic-user-")
        text.append(decimal: user)
        text.append("@adobe.com")
        return text.string
    }

    /// `make(from:)`, built in the caller's reusable `text`.
    static func make(from email: String, using text: inout TextBuilder) -> String {
        var email = email
        let (h1, h2) = email.withUTF8 { MurmurHash3.x64_128(UnsafeRawBufferPointer($0)) }
        text.clear()
        pad(Int64(bitPattern: h1), into: &text)
        pad(Int64(bitPattern: h2), into: &text)
        return text.string
    }

    private static func pad(_ half: Int64, into text: inout TextBuilder) {
        let digits = TextBuilder.decimalDigits(UInt(half.magnitude))
        if digits < 19 { text.append(padding[19 - digits]) }
        text.append(decimal: UInt(half.magnitude))
    }

    /// `"".join(str(x) for x in range(n))` for n = 0…19 — for very short numbers this overshoots
    /// 19 characters exactly as the reference does. Computed once: ECIDs are made per user.
    private static let padding: [[UInt8]] = (0...19).map { n in Array((0..<n).map(String.init).joined().utf8) }
}

/// Austin Appleby's MurmurHash3, x64 128-bit variant (public domain).
public enum MurmurHash3 {
    public static func x64_128(_ data: [UInt8], seed: UInt64 = 0) -> (UInt64, UInt64) {
        data.withUnsafeBytes { x64_128($0, seed: seed) }
    }

    /// The hash of bytes in place (SQL's `seeded_random` hashes a million rows without copying them).
    public static func x64_128(_ data: UnsafeRawBufferPointer, seed: UInt64 = 0) -> (UInt64, UInt64) {
        let c1: UInt64 = 0x87c3_7b91_1142_53d5, c2: UInt64 = 0x4cf5_ad43_2745_937f
        var h1 = seed, h2 = seed
        let blocks = data.count / 16
        func word(_ at: Int) -> UInt64 { UInt64(littleEndian: data.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        for b in 0..<blocks {
            var k1 = word(16 * b), k2 = word(16 * b + 8)
            k1 &*= c1; k1 = rotl(k1, 31); k1 &*= c2; h1 ^= k1
            h1 = rotl(h1, 27); h1 &+= h2; h1 = h1 &* 5 &+ 0x52dc_e729
            k2 &*= c2; k2 = rotl(k2, 33); k2 &*= c1; h2 ^= k2
            h2 = rotl(h2, 31); h2 &+= h1; h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        let tail = 16 * blocks, rest = data.count - tail
        // The last 0–15 bytes, read as two little-endian words padded with zeros: what the
        // reference's byte-by-byte switch builds, without a bounds-checked load per byte.
        var words: (UInt64, UInt64) = (0, 0)
        if rest > 0 { withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: data.baseAddress! + tail, byteCount: rest) } }
        var k1 = UInt64(littleEndian: words.0), k2 = UInt64(littleEndian: words.1)
        if rest > 8 {
            k2 &*= c2; k2 = rotl(k2, 33); k2 &*= c1; h2 ^= k2
        }
        if rest > 0 {
            k1 &*= c1; k1 = rotl(k1, 31); k1 &*= c2; h1 ^= k1
        }
        h1 ^= UInt64(data.count); h2 ^= UInt64(data.count)
        h1 &+= h2; h2 &+= h1
        h1 = fmix(h1); h2 = fmix(h2)
        h1 &+= h2; h2 &+= h1
        return (h1, h2)
    }

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func fmix(_ k0: UInt64) -> UInt64 {
        var k = k0
        k ^= k >> 33; k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33; k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
