/// The text form timestamps take inside SQLite: fixed-width ISO 8601 in UTC with microseconds,
/// `2026-11-22T10:24:22.283708Z`. Fixed width makes text order equal time order, and SQLite's
/// own date functions accept it.
public enum TimestampText {
    public static let width = 27

    /// The times `write` gives four-digit years for (0000–9999): exactly those `parse` reads back
    /// as the same microseconds.
    public static let writableRange: ClosedRange<Int64> =
        Int64(Timestamp.daysFromCivil(year: 0, month: 1, day: 1)) * 86_400_000_000
            ... Int64(Timestamp.daysFromCivil(year: 10_000, month: 1, day: 1)) * 86_400_000_000 - 1

    /// Calls `body` with a NUL-terminated buffer holding `micros` formatted.
    @inline(__always)
    public static func withFormatted<R>(_ micros: Int64, _ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: width + 1) { buffer in
            write(micros, into: buffer.baseAddress!)
            buffer[width] = 0
            return body(buffer.baseAddress!)
        }
    }

    public static func format(_ micros: Int64) -> String {
        withFormatted(micros) { String(cString: $0) }
    }

    /// Writes exactly `width` bytes.
    static func write(_ micros: Int64, into p: UnsafeMutablePointer<CChar>) {
        var (secs, frac) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        if frac < 0 { frac += 1_000_000; secs -= 1 }
        var (days, rem) = secs.quotientAndRemainder(dividingBy: 86_400)
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: Int(days))
        // Two digits at a time (half the divisions of one at a time). A year outside 0–9999 gets
        // its last four digits, as `parse` and `writableRange` expect.
        @inline(__always) func pair(_ v: Int, at k: Int) {
            let tens = v / 10
            p[k] = CChar(truncatingIfNeeded: 48 + tens)
            p[k + 1] = CChar(truncatingIfNeeded: 48 + v - tens * 10)
        }
        let r = Int(rem), f = Int(frac)
        pair(y / 100 % 100, at: 0); pair(y % 100, at: 2); p[4] = 45; pair(m, at: 5); p[7] = 45; pair(d, at: 8); p[10] = 84
        pair(r / 3600, at: 11); p[13] = 58; pair(r / 60 % 60, at: 14); p[16] = 58; pair(r % 60, at: 17)
        p[19] = 46; pair(f / 10_000, at: 20); pair(f / 100 % 100, at: 22); pair(f % 100, at: 24); p[26] = 90
    }

    /// Parses the fixed-width form quickly, and any other ISO form through `Timestamp(parsing:)`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if bytes.count == width, bytes[10] == 84, bytes[19] == 46, bytes[26] == 90 {
            var ok = true
            func n(_ from: Int, _ count: Int) -> Int {
                var v = 0
                for k in from..<from + count {
                    let b = bytes[k]
                    if b < 48 || b > 57 { ok = false }
                    v = v * 10 + Int(b &- 48)
                }
                return v
            }
            let y = n(0, 4), mo = n(5, 2), d = n(8, 2), h = n(11, 2), mi = n(14, 2), s = n(17, 2), f = n(20, 6)
            if ok, (1...12).contains(mo), (1...31).contains(d) {
                let days = Int64(Timestamp.daysFromCivil(year: y, month: mo, day: d))
                return (days * 86_400 + Int64(h * 3600 + mi * 60 + s)) * 1_000_000 + Int64(f)
            }
        }
        return Timestamp.microseconds(parsing: bytes)
    }

    /// Inverse of `Timestamp.daysFromCivil` (Howard Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
