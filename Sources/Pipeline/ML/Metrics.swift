import Foundation

/// Binary-classification metrics over 0/1 labels and predicted probabilities, with
/// scikit-learn's definitions so figures compare one to one.
public enum Metrics {
    /// Area under the ROC curve; tied scores count half (the Mann–Whitney statistic). The
    /// (score, label) pairs themselves are sorted, not indices into them: how rows within a tie
    /// are ordered does not change the sum, so any order by score gives the same bits.
    public static func rocAUC(labels: [Double], scores: [Double]) throws -> Double {
        let (pos, neg) = try classCounts(labels, scores)
        var sorted = zip(scores, labels).map { (score: $0, positive: $1 == 1) }
        sorted.sort { $0.score < $1.score }
        var rankSum = 0.0, i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1].score == sorted[i].score { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where sorted[k].positive { rankSum += averageRank }
            i = j + 1
        }
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg)
    }

    /// Average precision (scikit-learn's PR AUC): Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds.
    public static func averagePrecision(labels: [Double], scores: [Double]) throws -> Double {
        let (pos, _) = try classCounts(labels, scores)
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0.0, fp = 0.0, previousRecall = 0.0, ap = 0.0, i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            for k in i...j { if labels[order[k]] == 1 { tp += 1 } else { fp += 1 } }
            let recall = tp / pos
            ap += (recall - previousRecall) * tp / (tp + fp)
            previousRecall = recall
            i = j + 1
        }
        return ap
    }

    /// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15].
    public static func logLoss(labels: [Double], scores: [Double]) throws -> Double {
        _ = try sameLength(labels, scores)
        var sum = 0.0
        for (y, p) in zip(labels, scores) {
            let q = min(max(p, 1e-15), 1 - 1e-15)
            sum -= y * log(q) + (1 - y) * log(1 - q)
        }
        return sum / Double(labels.count)
    }

    /// Counts at a threshold: a row is predicted positive when its score is ≥ the threshold.
    public static func confusion(labels: [Double], scores: [Double], threshold: Double) throws -> ConfusionMatrix {
        _ = try sameLength(labels, scores)
        var m = ConfusionMatrix(threshold: threshold)
        for (y, p) in zip(labels, scores) {
            switch (y == 1, p >= threshold) {
            case (true, true): m.truePositives += 1
            case (true, false): m.falseNegatives += 1
            case (false, true): m.falsePositives += 1
            case (false, false): m.trueNegatives += 1
            }
        }
        return m
    }

    /// Mean predicted vs observed positive rate in equal-width probability bins (empty bins
    /// left out), as `sklearn.calibration.calibration_curve(strategy="uniform")`.
    public static func calibration(labels: [Double], scores: [Double], bins: Int = 10) throws -> [CalibrationBin] {
        _ = try sameLength(labels, scores)
        guard bins >= 1 else { throw PipelineError(.invalidArgument, "calibration needs at least 1 bin") }
        // Bins are right-closed, (k/bins, (k+1)/bins], with edges computed as numpy's linspace does.
        let edges = (1..<bins).map { Double($0) * (1 / Double(bins)) }
        var sumP = [Double](repeating: 0, count: bins), sumY = sumP, count = [Int](repeating: 0, count: bins)
        for (y, p) in zip(labels, scores) {
            var b = 0
            while b < edges.count && edges[b] < p { b += 1 }
            sumP[b] += p; sumY[b] += y; count[b] += 1
        }
        return (0..<bins).compactMap { b in
            count[b] == 0 ? nil : CalibrationBin(lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins),
                                                 meanPredicted: sumP[b] / Double(count[b]),
                                                 observedRate: sumY[b] / Double(count[b]), count: count[b])
        }
    }

    /// Rows sorted by score (highest first) cut into `groups` equal groups (deciles by default):
    /// each group's positive rate, lift over the overall rate and cumulative share of positives.
    public static func liftAndGains(labels: [Double], scores: [Double], groups: Int = 10) throws -> [LiftRow] {
        let (pos, neg) = try classCounts(labels, scores)
        let n = labels.count
        guard groups >= 1, groups <= n else { throw PipelineError(.invalidArgument, "cannot cut \(n) rows into \(groups) groups") }
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let overall = pos / (pos + neg)
        var rows: [LiftRow] = [], cumulative = 0.0
        for g in 0..<groups {
            let lo = g * n / groups, hi = (g + 1) * n / groups
            let hits = order[lo..<hi].reduce(0.0) { $0 + labels[$1] }
            cumulative += hits
            let rate = hits / Double(hi - lo)
            rows.append(LiftRow(group: g + 1, rows: hi - lo, positives: Int(hits), positiveRate: rate,
                                lift: rate / overall, cumulativeGain: cumulative / pos,
                                cumulativeLift: (cumulative / Double(hi)) / overall))
        }
        return rows
    }

    @discardableResult
    static func sameLength(_ labels: [Double], _ scores: [Double]) throws -> Int {
        guard labels.count == scores.count else {
            throw PipelineError(.invalidArgument, "\(labels.count) labels but \(scores.count) scores")
        }
        guard !labels.isEmpty else { throw PipelineError(.invalidArgument, "no rows to evaluate") }
        return labels.count
    }

    static func classCounts(_ labels: [Double], _ scores: [Double]) throws -> (Double, Double) {
        try sameLength(labels, scores)
        let pos = labels.reduce(0, +), neg = Double(labels.count) - pos
        guard pos > 0, neg > 0 else {
            throw PipelineError(.invalidArgument, "the evaluation labels contain only \(pos > 0 ? "positives" : "negatives"); ROC and PR need both classes")
        }
        return (pos, neg)
    }
}

/// Counts at a threshold, laid out with **actual** classes as rows and **predicted** classes as
/// columns (the reference passed them swapped and so transposed its chart).
public struct ConfusionMatrix: Sendable, Equatable {
    public var threshold: Double
    public var trueNegatives = 0, falsePositives = 0, falseNegatives = 0, truePositives = 0

    public init(threshold: Double) { self.threshold = threshold }

    /// `[[TN, FP], [FN, TP]]`: row = actual (negative, positive), column = predicted.
    public var rows: [[Int]] { [[trueNegatives, falsePositives], [falseNegatives, truePositives]] }
    public static let axisLabels = (rows: "actual", columns: "predicted")

    public var total: Int { trueNegatives + falsePositives + falseNegatives + truePositives }
    public var accuracy: Double { Double(trueNegatives + truePositives) / Double(max(total, 1)) }
    /// 0 when nothing is predicted positive (scikit-learn's `zero_division=0`).
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
}

public struct CalibrationBin: Sendable, Equatable {
    public let lower: Double, upper: Double
    public let meanPredicted: Double, observedRate: Double
    public let count: Int
}

public struct LiftRow: Sendable, Equatable {
    public let group: Int
    public let rows: Int
    public let positives: Int
    public let positiveRate: Double
    public let lift: Double
    /// Share of all positives found in this group and the ones above it.
    public let cumulativeGain: Double
    public let cumulativeLift: Double
}
