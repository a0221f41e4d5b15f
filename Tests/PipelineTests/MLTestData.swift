import Foundation
import Pipeline

/// A seeded propensity-like problem for ML tests: counts and recencies (NaN when the event never
/// happened), roughly 15 % positives driven mostly by three of the features.
enum MLTestData {
    static func problem(rows: Int, seed: UInt64 = 7) -> (x: FeatureMatrix, y: [Double]) {
        var g = SeededGenerator(seed: seed)
        var clicks = [Double](), views = [Double](), noise = [Double](), recency = [Double](), y = [Double]()
        for _ in 0..<rows {
            let c = Double(g.next() % 4), v = Double(g.next() % 6), n = g.unit()
            let r = c > 0 ? g.unit() * 10_000 : .nan
            let z = -3.0 + 0.9 * c + 0.35 * v + (r.isNaN ? 0 : (r < 2_000 ? 1.2 : 0))
            clicks.append(c); views.append(v); noise.append(n); recency.append(r)
            y.append(g.unit() < 1 / (1 + exp(-z)) ? 1 : 0)
        }
        return (FeatureMatrix(names: ["clicks", "views", "noise", "minutes_since_click"],
                              columns: [clicks, views, noise, recency]), y)
    }

    static func table(rows: Int, seed: UInt64 = 7) -> Table {
        let (x, y) = problem(rows: rows, seed: seed)
        var columns = zip(x.names, x.columns).map { name, values in
            Column(name, doubles: values.map { $0.isNaN ? 0 : $0 }, nulls: values.map(\.isNaN))
        }
        columns.append(Column("label", ints: y.map { Int($0) }))
        columns.insert(Column("userId", strings: (0..<rows).map { "u\($0)" }), at: 0)
        return try! Table(columns)
    }
}
