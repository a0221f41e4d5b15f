@testable import Pipeline
import XCTest

/// A search bins its training rows once for every trial: boosting on a shared binning must learn
/// exactly what boosting that bins for itself learns, and a binning that does not fit is not used.
final class MLSharedBinningTests: XCTestCase {
    func testBoostingOnASharedBinningLearnsTheSameTrees() throws {
        let (x, y) = MLTestData.problem(rows: 6_000)
        let parameters = GradientBoostedTrees.Parameters(trees: 15, maxDepth: 4, minSamplesLeaf: 9, seed: 3)
        let shared = SharedBinning(x, seed: 3)
        let alone = try GradientBoostedTrees.fit(x, y, parameters: parameters)
        XCTAssertEqual(try GradientBoostedTrees.fit(x, y, parameters: parameters, binning: shared), alone)
        XCTAssertEqual(try Model.train(.boostedTrees(parameters), x: x, y: y, missing: nil, binning: shared),
                       try Model.train(.boostedTrees(parameters), x: x, y: y))
    }

    func testABinningOfOtherRowsOrAnotherSeedIsNotUsed() throws {
        let (x, y) = MLTestData.problem(rows: 6_000)
        let parameters = GradientBoostedTrees.Parameters(trees: 10, seed: 3)
        let alone = try GradientBoostedTrees.fit(x, y, parameters: parameters)
        let (fewer, _) = MLTestData.problem(rows: 4_000)
        XCTAssertEqual(try GradientBoostedTrees.fit(x, y, parameters: parameters, binning: SharedBinning(fewer, seed: 3)), alone)
        XCTAssertEqual(SharedBinning.of(x, seed: 3, shared: SharedBinning(fewer, seed: 3)).binned.rowCount, 6_000)
        XCTAssertEqual(SharedBinning.of(x, seed: 4, shared: SharedBinning(x, seed: 3)).seed, 4)
    }

    func testFillingMissingValuesBinsTheFilledRowsInstead() throws {
        // With missing values filled, the model trains on other values than the binning was made of.
        let (x, y) = MLTestData.problem(rows: 6_000)
        let spec = ModelSpec.boostedTrees(.init(trees: 10, seed: 1))
        XCTAssertEqual(try Model.train(spec, x: x, y: y, missing: .zero, binning: SharedBinning(x, seed: 1)),
                       try Model.train(spec, x: x, y: y, missing: .zero))
    }
}
