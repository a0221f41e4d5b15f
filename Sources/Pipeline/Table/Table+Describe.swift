/// Summary statistics of every column: the first look at a new dataset.
extension Table {
    /// One row per column of this table with its `column` name, `type`, `count` (non-null cells),
    /// `nulls`, `distinct` values, for text and Bool the most frequent value `top` (the smallest among ties),
    /// `mean`, `std` (sample), `min`, `25%`, `50%`, `75%` and `max`. The quartiles
    /// interpolate linearly between ranks, as pandas and numpy do by default. Statistics are
    /// Doubles, so they are null for text; Bool counts as 0 / 1 and Timestamp as seconds since 1970.
    public func describe() -> Table {
        let statistics = ["mean", "std", "min", "25%", "50%", "75%", "max"]
        var numbers = [[Value]](repeating: [], count: statistics.count)
        // Each column's summary needs only that column (a sort and a count of its values): on every core.
        let summaries = Parallel.map(columns.count) { k -> (top: (distinct: Int, top: String?), row: [Double?]) in
            let c = columns[k]
            let present = (c.doubles ?? []).enumerated().filter { !c.isNull($0.offset) }.map(\.element).sorted {
                Value.compareDoubles($0, $1) < 0
            }
            var stats = RunningStatistics()
            for x in present { stats.add(x) }
            let row: [Double?] = present.isEmpty ? [Double?](repeating: nil, count: statistics.count) : [
                stats.mean, stats.count > 1 ? stats.sampleStandardDeviation : nil,
                present.first, quantile(present, 0.25), quantile(present, 0.5), quantile(present, 0.75), present.last,
            ]
            return (distinctAndTop(c, sorted: present), row)
        }
        let tops = summaries.map(\.top)
        for summary in summaries {
            for (k, v) in summary.row.enumerated() { numbers[k].append(v.map(Value.double) ?? .null) }
        }
        var out = [
            Column("column", strings: columnNames),
            Column("type", strings: columns.map { $0.type.description }),
            Column("count", ints: columns.map { $0.count - $0.nullCount }),
            Column("nulls", ints: columns.map(\.nullCount)),
            Column("distinct", ints: tops.map(\.distinct)),
            Column("top", strings: tops.map { $0.top ?? "" }, nulls: zip(columns, tops).map { c, t in
                t.top == nil || !(c.type == .string || c.type == .bool)
            }),
        ]
        for (k, name) in statistics.enumerated() {
            out.append(try! Column(name: name, type: .double, values: numbers[k]))
        }
        return try! Table(out)
    }
}

/// `Column.mostFrequent`, read off the column's sorted values when they stand for its cells
/// exactly (Bool, Double, and Int within ±2⁵³) instead of counted in a dictionary of `Value`s —
/// most of `describe`'s time. Equal values are adjacent; the stable sort leaves first the cell
/// a dictionary would have kept (-0.0 or 0.0), and among equally frequent values the smallest.
private func distinctAndTop(_ column: Column, sorted: [Double]) -> (distinct: Int, top: String?) {
    let value: (Double) -> Value
    switch column.storage {
    case .double: value = Value.double
    case .bool: value = { .bool($0 != 0) }
    case .int where (sorted.first ?? 0) >= -0x1p53 && (sorted.last ?? 0) <= 0x1p53: value = { .int(Int($0)) }
    default: return column.mostFrequent
    }
    var distinct = 0, best: (value: Double, count: Int)?, i = 0
    while i < sorted.count {
        var j = i + 1
        while j < sorted.count, sorted[j] == sorted[i] { j += 1 }
        distinct += 1
        if j - i > best?.count ?? 0 { best = (sorted[i], j - i) }
        i = j
    }
    return (distinct, best.map { value($0.value).description })
}

/// The `q` quantile of sorted values, interpolating linearly between the two nearest ranks.
func quantile(_ sorted: [Double], _ q: Double) -> Double {
    let position = q * Double(sorted.count - 1)
    let below = Int(position.rounded(.down))
    let above = Swift.min(below + 1, sorted.count - 1)
    return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
}

extension Column {
    /// The number of distinct non-null values and the most frequent one as text (the smallest
    /// value among equally frequent ones, so the answer does not depend on hashing).
    var mostFrequent: (distinct: Int, top: String?) {
        var counts: [Value: Int] = [:]
        for i in 0..<count where !isNull(i) { counts[self[i], default: 0] += 1 }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : (Value.compare(a.key, b.key) ?? 0) > 0 }
        return (counts.count, best.map { $0.key.description })
    }
}
