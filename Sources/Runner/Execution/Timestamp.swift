import Foundation

/// Times as Jupyter writes them: ISO 8601 UTC with microseconds.
enum Timestamp {
    static func now() -> String { iso(Date()) }

    /// Formatted by hand: a DateFormatter per call costs more than a trivial cell, and a shared one
    /// is not safe across the threads of `-j`.
    static func iso(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros == 1_000_000 {
            seconds += 1
            micros = 0
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }

    /// `2 s`, `0.5 s`.
    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.2f s", s)
    }
}
