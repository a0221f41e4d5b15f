import Pipeline
import XCTest

final class MLEarlyStoppingTests: XCTestCase {
    func testEarlyStoppingEndsOverfittingBoostingAndIsSeeded() throws {
        let (x, y) = MLTestData.problem(rows: 3_000)
        // A learning rate this high overfits within a few dozen trees.
        let stopping = GradientBoostedTrees.Parameters(learningRate: 0.8, trees: 150, minSamplesLeaf: 5, seed: 4,
                                                       validationFraction: 0.2, patience: 5)
        let a = try GradientBoostedTrees.fit(x, y, parameters: stopping)
        XCTAssertLessThan(a.trees.count, 150, "validation loss should stop improving long before 150 trees")
        XCTAssertGreaterThanOrEqual(a.trees.count, 6, "at least patience + 1 trees are scored before stopping")
        XCTAssertEqual(a, try GradientBoostedTrees.fit(x, y, parameters: stopping))

        var everyTree = stopping
        everyTree.validationFraction = nil
        XCTAssertEqual(try GradientBoostedTrees.fit(x, y, parameters: everyTree).trees.count, 150, "off by default: every tree")
    }

    func testEarlyStoppingSettingsAreCheckedAndTravelInTheSpec() throws {
        let (x, y) = MLTestData.problem(rows: 500)
        for bad in [GradientBoostedTrees.Parameters(validationFraction: 1), .init(validationFraction: 0), .init(patience: 0)] {
            XCTAssertThrowsError(try GradientBoostedTrees.fit(x, y, parameters: bad)) { error in
                XCTAssertEqual((error as? PipelineError)?.kind, .invalidArgument)
            }
        }
        let spec = try ModelSpec(kind: "gbt", parameters: ["validationFraction": 0.25, "patience": 3])
        guard case .boostedTrees(let p) = spec else { return XCTFail("not a gbt spec") }
        XCTAssertEqual(p.validationFraction, 0.25)
        XCTAssertEqual(p.patience, 3)
        XCTAssertEqual(spec.parameters["validationFraction"], "0.25")
        XCTAssertEqual(try ModelSpec(kind: "gbt", parameters: [:]).parameters["validationFraction"], "none")
    }
}
