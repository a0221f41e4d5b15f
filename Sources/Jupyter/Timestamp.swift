#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Header dates: ISO 8601 in UTC with microseconds and `Z`, the form jupyter_client writes and parses.
public enum Timestamp {
    /// The current time, e.g. `2026-11-22T10:24:22.283708Z`.
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: Int(spec.tv_sec), microseconds: Int(spec.tv_nsec) / 1000)
    }

    /// Formats seconds since the epoch plus microseconds. Every message header carries one, so
    /// the digits are written straight into the bytes (no intermediate strings).
    public static func format(seconds: Int, microseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        func append(_ value: Int, width: Int, then separator: Character) {
            append(value, width: width)
            text.append(UInt8(ascii: separator.unicodeScalars.first!))
        }
        /// At least `width` digits, zero-padded (a year before 0 is not a clock we will meet: written as is).
        func append(_ value: Int, width: Int) {
            guard value >= 0 else { return text.append(contentsOf: String(value).utf8) }
            var divisor = 1
            var count = 1
            while count < width || value / divisor >= 10 {
                divisor *= 10
                count += 1
            }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        append(Int(parts.tm_year) + 1900, width: 4, then: "-")
        append(Int(parts.tm_mon) + 1, width: 2, then: "-")
        append(Int(parts.tm_mday), width: 2, then: "T")
        append(Int(parts.tm_hour), width: 2, then: ":")
        append(Int(parts.tm_min), width: 2, then: ":")
        append(Int(parts.tm_sec), width: 2, then: ".")
        append(microseconds, width: 6, then: "Z")
        return String(decoding: text, as: UTF8.self)
    }
}
