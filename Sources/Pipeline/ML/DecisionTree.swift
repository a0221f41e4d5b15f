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

    /// Adds `factor × leaf value` to `out[i]` for every row of `columns`.
    func accumulate(_ columns: [[Double]], into out: inout [Double], factor: Double = 1) {
        let rows = out.count
        feature.withUnsafeBufferPointer { feature in
            threshold.withUnsafeBufferPointer { threshold in
                missingGoesLeft.withUnsafeBufferPointer { missingLeft in
                    left.withUnsafeBufferPointer { left in
                        right.withUnsafeBufferPointer { right in
                            for i in 0..<rows {
                                var node = 0
                                while feature[node] >= 0 {
                                    let v = columns[Int(feature[node])][i]
                                    let goLeft = v.isNaN ? missingLeft[node] : v <= threshold[node]
                                    node = Int(goLeft ? left[node] : right[node])
                                }
                                out[i] += factor * value[node]
                            }
                        }
                    }
                }
            }
        }
    }
}
