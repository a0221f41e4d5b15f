import Foundation

/// An instant in UTC with microsecond precision: what Parquet's TIMESTAMP(MICROS), SQLite text
/// timestamps and the Jupyter wire all round-trip without loss.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    public init(seconds: Double) { self.microseconds = Int64((seconds * 1_000_000).rounded()) }
    public init(_ date: Date) { self.init(seconds: date.timeIntervalSince1970) }

    public var seconds: Double { Double(microseconds) / 1_000_000 }
    public var date: Date { Date(timeIntervalSince1970: seconds) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// ISO 8601 with microseconds and `Z`, e.g. `2026-11-22T10:24:22.283708Z`; whole seconds drop
    /// the fraction. Formatted by hand (`TimestampText`): exports and activations print millions.
    public var description: String {
        let text = TimestampText.format(microseconds)
        return microseconds % 1_000_000 == 0 ? text.prefix(19) + "Z" : text
    }

    /// Parses ISO 8601 / SQL forms: `2026-11-22T10:24:22Z`, `2026-11-22 10:24:22.5`, `2026-11-22`.
    /// A missing zone means UTC.
    public init?(parsing text: String) {
        var text = text
        guard let microseconds = text.withUTF8(Self.microseconds(parsing:)) else { return nil }
        self.microseconds = microseconds
    }

    /// The microseconds of the UTF-8 text `s` in one of the forms `init(parsing:)` takes; nil when
    /// it is not one. Bytes, so readers parse a file's cells in place.
    static func microseconds(parsing s: UnsafeBufferPointer<UInt8>) -> Int64? {
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for b in s[from..<from + count] {
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 45, let month = number(5, 2), s[7] == 45,
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, micros = 0, i = 10, offset = 0
        if i < s.count, s[i] == 84 || s[i] == 32 {
            guard let h = number(i + 1, 2), s.count > i + 3, s[i + 3] == 58, let m = number(i + 4, 2) else { return nil }
            hour = h; minute = m; i += 6
            if i < s.count, s[i] == 58 {
                guard let sec = number(i + 1, 2) else { return nil }
                second = sec; i += 3
            }
            if i < s.count, s[i] == 46 {
                i += 1
                var digits = 0
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    if digits < 6 { micros = micros * 10 + Int(s[i] - 48); digits += 1 }
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<6 { micros *= 10 }
            }
        }
        if i < s.count {
            if s[i] == 90 { i += 1 }  // Z
            else if s[i] == 43 || s[i] == 45, let oh = number(i + 1, 2) {
                let sign = s[i] == 43 ? 1 : -1
                var om = 0
                if s.count >= i + 6, s[i + 3] == 58, let m = number(i + 4, 2) { om = m; i += 6 }
                else if let m = number(i + 3, 2) { om = m; i += 5 }
                else { i += 3 }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == s.count, hour < 24, minute < 60, second < 61 else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return secs * 1_000_000 + Int64(micros)
    }


    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
