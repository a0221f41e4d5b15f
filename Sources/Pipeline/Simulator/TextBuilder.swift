/// Builds short ASCII strings byte by byte in a reusable buffer. The generator makes several
/// strings per person (email, ECID, phone, address): with string interpolation each piece was a
/// separate string, often a heap allocation, and that was most of a person's generation time.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ text: [UInt8]) { bytes.append(contentsOf: text) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// `value` in decimal, as `String(value)` writes it.
    mutating func append(decimal value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        append(decimal: value.magnitude)
    }

    mutating func append(decimal value: UInt) {
        let digits = Self.decimalDigits(value)
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(0, count: digits))
        var v = value
        // Written last digit first, in place (reversing a slice of the array copied it).
        bytes.withUnsafeMutableBufferPointer { b in
            for k in stride(from: end - 1, through: end - digits, by: -1) {
                b[k] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
            }
        }
    }

    /// How many digits `value` has in decimal.
    static func decimalDigits(_ value: UInt) -> Int {
        var digits = 1, v = value
        while v >= 10 { v /= 10; digits += 1 }
        return digits
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
