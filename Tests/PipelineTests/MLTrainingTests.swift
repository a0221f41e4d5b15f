import Pipeline
import XCTest

final class MLTrainingTests: XCTestCase {
    func testStratifiedSplitKeepsClassBalanceAndIsSeeded() throws {
        let (_, y) = MLTestData.problem(rows: 2_000)
        let a = try Split.stratified(labels: y, testFraction: 0.25, seed: 3)
        let b = try Split.stratified(labels: y, testFraction: 0.25, seed: 3)
        let c = try Split.stratified(labels: y, testFraction: 0.25, seed: 4)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set(a.train).union(a.test).count, 2_000)
        XCTAssertTrue(Set(a.train).isDisjoint(with: a.test))
        let rate = { (rows: [Int]) in rows.reduce(0.0) { $0 + y[$1] } / Double(rows.count) }
        XCTAssertEqual(rate(a.train), rate(a.test), accuracy: 0.005)
        XCTAssertThrowsError(try Split.stratified(labels: y, testFraction: 1.5, seed: 0))
    }

    func testTimeSplitCutsAtTheCutoff() throws {
        let t = try Table([Column("at", timestamps: [10, 20, 30, 40]), Column("x", ints: [1, 2, 3, 4])])
        let split = try Split.time(t, column: "at", cutoff: Timestamp(microseconds: 30))
        XCTAssertEqual(split.train, [0, 1])
        XCTAssertEqual(split.test, [2, 3])
        XCTAssertThrowsError(try Split.time(t, column: "at", cutoff: Timestamp(microseconds: 5)))
        XCTAssertThrowsError(try Split.time(t, column: "x", cutoff: Timestamp(microseconds: 5))) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .typeMismatch)
        }
    }

    func testLogisticRegressionReachesTheRegularizedOptimum() throws {
        let (x, y) = MLTestData.problem(rows: 3_000)
        let model = try Model.train(.logistic(.init()), x: x, y: y)
        guard case .logistic(let lr) = model.estimator else { return XCTFail("not logistic") }
        XCTAssertTrue(lr.converged)
        let p = assertGradientVanishes(lr, of: model, x: x, y: y, accuracy: 1e-4)
        // Scoring raw rows (NaN filled on the fly) gives exactly the bits of scoring the prepared copy.
        XCTAssertEqual(try model.probabilities(x).map(\.bitPattern), p.map(\.bitPattern))
        let auc = try Metrics.rocAUC(labels: y, scores: try model.probabilities(x))
        XCTAssertGreaterThan(auc, 0.75)
    }

    func testLogisticRegressionWithManyFeaturesReachesTheSameKindOfOptimum() throws {
        // Past `LogisticRegression.newtonLimit` parameters the fit uses L-BFGS instead of Newton.
        let (base, y) = MLTestData.problem(rows: 1_500)
        var g = SeededGenerator(seed: 12)
        let extra = (0..<70).map { _ in (0..<1_500).map { _ in g.unit() } }
        let x = FeatureMatrix(names: base.names + (0..<70).map { "noise\($0)" },
                              columns: base.columns + extra)
        XCTAssertGreaterThan(x.featureCount + 1, LogisticRegression.newtonLimit)
        let model = try Model.train(.logistic(.init(tolerance: 1e-7)), x: x, y: y)
        guard case .logistic(let lr) = model.estimator else { return XCTFail("not logistic") }
        XCTAssertTrue(lr.converged)
        assertGradientVanishes(lr, of: model, x: x, y: y, accuracy: 1e-3)
    }

    /// At the optimum of ½‖w‖² + C·Σ loss the gradient vanishes: w = −C·Xᵀ(p − y) (C = 1 here).
    /// Returns the probabilities of the prepared rows.
    @discardableResult
    private func assertGradientVanishes(_ lr: LogisticRegression, of model: Model, x: FeatureMatrix, y: [Double],
                                        accuracy: Double, line: UInt = #line) -> [Double] {
        let prepared = model.preprocessing.apply(x)
        let p = lr.probabilities(prepared)
        for j in 0..<x.featureCount {
            let gradient = zip(prepared.columns[j], zip(p, y)).reduce(0.0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
            XCTAssertEqual(lr.weights[j], -gradient, accuracy: accuracy, "weight \(j)", line: line)
        }
        return p
    }

    func testModelsLearnTheSignalAndAreDeterministic() throws {
        let (x, y) = MLTestData.problem(rows: 4_000)
        let (tx, ty) = MLTestData.problem(rows: 2_000, seed: 99)
        let specs: [ModelSpec] = [
            .boostedTrees(.init(trees: 30, subsample: 0.8, seed: 5)),
            .randomForest(.init(trees: 20, maxDepth: 8, minSamplesLeaf: 5, seed: 5)),
            .randomForest(.init(trees: 10, maxDepth: 6, criterion: .entropy, bootstrap: false, seed: 5)),
        ]
        for spec in specs {
            let a = try Model.train(spec, x: x, y: y), b = try Model.train(spec, x: x, y: y)
            XCTAssertEqual(a, b, "\(spec.kind) is not deterministic for a seed")
            let auc = try Metrics.rocAUC(labels: ty, scores: try a.probabilities(tx))
            XCTAssertGreaterThan(auc, 0.75, "\(spec)")
            let gain = try XCTUnwrap(a.estimator.gainImportance)
            XCTAssertEqual(gain.reduce(0, +), 1, accuracy: 1e-9)
            XCTAssertLessThan(gain[2], gain[0], "noise should matter less than clicks")
        }
    }

    func testTreesRouteMissingValuesAndLogisticRefusesToKeepThem() throws {
        let (x, y) = MLTestData.problem(rows: 1_000)
        let model = try Model.train(.boostedTrees(.init(trees: 5)), x: x, y: y)
        let probe = FeatureMatrix(names: x.names, columns: [[1], [2], [0.5], [.nan]])
        XCTAssertFalse(try model.probabilities(probe)[0].isNaN)
        XCTAssertThrowsError(try Model.train(.logistic(.init()), x: x, y: y, missing: .keep))
        let median = try Model.train(.logistic(.init()), x: x, y: y, missing: .median)
        XCTAssertEqual(median.preprocessing.policy, .median)
        XCTAssertFalse(median.preprocessing.fill[3].isNaN)
    }

    func testTableInputNamesBadColumnsAndLabels() throws {
        let table = MLTestData.table(rows: 200)
        XCTAssertThrowsError(try Model.train(.logistic(.init()), table: table, features: ["clicks", "userId"], label: "label")) { error in
            XCTAssertTrue("\(error)".contains("`userId` is a String column"), "\(error)")
        }
        XCTAssertThrowsError(try Model.train(.logistic(.init()), table: table, features: ["clicks"], label: "views")) { error in
            XCTAssertTrue("\(error)".contains("label `views` row 2 is 4.0; a label must be 0 or 1"), "\(error)")
        }
        XCTAssertThrowsError(try ModelSpec(kind: "gbt", parameters: ["learningrate": 0.1])) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `learningRate`?")
        }
        XCTAssertThrowsError(try Model.train(.boostedTrees(.init(learningRate: 0)), table: table, features: ["clicks"], label: "label"))
        let model = try Model.train(.logistic(.init()), table: table, features: ["clicks", "views"], label: "label")
        XCTAssertEqual(try model.probabilities(table).count, 200)
    }

    func testPermutationImportanceIsTheAUCDropOfEachShuffleWhateverTheModel() throws {
        let (x, y) = MLTestData.problem(rows: 2_000)
        let (tx, ty) = MLTestData.problem(rows: 800, seed: 11)
        // Stumps: some features are first split on late and some never, so permutations start
        // from the kept running sums at different trees (and an unused feature drops nothing).
        let specs: [ModelSpec] = [.boostedTrees(.init(trees: 15, maxDepth: 2)), .boostedTrees(.init(trees: 6, maxDepth: 1, minSamplesLeaf: 400)),
                                  .randomForest(.init(trees: 6, maxDepth: 4, seed: 2)), .logistic(.init())]
        for spec in specs {
            let model = try Model.train(spec, x: x, y: y)
            if case .boostedTrees(let m) = model.estimator, m.trees.count == 6 {
                let firstUse = (0..<x.featureCount).map { j in m.trees.firstIndex { $0.feature.contains(Int32(j)) } }
                XCTAssertTrue(firstUse.contains(nil) && firstUse.contains { ($0 ?? 0) > 0 }, "\(firstUse)")
            }
            let metrics = try Evaluation.metrics(model, x: tx, y: ty)
            XCTAssertTrue(metrics.permutationImportance.isEmpty, "not computed until asked for")
            let e = try metrics.addingPermutationImportance(of: model, x: tx, y: ty, repeats: 2, seed: 3)
            // The definition, scoring every shuffled matrix in full with the same shuffles.
            for j in 0..<tx.featureCount {
                var drop = 0.0
                for r in 0..<2 {
                    var g = SeededGenerator(seed: 3 &+ UInt64(j * 2 + r) &* 0x9E37_79B9_7F4A_7C15)
                    var shuffled = tx
                    shuffled.columns[j].shuffle(using: &g)
                    drop += metrics.rocAUC - (try Metrics.rocAUC(labels: ty, scores: try model.probabilities(shuffled)))
                }
                XCTAssertEqual(e.permutationImportance[j], drop / 2, "\(spec.kind) feature \(j)")
            }
        }
    }

    func testEvaluationReportsEveryFigureOnTestRows() throws {
        let (x, y) = MLTestData.problem(rows: 3_000)
        let (tx, ty) = MLTestData.problem(rows: 1_000, seed: 11)
        let model = try Model.train(.boostedTrees(.init(trees: 20)), x: x, y: y)
        let e = try Evaluation.evaluate(model, x: tx, y: ty, repeats: 2, seed: 1)
        XCTAssertEqual(e.rows, 1_000)
        XCTAssertEqual(e.confusion.total, 1_000)
        XCTAssertEqual(e.lift.count, 10)
        XCTAssertGreaterThan(e.permutationImportance[0], e.permutationImportance[2])
        XCTAssertEqual(e.confusionTable.columnNames, ["actual", "predicted_negative", "predicted_positive"])
        XCTAssertEqual(e.importanceTable.rowCount, 4)
        XCTAssertEqual(e.rocCurve.first?.0, 0)
        XCTAssertEqual(e.rocCurve.last?.1, 1)
        for chart in [try e.rocChart(), try e.precisionRecallChart(), try e.calibrationChart(), try e.gainsChart(),
                      try e.liftChart(), try e.confusionChart(), try e.importanceChart()] {
            XCTAssertTrue(chart.svg.hasPrefix("<svg"), chart.title)
        }
        XCTAssertTrue(try e.confusionChart().svg.contains("Actual"))
    }
}
