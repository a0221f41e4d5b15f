import Foundation

/// How many profiles an audience on a score interval would reach, before defining it: the
/// reference's 20-bucket histogram, cumulative reach above and below each bucket edge, and the
/// reach of every [from, to] bucket interval (its 3-D surface; a heatmap here).
///
/// Buckets are equal-width over [0, 1] for propensities, so edges read as thresholds a rule
/// can use (`propensity >= 0.20`), unlike `histogram_numeric`'s data-dependent centres.
public struct ReachAnalysis: Sendable {
    public let edges: [Double]
    public let counts: [Int]
    public let total: Int
    /// The scores, sorted, for exact counts between any two thresholds.
    private let sorted: [Double]

    public init(scores: [Double], buckets: Int = 20, range: ClosedRange<Double> = 0...1) throws {
        guard buckets >= 1 else { throw PipelineError(.invalidArgument, "reach analysis needs at least 1 bucket") }
        let width = (range.upperBound - range.lowerBound) / Double(buckets)
        edges = (0...buckets).map { range.lowerBound + Double($0) * width }
        var counts = [Int](repeating: 0, count: buckets)
        var total = 0
        for s in scores where !s.isNaN {
            guard range.contains(s) else {
                throw PipelineError(.invalidArgument, "score \(s) lies outside \(range.lowerBound)…\(range.upperBound)")
            }
            counts[min(Int((s - range.lowerBound) / width), buckets - 1)] += 1
            total += 1
        }
        self.counts = counts
        self.total = total
        sorted = scores.filter { !$0.isNaN }.sorted()
    }

    /// Profiles with `low ≤ score ≤ high`, exactly (not rounded to bucket edges): what the rule
    /// `score >= low and score <= high` must qualify.
    public func count(from low: Double, to high: Double) -> Int {
        guard low <= high else { return 0 }
        return Self.firstIndex(in: sorted) { $0 > high } - Self.firstIndex(in: sorted) { $0 >= low }
    }

    /// Binary search: the first index whose value satisfies a predicate that is monotone over the array.
    private static func firstIndex(in values: [Double], where predicate: (Double) -> Bool) -> Int {
        var (lo, hi) = (0, values.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(values[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Profiles in buckets `from…to` (inclusive); 0 when from > to.
    public func reachBetween(from: Int, to: Int) -> Int {
        from > to ? 0 : counts[max(from, 0)...min(to, counts.count - 1)].reduce(0, +)
    }

    /// One row per bucket: lower edge, count, reach at or above the lower edge, at or below
    /// the upper edge, strictly above and strictly below the bucket.
    public var table: Table {
        let n = counts.count
        let atOrAbove = (0..<n).map { reachBetween(from: $0, to: n - 1) }, atOrBelow = (0..<n).map { reachBetween(from: 0, to: $0) }
        return try! Table([
            Column("bucket_from", doubles: Array(edges.dropLast())), Column("bucket_to", doubles: Array(edges.dropFirst())),
            Column("profiles", ints: counts), Column("reach_at_or_above", ints: atOrAbove), Column("reach_at_or_below", ints: atOrBelow),
            Column("reach_above", ints: (0..<n).map { $0 + 1 < n ? atOrAbove[$0 + 1] : 0 }),
            Column("reach_below", ints: (0..<n).map { $0 > 0 ? atOrBelow[$0 - 1] : 0 }),
        ])
    }

    /// Long form of the interval matrix: (from edge, to edge, reach, rule) for every pair.
    public func intervalTable(attribute: String = "propensity") -> Table {
        var from: [Double] = [], to: [Double] = [], reach: [Int] = [], rule: [String] = []
        for a in counts.indices {
            for b in counts.indices {
                from.append(edges[a]); to.append(edges[b + 1]); reach.append(reachBetween(from: a, to: b))
                rule.append("\(attribute) >= \(Self.format(edges[a])) and \(attribute) <= \(Self.format(edges[b + 1]))")
            }
        }
        return try! Table([Column("propensity_from", doubles: from), Column("propensity_to", doubles: to),
                           Column("reach", ints: reach), Column("rule", strings: rule)])
    }

    /// The interval matrix in wide form: one row per lower edge (`from`), one column per upper
    /// edge, each cell the profiles between them (0 where from > to).
    public var matrix: Table {
        let n = counts.count
        var columns = [Column("from", strings: edges.dropLast().map(Self.format))]
        for b in 0..<n { columns.append(Column(Self.format(edges[b + 1]), ints: (0..<n).map { reachBetween(from: $0, to: b) })) }
        return try! Table(columns)
    }

    /// Profiles per bucket (bars labelled by the bucket's lower edge).
    public func histogram(attribute: String = "propensity") throws -> Chart {
        let t = try Table([Column("bucket", strings: edges.dropLast().map(Self.format)), Column("profiles", ints: counts)])
        return try Chart.bar(t, x: "bucket", y: "profiles",
                             text: ChartText(title: "Profiles per \(attribute) bucket", xLabel: "\(attribute) (bucket start)", yLabel: "profiles"))
    }

    /// Reach at or above, and strictly below, each lower bucket edge: read a threshold off it.
    public func thresholds(attribute: String = "propensity") throws -> Chart {
        let t = table
        let lines = try Table([try t.column("bucket_from"), try t.column("reach_at_or_above"), try t.column("reach_below")])
        return try Chart.line(lines, x: "bucket_from", y: ["reach_at_or_above", "reach_below"],
                              text: ChartText(title: "Reach above and below a \(attribute) threshold", xLabel: "\(attribute) threshold", yLabel: "profiles"))
    }

    /// The interval reach heatmap (rows: from, columns: to).
    public func heatmap(attribute: String = "propensity") throws -> Chart {
        let t = intervalTable(attribute: attribute)
        let labelled = try t.setting(Column("from", strings: try t.column("propensity_from").doubles!.map(Self.format)))
            .setting(Column("to", strings: try t.column("propensity_to").doubles!.map(Self.format)))
        return try Chart.heatmap(labelled, x: "to", y: "from", value: "reach",
                                 text: ChartText(title: "Propensity-reach segment topology", xLabel: "Propensity to", yLabel: "Propensity from"))
    }

    static func format(_ v: Double) -> String { String(format: "%.2f", v) }
}
