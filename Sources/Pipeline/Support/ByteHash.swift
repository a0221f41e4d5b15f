/// The hash both text interners use (the query service's `TextInterner`, a column reader's
/// `RepeatedTexts`): one function, so a fix or a better mix reaches both.
enum ByteHash {
    /// A fast 64-bit hash of bytes, eight at a time, mixed at the end so the low bits used for
    /// the slot depend on every byte.
    static func of(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(p.count)
        let raw = UnsafeRawBufferPointer(p)
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            h ^= h >> 29
            i += 8
        }
        while i < raw.count {
            h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
            i += 1
        }
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        return h ^ (h >> 33)
    }
}
