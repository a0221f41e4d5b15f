@testable import Pipeline
import XCTest

/// `TreeWalker` walks shallow trees four rows in lockstep and deep ones a row at a time; either way
/// every row must get exactly the leaf value of the one-row walk (`DecisionTree.accumulate`).
final class MLTreeWalkerTests: XCTestCase {
    func testEveryRowGetsTheOneRowWalksLeafValueBitForBit() throws {
        let (x, y) = MLTestData.problem(rows: 3_001)
        let boosted = try GradientBoostedTrees.fit(x, y, parameters: .init(trees: 20, maxDepth: 6, minSamplesLeaf: 5))
        let unpruned = try RandomForest.fit(x, y, parameters: .init(trees: 3, seed: 1))
        let deepest = unpruned.trees.map(Self.depth).max()!
        XCTAssertGreaterThan(deepest, TreeWalker.lockstepDepth, "the forest should exercise the one-row fallback")
        // NaN going left and right, a value on a threshold, and a stump that is only a leaf.
        let handMade = DecisionTree(feature: [3, -1, 0, -1, -1], threshold: [2_000, 0, 1, 0, 0], missingGoesLeft: [true, false, false, false, false],
                                    left: [1, -1, 3, -1, -1], right: [2, -1, 4, -1, -1], value: [0, 0.25, 0, -1.5, 3])
        let stump = DecisionTree(feature: [-1], threshold: [0], missingGoesLeft: [false], left: [-1], right: [-1], value: [0.75])
        var rows = x
        rows.columns[0][5] = 1  // exactly on the hand-made tree's second threshold
        let rowMajor = rows.rowMajor
        for tree in boosted.trees + unpruned.trees + [handMade, stump] {
            var expected = [Double](repeating: 0.5, count: rows.rowCount), actual = expected
            rowMajor.withUnsafeBufferPointer { r in
                expected.withUnsafeMutableBufferPointer { tree.accumulate(rowMajor: r, featureCount: rows.featureCount, into: $0) }
                actual.withUnsafeMutableBufferPointer { TreeWalker(tree).accumulate(rowMajor: r, featureCount: rows.featureCount, into: $0) }
            }
            XCTAssertEqual(actual.map(\.bitPattern), expected.map(\.bitPattern))
        }
        XCTAssertTrue(rows.columns[3].contains { $0.isNaN }, "some rows must walk the missing-value side")
    }

    func testEnsembleSumsAndOutputsMatchTheOneRowWalk() throws {
        let (x, y) = MLTestData.problem(rows: 2_500)
        let boosted = try GradientBoostedTrees.fit(x, y, parameters: .init(trees: 15, maxDepth: 4))
        let rowMajor = x.rowMajor
        var expected = [Double](repeating: boosted.baseline, count: x.rowCount)
        var perTree: [[Double]] = []
        rowMajor.withUnsafeBufferPointer { r in
            for tree in boosted.trees {
                var one = [Double](repeating: 0, count: x.rowCount)
                one.withUnsafeMutableBufferPointer { tree.accumulate(rowMajor: r, featureCount: x.featureCount, into: $0) }
                perTree.append(one)
                expected.withUnsafeMutableBufferPointer { tree.accumulate(rowMajor: r, featureCount: x.featureCount, into: $0) }
            }
        }
        XCTAssertEqual(boosted.trees.sum(x, start: boosted.baseline).map(\.bitPattern), expected.map(\.bitPattern))
        XCTAssertEqual(boosted.trees.outputs(x).map { $0.map(\.bitPattern) }, perTree.map { $0.map(\.bitPattern) })
    }

    private static func depth(_ tree: DecisionTree) -> Int {
        func below(_ node: Int) -> Int {
            tree.feature[node] < 0 ? 0 : 1 + max(below(Int(tree.left[node])), below(Int(tree.right[node])))
        }
        return below(0)
    }
}
