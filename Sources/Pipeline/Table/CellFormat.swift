import Foundation

/// How cells read in tables and charts: short, unambiguous, and the same in HTML and text.
public enum CellFormat {
    /// Longest text shown in a cell before it is cut with `…`.
    public static let maximumTextLength = 80

    /// A cell as display text; `nil` for null, which each renderer marks in its own way.
    public static func text(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .double(let d): return number(d)
        case .string(let s):
            let flat = s.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            return flat.count > maximumTextLength ? String(flat.prefix(maximumTextLength - 1)) + "…" : flat
        default: return value.description
        }
    }

    /// Up to six significant digits, in fixed notation between 1e-4 and 1e15 (and always with a
    /// decimal point, so a Double never reads as an Int), scientific outside that range.
    public static func number(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return "0.0" }
        let magnitude = abs(d)
        guard magnitude >= 1e-4, magnitude < 1e15 else { return String(format: "%.6g", d) }
        let integerDigits = Int(log10(magnitude).rounded(.down)) + 1
        var s = String(format: "%.\(Swift.max(1, 6 - integerDigits))f", d)
        while s.hasSuffix("0"), !s.hasSuffix(".0") { s.removeLast() }
        return s
    }

    /// Thousands separated by commas: `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// Whether a column's cells are numbers, which read best right-aligned.
    static func isNumeric(_ type: DataType) -> Bool { type == .int || type == .double }
}
