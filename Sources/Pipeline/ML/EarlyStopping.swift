import Foundation

/// scikit-learn's boosting early stopping (`early_stopping=True, scoring="loss"`): the log loss
/// of held-out rows is scored before the first tree and after every tree, and training stops
/// when none of the last `patience` scores beats the one `patience + 1` back by more than
/// `tolerance`.
struct EarlyStopping {
    let binned: BinnedFeatures
    let labels: [Double]
    let patience: Int
    let tolerance: Double
    /// Raw scores of the held-out rows so far.
    private var raw: [Double]
    /// Negative log loss after each iteration, the baseline first (higher is better).
    private(set) var scores: [Double] = []

    init(binned: BinnedFeatures, labels: [Double], baseline: Double, patience: Int, tolerance: Double = 1e-7) {
        self.binned = binned
        self.labels = labels
        self.patience = patience
        self.tolerance = tolerance
        raw = [Double](repeating: baseline, count: labels.count)
        scores.append(-logLoss())
    }

    /// Adds a new tree's contribution; true when training should stop.
    mutating func shouldStop(after grown: TreeGrower.Grown) -> Bool {
        for i in raw.indices { raw[i] += grown.tree.value[grown.leaf(of: i, in: binned)] }
        scores.append(-logLoss())
        guard scores.count > patience + 1 else { return false }
        let reference = scores[scores.count - patience - 1] + tolerance
        return !scores.suffix(patience).contains { $0 > reference }
    }

    private func logLoss() -> Double {
        var sum = 0.0
        for (t, y) in zip(raw, labels) {
            // log(1 + e^t) − y·t without overflow.
            sum += (t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))) - y * t
        }
        return sum / Double(max(labels.count, 1))
    }
}
