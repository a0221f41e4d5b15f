@testable import Pipeline
import XCTest

/// Speed work on tree growing (histogram layout, partitioning, gradient buffers) must not change
/// a single bit of what is learned unless it means to: every tree, threshold, leaf value and
/// importance must still hash to these recorded fingerprints. (Boosting's were re-recorded when
/// node totals became the sum of the node's rows rather than of one feature's bins, and when
/// gradients came from kept odds rather than an `exp` per row; `MLHistogramTests` and
/// `MLBoostingScoresTests` show both agree with the direct computation up to rounding.)
final class MLReferenceModelTests: XCTestCase {
    func testTreeModelsMatchTheRecordedFingerprints() throws {
        let (x, y) = MLTestData.problem(rows: 16_000)
        let recorded: [(ModelSpec, UInt64)] = [
            (.boostedTrees(.init(trees: 12)), 6498219998562341087),
            (.boostedTrees(.init(learningRate: 0.2, trees: 10, maxDepth: 3, minSamplesLeaf: 7, subsample: 0.6, seed: 5)), 13094105511706470284),
            (.boostedTrees(.init(trees: 40, l2Regularization: 1, seed: 2, validationFraction: 0.2, patience: 3)), 6583217876216283930),
            (.randomForest(.init(trees: 5, maxDepth: 8, seed: 4)), 2494483847943988630),
            (.randomForest(.init(trees: 3, minSamplesLeaf: 30, criterion: .entropy, bootstrap: false, maxFeatures: 2, seed: 1)), 14000968893437979731),
        ]
        for (spec, fingerprint) in recorded {
            let model = try Model.train(spec, x: x, y: y)
            XCTAssertEqual(Self.fingerprint(model.estimator), fingerprint, "\(spec) learned something different")
        }
    }

    func testSearchTrialScoresMatchTheRecordedOnes() throws {
        let (x, y) = MLTestData.problem(rows: 16_000)
        let space = try SearchSpace(kind: "gbt", parameters: [
            ("trees", .integer(5, 30)), ("learningRate", .logUniform(0.02, 0.3)), ("maxDepth", .integer(2, 6)),
            ("minSamplesLeaf", .integer(5, 50)),
        ])
        let random = try HyperparameterSearch(space: space, seed: 42).random(x: x, y: y, budget: 4)
        XCTAssertEqual(random.trials.map(\.score.bitPattern), [4605422006993659326, 4605433917584794981, 4605359045616736524, 4605461572060765123])
        let halving = try HyperparameterSearch(space: space, seed: 8).successiveHalving(x: x, y: y, candidates: 4, eta: 2, minResource: 0.3)
        XCTAssertEqual(halving.trials.map(\.score.bitPattern), [
            4605266344348213704, 4605270630839197126, 4605281115747208339, 4605220872373791820,
            4605251629598879643, 4605334081999643641, 4605358387064432352,
        ])
    }

    /// FNV-1a over every tree's arrays (floating-point values by bit pattern) and the importances.
    static func fingerprint(_ estimator: Estimator) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash = (hash ^ ((word >> UInt64(shift)) & 0xff)) &* 0x0000_0100_0000_01b3
            }
        }
        let trees: [DecisionTree]
        switch estimator {
        case .boostedTrees(let m): trees = m.trees; mix(m.baseline.bitPattern)
        case .randomForest(let m): trees = m.trees
        case .logistic: trees = []
        }
        for tree in trees {
            mix(UInt64(tree.nodeCount))
            for i in 0..<tree.nodeCount {
                mix(UInt64(bitPattern: Int64(tree.feature[i]))); mix(tree.threshold[i].bitPattern)
                mix(tree.missingGoesLeft[i] ? 1 : 0); mix(UInt64(bitPattern: Int64(tree.left[i])))
                mix(UInt64(bitPattern: Int64(tree.right[i]))); mix(tree.value[i].bitPattern)
            }
        }
        for gain in estimator.gainImportance ?? [] { mix(gain.bitPattern) }
        return hash
    }
}
