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
        update { raw, inverseOdds, pairs, labels in
            for row in rows { Self.refresh(Int(row), value, factor, raw, inverseOdds, pairs, labels) }
        }
    }

    /// Adds `values[node[i]]` to the raw score of every row i and refreshes the pairs, row by row
    /// in order (streaming every array once, one `exp` per distinct node); returns the new pairs'
    /// sum, added up in row order — the next tree's root total.
    mutating func addToEveryRow(_ values: [Double], node: UnsafePointer<Int32>) -> SIMD2<Double> {
        let factors = values.map { exp(-$0) }
        var total = SIMD2<Double>.zero
        values.withUnsafeBufferPointer { values in
            factors.withUnsafeBufferPointer { factors in
                update { raw, inverseOdds, pairs, labels in
                    for i in 0..<raw.count {
                        let k = Int(node[i])
                        total += Self.refresh(i, values[k], factors[k], raw, inverseOdds, pairs, labels)
                    }
                }
            }
        }
        return total
    }

    /// The pairs' sum over every row in row order.
    var total: SIMD2<Double> {
        var sum = SIMD2<Double>.zero
        for pair in pairs { sum += pair }
        return sum
    }

    private mutating func update(_ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>,
                                          UnsafeMutableBufferPointer<SIMD2<Double>>, UnsafeBufferPointer<Double>) -> Void) {
        raw.withUnsafeMutableBufferPointer { raw in
            inverseOdds.withUnsafeMutableBufferPointer { inverseOdds in
                pairs.withUnsafeMutableBufferPointer { pairs in
                    labels.withUnsafeBufferPointer { labels in body(raw, inverseOdds, pairs, labels) }
                }
            }
        }
    }

    /// Row i's raw score plus `value`, its kept e^−raw times `factor` (= e^−value), and its
    /// pair, which it returns.
    @inline(__always) @discardableResult
    private static func refresh(_ i: Int, _ value: Double, _ factor: Double, _ raw: UnsafeMutableBufferPointer<Double>,
                                _ inverseOdds: UnsafeMutableBufferPointer<Double>, _ pairs: UnsafeMutableBufferPointer<SIMD2<Double>>,
                                _ labels: UnsafeBufferPointer<Double>) -> SIMD2<Double> {
        let r = raw[i] + value
        raw[i] = r
        var e = inverseOdds[i] * factor
        if !(e > 1e-250 && e < 1e250) { e = exp(-r) }
        inverseOdds[i] = e
        let p = 1 / (1 + e)
        let pair = SIMD2(p - labels[i], p * (1 - p))
        pairs[i] = pair
        return pair
    }
}
