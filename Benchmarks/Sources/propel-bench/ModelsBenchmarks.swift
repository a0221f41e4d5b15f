import Foundation
import Pipeline

/// Training and scoring speed on the featurized-set shape (14 features: 7 counts, 7 recencies
/// that are missing when the event never happened, ~15 % positives). Writes the training data as
/// CSV (and the search's trial settings as JSON) so `Benchmarks/models/sklearn_peer.py` times
/// scikit-learn on exactly the same rows and configurations, and prints one JSON object of figures.
enum ModelsBenchmarks {
    static func run(smoke: Bool) throws {
        let rows = smoke ? 5_000 : 100_000
        let (x, y) = featurized(rows: rows, seed: 2026)
        let folder = ProcessInfo.processInfo.environment["PROPEL_BENCH_OUT"] ?? NSTemporaryDirectory()
        let csv = URL(fileURLWithPath: folder).appendingPathComponent("models-train.csv")
        try writeCSV(x, y, to: csv)

        // Same hyperparameters as the scikit-learn peers: C = 1 (lbfgs); HGB defaults with
        // 100 iterations, 31 leaves, min 20 per leaf, no early stopping.
        let logistic = ModelSpec.logistic(.init(c: 1))
        let boosted = ModelSpec.boostedTrees(.init(learningRate: 0.1, trees: 100, maxLeafNodes: 31, minSamplesLeaf: 20))
        let repeats = smoke ? 1 : 5
        let (lrSeconds, lrModel) = try best(of: repeats) { try Model.train(logistic, x: x, y: y) }
        let (gbtSeconds, gbtModel) = try best(of: smoke ? 1 : 3) { try Model.train(boosted, x: x, y: y) }

        // Scoring: a 1 M-row (smoke: 50 k) feature matrix through each model.
        let (sx, _) = featurized(rows: smoke ? 50_000 : 1_000_000, seed: 7)
        let (lrScore, _) = try best(of: repeats) { try lrModel.probabilities(sx) }
        let (gbtScore, _) = try best(of: 1) { try gbtModel.probabilities(sx) }
        var figures: [String: Any] = [
            "rows": rows, "features": x.featureCount, "positives": y.reduce(0, +) / Double(rows),
            "logistic_train_seconds": lrSeconds, "gbt_train_seconds": gbtSeconds,
            "logistic_train_auc": try Metrics.rocAUC(labels: y, scores: try lrModel.probabilities(x)),
            "gbt_train_auc": try Metrics.rocAUC(labels: y, scores: try gbtModel.probabilities(x)),
            "logistic_score_rows_per_second": Double(sx.rowCount) / lrScore,
            "gbt_score_rows_per_second": Double(sx.rowCount) / gbtScore,
            "csv": csv.path,
        ]
        figures.merge(try search(x, y, smoke: smoke, folder: folder)) { a, _ in a }
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// The notebook-04 search: 12 random gbt trials (trees 50–300, learning rate log 0.02–0.3,
    /// depth 2–6, min leaf 5–50) on the 80 % training split. The trials' settings are written
    /// out so scikit-learn trains exactly the same 12 configurations.
    static func search(_ x: FeatureMatrix, _ y: [Double], smoke: Bool, folder: String) throws -> [String: Any] {
        let space = try SearchSpace(kind: "gbt", parameters: [
            ("trees", .integer(50, 300)), ("learningRate", .logUniform(0.02, 0.3)),
            ("maxDepth", .integer(2, 6)), ("minSamplesLeaf", .integer(5, 50)),
        ])
        let train = try Split.stratified(labels: y, testFraction: 0.2, seed: 42).train
        let sx = x.gathering(train), sy = train.map { y[$0] }
        let (seconds, result) = try best(of: 1) {
            try HyperparameterSearch(space: space, seed: 42).random(x: sx, y: sy, budget: smoke ? 3 : 12)
        }
        let trials = result.trials.map { $0.parameters.mapValues { Double($0) ?? .nan } }
        let url = URL(fileURLWithPath: folder).appendingPathComponent("models-search-trials.json")
        try AtomicWrite.replace(url, with: try JSONSerialization.data(withJSONObject: trials, options: [.sortedKeys]))
        return ["search_seconds": seconds, "search_trials": result.trials.count, "search_best_auc": result.best.score]
    }

    /// The fastest of `repeats` runs (seconds) and the last result.
    static func best<T>(of repeats: Int, _ body: () throws -> T) rethrows -> (Double, T) {
        var fastest = Double.infinity
        var result: T?
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (fastest, result!)
    }

    static func featurized(rows: Int, seed: UInt64) -> (FeatureMatrix, [Double]) {
        var g = SeededGenerator(seed: seed)
        let rates = [5.0, 2.0, 0.45, 0.35, 0.03, 0.03, 0.35]
        var counts = [[Double]](repeating: [], count: 7), recency = counts
        func poisson(_ lambda: Double) -> Double {
            let limit = exp(-lambda)
            var k = 0.0, p = 1.0
            repeat { k += 1; p *= g.unit() } while p > limit
            return k - 1
        }
        var y: [Double] = []
        for _ in 0..<rows {
            for j in 0..<7 {
                let c = poisson(rates[j] * (0.25 + 1.5 * g.unit()))
                counts[j].append(c)
                recency[j].append(c > 0 ? (-log(1 - g.unit()) * 20_000 / (1 + c)).rounded() : .nan)
            }
            let click = recency[2].last!.isNaN ? 1e5 : recency[2].last!
            let z = -3.7 + 1.6 * log1p(counts[2].last!) + 1.3 * log1p(counts[3].last!) + 1.1 * log1p(counts[6].last!)
                + 0.8 * counts[4].last! + (click < 3000 ? 2.4 : 0)
            y.append(g.unit() < 1 / (1 + exp(-z)) ? 1 : 0)
        }
        let names = ["emailsReceived", "emailsOpened", "emailsClicked", "productsViewed", "propositionInteracts",
                     "propositionDismissed", "webLinkClicks"]
        let recencyNames = ["minutes_since_emailSent", "minutes_since_emailOpened", "minutes_since_emailClick",
                            "minutes_since_productView", "minutes_since_propositionInteract",
                            "minutes_since_propositionDismiss", "minutes_since_linkClick"]
        return (FeatureMatrix(names: names + recencyNames, columns: counts + recency), y)
    }

    static func writeCSV(_ x: FeatureMatrix, _ y: [Double], to url: URL) throws {
        var text = (x.names + ["label"]).joined(separator: ",") + "\n"
        for i in 0..<x.rowCount {
            for j in 0..<x.featureCount {
                let v = x.columns[j][i]
                if !v.isNaN { text += String(Int(v)) }
                text += ","
            }
            text += y[i] == 1 ? "1\n" : "0\n"
        }
        try AtomicWrite.replace(url, with: Data(text.utf8))
    }
}
