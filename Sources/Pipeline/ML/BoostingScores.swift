import Foundation

/// Each training row's raw score under the trees so far and, from it, the (gradient, hessian)
/// pair of the log loss that the next tree is fitted to.
///
/// A row's probability is 1 / (1 + e^−raw). Rather than an `exp` per row for every tree, e^−raw
/// is kept per row and multiplied by e^−v when a leaf adds v to the raw score, so a tree costs
/// one `exp` per leaf. The product drifts from e^−raw by about one rounding per tree (1e-14
/// relative after hundreds of trees, far below anything that moves a split); one that leaves
/// [1e-250, 1e250] is recomputed from the raw score, which is always kept exactly.
struct BoostingScores {
    private var raw: [Double]
    private var inverseOdds: [Double]
    private(set) var pairs: [SIMD2<Double>]
    private let labels: [Double]

    init(labels: [Double], baseline: Double) {
        let p = Sigmoid.value(baseline)
        raw = Array(repeating: baseline, count: labels.count)
        inverseOdds = Array(repeating: exp(-baseline), count: labels.count)
        pairs = labels.map { SIMD2(p - $0, p * (1 - p)) }
        self.labels = labels
    }

    /// Adds `value` to the raw score of each of `rows` (no repeats) and refreshes their pairs.
    mutating func add(_ value: Double, to rows: some Collection<Int32>) {
        let factor = exp(-value)
        raw.withUnsafeMutableBufferPointer { raw in
            inverseOdds.withUnsafeMutableBufferPointer { inverseOdds in
                pairs.withUnsafeMutableBufferPointer { pairs in
                    labels.withUnsafeBufferPointer { labels in
                        for row in rows {
                            let i = Int(row)
                            raw[i] += value
                            var e = inverseOdds[i] * factor
                            if !(e > 1e-250 && e < 1e250) { e = exp(-raw[i]) }
                            inverseOdds[i] = e
                            let p = 1 / (1 + e)
                            pairs[i] = SIMD2(p - labels[i], p * (1 - p))
                        }
                    }
                }
            }
        }
    }
}
