@testable import Pipeline
import XCTest

/// Boosting keeps e^−raw per row and multiplies it leaf by leaf instead of calling `exp` per row
/// per tree; the gradients and hessians must stay those of the exact raw score.
final class MLBoostingScoresTests: XCTestCase {
    func testPairsFollowTheExactRawScoreThroughHundredsOfTreesAndExtremes() {
        let labels: [Double] = [0, 1, 1, 0, 1, 0]
        var scores = BoostingScores(labels: labels, baseline: -0.3)
        var raw = [Double](repeating: -0.3, count: labels.count)
        var g = SeededGenerator(seed: 4)
        func check(_ context: String) {
            for (i, pair) in scores.pairs.enumerated() {
                let p = Sigmoid.value(raw[i])
                XCTAssertEqual(pair.x, p - labels[i], accuracy: 1e-12, "gradient of row \(i) \(context)")
                XCTAssertEqual(pair.y, p * (1 - p), accuracy: 1e-12, "hessian of row \(i) \(context)")
                XCTAssertFalse(pair.x.isNaN || pair.y.isNaN, context)
            }
        }
        check("before any tree")
        for tree in 0..<400 {
            // Two "leaves" per tree over a random half of the rows each.
            let chosen = (0..<labels.count).filter { _ in g.unit() < 0.5 }.map(Int32.init)
            let value = (g.unit() - 0.5) * 0.4
            scores.add(value, to: chosen)
            for row in chosen { raw[Int(row)] += value }
            if tree % 50 == 0 { check("after \(tree + 1) trees") }
        }
        check("after 400 trees")
        // Far beyond exp's range and back: the kept product must be rebuilt from the raw score.
        for value in [900.0, -1_700, 800] {
            scores.add(value, to: [0, 1, 2])
            for row in 0..<3 { raw[row] += value }
            check("after adding \(value)")
        }
    }
}
