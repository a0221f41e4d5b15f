import Foundation

/// `corr(x, y)`: Pearson correlation of the rows where both are non-null; NULL with fewer than
/// two rows or when either side is constant (as in PostgreSQL and Spark).
final class CorrelationAggregate: SQLiteAggregate {
    private var sums = CorrelationSums()

    private func add(_ a: SQLiteArguments, _ sign: Double) {
        guard !a.isNull(0), !a.isNull(1) else { return }
        sums.add(a.double(0), a.double(1), sign: sign)
    }

    func step(_ a: SQLiteArguments) { add(a, 1) }
    func inverse(_ a: SQLiteArguments) { add(a, -1) }

    func value() -> Value { sums.correlation.map(Value.double) ?? .null }
}

/// Variance and standard deviation, sample or population, over non-null rows. Shifted sums
/// (relative to the first value) keep the result accurate when values are large and close.
class VarianceAggregate: SQLiteAggregate {
    class var population: Bool { false }
    class var root: Bool { false }
    private var n = 0.0, shift = 0.0, s = 0.0, ss = 0.0

    required init() {}

    private func add(_ a: SQLiteArguments, _ sign: Double) {
        guard !a.isNull(0) else { return }
        let x = a.double(0)
        if n == 0, sign > 0 { shift = x }
        let d = x - shift
        n += sign; s += sign * d; ss += sign * d * d
    }

    func step(_ a: SQLiteArguments) { add(a, 1) }
    func inverse(_ a: SQLiteArguments) { add(a, -1) }

    func value() -> Value {
        let denominator = Self.population ? n : n - 1
        guard denominator > 0 else { return .null }
        let variance = max(0, (ss - s * s / n) / denominator)
        return .double(Self.root ? variance.squareRoot() : variance)
    }
}

final class SampleVariance: VarianceAggregate {}
final class PopulationVariance: VarianceAggregate { override class var population: Bool { true } }
final class SampleStandardDeviation: VarianceAggregate { override class var root: Bool { true } }
final class PopulationStandardDeviation: VarianceAggregate {
    override class var population: Bool { true }
    override class var root: Bool { true }
}

/// `percentile(x, p)`: the continuous percentile (linear interpolation between closest ranks,
/// like PostgreSQL's `percentile_cont`) of the non-null values, `p` in [0, 1]. `median(x)` is
/// `percentile(x, 0.5)`.
class PercentileAggregate: SQLiteAggregate {
    private var values: [Double] = []
    private var fraction: Double?
    private var badFraction: Double?

    required init() {}

    func step(_ a: SQLiteArguments) {
        if a.count > 1, fraction == nil, !a.isNull(1) {
            let p = a.double(1)
            if (0...1).contains(p) { fraction = p } else { badFraction = p }
        }
        if !a.isNull(0) { values.append(a.double(0)) }
    }

    var defaultFraction: Double? { nil }

    func value() throws -> Value {
        if let bad = badFraction { throw PipelineError(.sql, "percentile fraction must be between 0 and 1, got \(bad)") }
        guard !values.isEmpty, let p = fraction ?? defaultFraction else { return .null }
        let sorted = values.sorted()
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(sorted.count - 1, lower + 1)
        return .double(sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower)))
    }
}

final class MedianAggregate: PercentileAggregate {
    override var defaultFraction: Double? { 0.5 }
}

/// `time_between_previous_match(timestamp, condition, unit)` as a window function: the time
/// from the most recent row in the frame whose condition was true to the frame's current
/// (last) row, in `unit` ('seconds', 'minutes', 'hours' or 'days'), truncated to an integer.
/// 0 on a matching row, NULL before any match — the reference's recency features, usually
/// over `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`.
final class TimeBetweenPreviousMatch: SQLiteAggregate {
    private var lastMatch: Int64?
    private var current: Int64?
    private var unitMicros: Int64 = 60_000_000
    private var unitRead = false
    /// Matching times still inside a sliding frame (only kept when rows are removed).
    private var matchesInFrame: [Int64] = []
    private var removed = 0

    static func micros(unit: String) throws -> Int64 {
        switch unit.lowercased() {
        case "second", "seconds": return 1_000_000
        case "minute", "minutes": return 60_000_000
        case "hour", "hours": return 3_600_000_000
        case "day", "days": return 86_400_000_000
        default: throw PipelineError(.sql, "time_between_previous_match: unknown unit '\(unit)' (use 'seconds', 'minutes', 'hours' or 'days')")
        }
    }

    func step(_ a: SQLiteArguments) throws {
        if !unitRead, a.count > 2, !a.isNull(2) {
            unitMicros = try Self.micros(unit: a.text(2))
            unitRead = true
        }
        let time = a.timestampMicros(0)
        current = time
        if let time, !a.isNull(1), a.double(1) != 0 {
            lastMatch = time
            matchesInFrame.append(time)
        }
    }

    func inverse(_ a: SQLiteArguments) {
        // The row leaving the frame is the oldest; if it matched, it is the oldest kept match.
        guard let time = a.timestampMicros(0), !a.isNull(1), a.double(1) != 0, removed < matchesInFrame.count,
              matchesInFrame[removed] == time else { return }
        removed += 1
        if removed == matchesInFrame.count { lastMatch = nil }
    }

    func value() -> Value {
        guard let current, let lastMatch else { return .null }
        return .int(Int((current - lastMatch) / unitMicros))
    }
}
