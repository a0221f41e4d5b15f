/// Everything known about a model's quality on held-out data: the figures, the curves and the
/// importances, each also available as a `Table` for display and charts.
public struct Evaluation: Sendable {
    public let rows: Int
    public let positives: Int
    public let rocAUC: Double
    public let averagePrecision: Double
    public let logLoss: Double
    public let confusion: ConfusionMatrix
    public let calibration: [CalibrationBin]
    public let lift: [LiftRow]
    /// Mean drop in ROC AUC when a feature's values are shuffled, per feature; empty until
    /// `addingPermutationImportance` (it costs features × repeats more scorings of the test rows).
    public private(set) var permutationImportance: [Double]
    public let gainImportance: [Double]?
    public let features: [String]
    /// ROC curve points (false positive rate, true positive rate) and PR points (recall, precision).
    public let rocCurve: [(Double, Double)]
    public let prCurve: [(Double, Double)]

    public var accuracy: Double { confusion.accuracy }
    public var precision: Double { confusion.precision }
    public var recall: Double { confusion.recall }
    public var f1: Double { confusion.f1 }

    /// Evaluates `model` on test rows only, permutation importance included (`repeats` seeded
    /// shuffles per feature).
    public static func evaluate(_ model: Model, x: FeatureMatrix, y: [Double], threshold: Double = 0.5,
                                repeats: Int = 3, seed: UInt64 = 0) throws -> Evaluation {
        try metrics(model, x: x, y: y, threshold: threshold).addingPermutationImportance(of: model, x: x, y: y, repeats: repeats, seed: seed)
    }

    /// Evaluates `model` on test rows only: every figure and curve, but no permutation importance.
    public static func metrics(_ model: Model, x: FeatureMatrix, y: [Double], threshold: Double = 0.5) throws -> Evaluation {
        let scores = try model.probabilities(x)
        return Evaluation(rows: y.count, positives: Int(y.reduce(0, +)), rocAUC: try Metrics.rocAUC(labels: y, scores: scores),
                          averagePrecision: try Metrics.averagePrecision(labels: y, scores: scores),
                          logLoss: try Metrics.logLoss(labels: y, scores: scores),
                          confusion: try Metrics.confusion(labels: y, scores: scores, threshold: threshold),
                          calibration: try Metrics.calibration(labels: y, scores: scores),
                          lift: try Metrics.liftAndGains(labels: y, scores: scores),
                          permutationImportance: [], gainImportance: model.estimator.gainImportance,
                          features: model.features, rocCurve: Curves.roc(labels: y, scores: scores),
                          prCurve: Curves.precisionRecall(labels: y, scores: scores))
    }

    /// This evaluation of `model` on `x`, `y` with the mean drop in ROC AUC when each feature is
    /// shuffled. Every (feature, repeat) shuffle has its own generator derived from `seed`, so
    /// they run on all cores and the result does not depend on how many there are.
    public func addingPermutationImportance(of model: Model, x: FeatureMatrix, y: [Double], repeats: Int = 3,
                                            seed: UInt64 = 0) throws -> Evaluation {
        let repeats = max(repeats, 1), auc = rocAUC
        let scorer = try PermutedScorer(model: model, x: x)
        let drops = Parallel.map(x.featureCount * repeats) { job in
            Result<Double, Error> {
                var generator = SeededGenerator(seed: seed &+ UInt64(job) &* 0x9E37_79B9_7F4A_7C15)
                let j = job / repeats
                var shuffled = scorer.columns.columns[j]
                shuffled.shuffle(using: &generator)
                return auc - (try Metrics.rocAUC(labels: y, scores: try scorer.scores(replacing: j, with: shuffled)))
            }
        }
        var copy = self
        copy.permutationImportance = try (0..<x.featureCount).map { j in
            try drops[(j * repeats)..<((j + 1) * repeats)].reduce(0.0) { $0 + (try $1.get()) } / Double(repeats)
        }
        return copy
    }

    /// The headline figures as name → value (run metrics).
    public var metrics: [String: Double] {
        ["roc_auc": rocAUC, "pr_auc": averagePrecision, "log_loss": logLoss, "accuracy": accuracy,
         "precision": precision, "recall": recall, "f1": f1, "threshold": confusion.threshold]
    }

    public var metricsTable: Table {
        let names = metrics.keys.sorted()
        return try! Table([Column("metric", strings: names), Column("value", doubles: names.map { metrics[$0]! })])
    }

    /// Rows actual negative/positive, columns predicted negative/positive.
    public var confusionTable: Table {
        let m = confusion.rows
        return try! Table([Column("actual", strings: ["negative", "positive"]),
                           Column("predicted_negative", ints: [m[0][0], m[1][0]]),
                           Column("predicted_positive", ints: [m[0][1], m[1][1]])])
    }

    public var calibrationTable: Table {
        try! Table([Column("bin_lower", doubles: calibration.map(\.lower)), Column("bin_upper", doubles: calibration.map(\.upper)),
                    Column("mean_predicted", doubles: calibration.map(\.meanPredicted)),
                    Column("observed_rate", doubles: calibration.map(\.observedRate)),
                    Column("count", ints: calibration.map(\.count))])
    }

    public var liftTable: Table {
        try! Table([Column("decile", ints: lift.map(\.group)), Column("rows", ints: lift.map(\.rows)),
                    Column("positives", ints: lift.map(\.positives)), Column("positive_rate", doubles: lift.map(\.positiveRate)),
                    Column("lift", doubles: lift.map(\.lift)), Column("cumulative_gain", doubles: lift.map(\.cumulativeGain)),
                    Column("cumulative_lift", doubles: lift.map(\.cumulativeLift))])
    }

    /// One row per feature, most important (by permutation) first.
    public var importanceTable: Table {
        let order = features.indices.sorted { permutationImportance[$0] > permutationImportance[$1] }
        var columns = [Column("feature", strings: order.map { features[$0] }),
                       Column("permutation_importance", doubles: order.map { permutationImportance[$0] })]
        if let gain = gainImportance { columns.append(Column("gain_importance", doubles: order.map { gain[$0] })) }
        return try! Table(columns)
    }
}

/// Curve points for ROC and precision–recall charts, one per distinct score.
enum Curves {
    static func roc(labels: [Double], scores: [Double]) -> [(Double, Double)] {
        sweep(labels, scores).map { tp, fp, pos, neg in (fp / neg, tp / pos) }
    }

    static func precisionRecall(labels: [Double], scores: [Double]) -> [(Double, Double)] {
        sweep(labels, scores).dropFirst().map { tp, fp, pos, _ in (tp / pos, tp / (tp + fp)) }
    }

    /// (tp, fp, positives, negatives) after each distinct threshold, from the highest score down,
    /// starting at (0, 0).
    private static func sweep(_ labels: [Double], _ scores: [Double]) -> [(Double, Double, Double, Double)] {
        let pos = labels.reduce(0, +), neg = Double(labels.count) - pos
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var out = [(0.0, 0.0, pos, neg)], tp = 0.0, fp = 0.0, i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            for k in i...j { if labels[order[k]] == 1 { tp += 1 } else { fp += 1 } }
            out.append((tp, fp, pos, neg))
            i = j + 1
        }
        return out
    }
}
