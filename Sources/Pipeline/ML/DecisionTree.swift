/// A fitted binary decision tree over raw feature values, shared by boosted trees and forests.
///
/// Stored as parallel arrays (one entry per node) so prediction is a tight loop and the model
/// file is a handful of flat lists.
public struct DecisionTree: Sendable, Equatable {
    /// Split feature per node; -1 marks a leaf.
    public var feature: [Int32]
    /// Rows with `value <= threshold` go left.
    public var threshold: [Double]
    /// Where NaN goes at each split.
    public var missingGoesLeft: [Bool]
    public var left: [Int32]
    public var right: [Int32]
    /// Leaf output (a raw-score increment for boosting, a probability for forests).
    public var value: [Double]

    public init(feature: [Int32], threshold: [Double], missingGoesLeft: [Bool], left: [Int32], right: [Int32], value: [Double]) {
        self.feature = feature
        self.threshold = threshold
        self.missingGoesLeft = missingGoesLeft
        self.left = left
        self.right = right
        self.value = value
    }

    public var nodeCount: Int { feature.count }
    public var leafCount: Int { feature.filter { $0 < 0 }.count }

    /// Adds each row's leaf value to `out[i]`, one row at a time; `rows` is the input row-major
    /// (`rows[i·d + j]`), so one row's features share cache lines while it walks the tree.
    /// `TreeWalker` walks shallow trees faster.
    func accumulate(rowMajor rows: UnsafeBufferPointer<Double>, featureCount d: Int, into out: UnsafeMutableBufferPointer<Double>) {
        feature.withUnsafeBufferPointer { feature in
            threshold.withUnsafeBufferPointer { threshold in
                missingGoesLeft.withUnsafeBufferPointer { missingLeft in
                    left.withUnsafeBufferPointer { left in
                        right.withUnsafeBufferPointer { right in
                            value.withUnsafeBufferPointer { value in
                                for i in 0..<out.count {
                                    var node = 0
                                    while feature[node] >= 0 {
                                        let v = rows[i * d + Int(feature[node])]
                                        let goLeft = v.isNaN ? missingLeft[node] : v <= threshold[node]
                                        node = Int(goLeft ? left[node] : right[node])
                                    }
                                    out[i] += value[node]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension FeatureMatrix {
    /// The values row by row (`[i·d + j]`), as trees walk them.
    var rowMajor: [Double] {
        let d = featureCount, n = rowCount
        var out = [Double](repeating: 0, count: n * d)
        for j in 0..<d { let c = columns[j]; for i in 0..<n { out[i * d + j] = c[i] } }
        return out
    }
}

extension [DecisionTree] {
    /// Each tree's leaf value for every row (`[t][i]`), trees split across cores.
    func outputs(_ x: FeatureMatrix) -> [[Double]] {
        let rowMajor = x.rowMajor, d = x.featureCount
        return Parallel.map(count) { t in
            var out = [Double](repeating: 0, count: x.rowCount)
            rowMajor.withUnsafeBufferPointer { rows in
                out.withUnsafeMutableBufferPointer { TreeWalker(self[t]).accumulate(rowMajor: rows, featureCount: d, into: $0) }
            }
            return out
        }
    }

    /// Σ over trees of each row's leaf value, plus `start`; rows split across cores.
    func sum(_ x: FeatureMatrix, start: Double) -> [Double] {
        let d = x.featureCount, n = x.rowCount
        let rowMajor = x.rowMajor, walkers = map(TreeWalker.init)
        var out = [Double](repeating: start, count: n)
        // Small row blocks (1,024 rows × 14 features = 112 KB) stay in cache while every tree walks them.
        let chunks = ParallelChunks(count: n, chunk: 1_024)
        rowMajor.withUnsafeBufferPointer { rows in
            out.withUnsafeMutableBufferPointer { out in
                let base = out.baseAddress!
                chunks.forEach { range in
                    let slice = UnsafeBufferPointer(rebasing: rows[(range.lowerBound * d)..<(range.upperBound * d)])
                    let target = UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
                    for walker in walkers { walker.accumulate(rowMajor: slice, featureCount: d, into: target) }
                }
            }
        }
        return out
    }
}
