import Pipeline
import XCTest

/// Expected figures come from scikit-learn 1.x on the same ten rows (ties included).
final class MLMetricsTests: XCTestCase {
    let y: [Double] = [0, 0, 1, 1, 0, 1, 0, 0, 1, 0]
    let p = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.05, 0.2, 0.4, 0.6]

    func testRankingMetricsMatchScikitLearn() throws {
        XCTAssertEqual(try Metrics.rocAUC(labels: y, scores: p), 0.7916666666666667, accuracy: 1e-12)
        XCTAssertEqual(try Metrics.averagePrecision(labels: y, scores: p), 0.7678571428571428, accuracy: 1e-12)
        XCTAssertEqual(try Metrics.logLoss(labels: y, scores: p), 0.4612356264110592, accuracy: 1e-12)
    }

    func testCalibrationMatchesScikitLearnUniformBins() throws {
        let bins = try Metrics.calibration(labels: y, scores: p, bins: 5)
        XCTAssertEqual(bins.map(\.observedRate), [0, 0.5, 0, 1, 1])
        let expected = [0.11666667, 0.3875, 0.6, 0.8, 0.9]
        for (b, e) in zip(bins, expected) { XCTAssertEqual(b.meanPredicted, e, accuracy: 1e-8) }
    }

    func testConfusionMatrixRowsAreActualColumnsPredicted() throws {
        let m = try Metrics.confusion(labels: y, scores: p, threshold: 0.5)
        // Actual positives: 0.35 and 0.4 missed, 0.8 and 0.9 found; one negative (0.6) flagged.
        XCTAssertEqual(m.rows, [[5, 1], [2, 2]])
        XCTAssertEqual(m.precision, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(m.recall, 0.5, accuracy: 1e-12)
        XCTAssertEqual(m.accuracy, 0.7, accuracy: 1e-12)
        XCTAssertEqual(m.f1, 2 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5), accuracy: 1e-12)
    }

    func testLiftAndGainsReachAllPositives() throws {
        let rows = try Metrics.liftAndGains(labels: y, scores: p, groups: 5)
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows.last?.cumulativeGain ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(rows[0].positives, 2)  // 0.9 and 0.8 are both positives
        XCTAssertEqual(rows[0].lift, 1.0 / 0.4, accuracy: 1e-12)
    }

    func testSingleClassAndLengthMismatchAreErrors() {
        XCTAssertThrowsError(try Metrics.rocAUC(labels: [1, 1], scores: [0.2, 0.3])) { error in
            XCTAssertTrue("\(error)".contains("only positives"), "\(error)")
        }
        XCTAssertThrowsError(try Metrics.logLoss(labels: [1, 0], scores: [0.2])) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .invalidArgument)
        }
    }

    /// The rank sum must count a positive tied with a negative as half a win, whatever order the
    /// sort leaves tied rows in: every pair counted directly gives the same figure to the bit.
    func testROCAUCCountsTiesAsHalfWhateverTheirOrder() throws {
        var g = SeededGenerator(seed: 9)
        let labels = (0..<600).map { _ in g.unit() < 0.3 ? 1.0 : 0.0 }
        let scores = labels.map { y in ((g.unit() + 0.3 * y) * 8).rounded() / 8 }  // a dozen distinct scores
        var wins = 0.0
        for i in labels.indices where labels[i] == 1 {
            for j in labels.indices where labels[j] == 0 {
                wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
            }
        }
        let pos = labels.reduce(0, +), neg = Double(labels.count) - pos
        XCTAssertEqual(try Metrics.rocAUC(labels: labels, scores: scores), wins / (pos * neg))
        XCTAssertEqual(try Metrics.rocAUC(labels: labels.reversed(), scores: scores.reversed()), wins / (pos * neg))
    }
}
