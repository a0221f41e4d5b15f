import Foundation

/// A linear axis: a domain widened to round numbers, the ticks on it, and their labels.
struct NiceScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    private let decimals: Int

    /// Covers `low...high` with about `count` ticks at steps of 1, 2 or 5 × 10ⁿ. With
    /// `includeZero`, the domain reaches 0 (bars grow from zero).
    init(_ low: Double, _ high: Double, count: Int = 5, includeZero: Bool = false) {
        var lo = includeZero ? Swift.min(low, 0) : low, hi = includeZero ? Swift.max(high, 0) : high
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo == hi { lo -= lo == 0 ? 1 : abs(lo) * 0.5; hi += hi == 0 ? 1 : abs(hi) * 0.5 }
        let rough = (hi - lo) / Double(Swift.max(count, 2))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        let n = Int(((last - first) / step).rounded())
        lower = first
        upper = last
        ticks = (0...n).map { first + Double($0) * step }
        var d = 0
        while d < 8, abs((step * pow(10, Double(d))).rounded() - step * pow(10, Double(d))) > 1e-9 * pow(10, Double(d)) { d += 1 }
        decimals = d
    }

    /// Where `value` falls between `start` (at `lower`) and `end` (at `upper`).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// A tick's label: the step's decimals, thousands grouped; very large values as `1.5M`, `2B`.
    func label(_ value: Double) -> String { NiceScale.format(value, decimals: decimals) }

    static func format(_ value: Double, decimals: Int) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e9 { return compact(value / 1e9) + "B" }
        if magnitude >= 1e6 { return compact(value / 1e6) + "M" }
        let fixed = String(format: "%.\(decimals)f", value == 0 ? 0 : value)
        let parts = fixed.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]) ?? 0
        let grouped = (fixed.hasPrefix("-") && whole == 0 ? "-" : "") + CellFormat.grouped(whole)
        return parts.count > 1 ? grouped + "." + parts[1] : grouped
    }

    private static func compact(_ x: Double) -> String {
        var s = String(format: "%.2f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
