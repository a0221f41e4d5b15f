import Foundation

/// Histogram-based gradient-boosted trees for binary log loss, following scikit-learn's
/// `HistGradientBoostingClassifier`: 255 bins plus a missing-value bin, best-first trees capped
/// by leaf count, Newton leaf values −G/(H+λ) shrunk by the learning rate.
public struct GradientBoostedTrees: Sendable, Equatable {
    public struct Parameters: Sendable, Equatable, Codable {
        public var learningRate = 0.1
        /// Number of boosting iterations (trees) — scikit-learn's `max_iter`.
        public var trees = 100
        public var maxDepth: Int? = nil
        public var maxLeafNodes = 31
        public var minSamplesLeaf = 20
        public var l2Regularization = 0.0
        /// Fraction of rows drawn (without replacement) for each tree; 1 uses all.
        public var subsample = 1.0
        public var seed: UInt64 = 0
        /// Early stopping: hold out this fraction of the rows (stratified, seeded) and stop adding
        /// trees once their log loss stops improving for `patience` trees. `nil` (the default)
        /// trains every tree, like scikit-learn's `early_stopping=False`.
        public var validationFraction: Double? = nil
        /// Trees without a validation improvement before early stopping ends training.
        public var patience = 10

        public init(learningRate: Double = 0.1, trees: Int = 100, maxDepth: Int? = nil, maxLeafNodes: Int = 31,
                    minSamplesLeaf: Int = 20, l2Regularization: Double = 0, subsample: Double = 1, seed: UInt64 = 0,
                    validationFraction: Double? = nil, patience: Int = 10) {
            self.learningRate = learningRate
            self.trees = trees
            self.maxDepth = maxDepth
            self.maxLeafNodes = maxLeafNodes
            self.minSamplesLeaf = minSamplesLeaf
            self.l2Regularization = l2Regularization
            self.subsample = subsample
            self.seed = seed
            self.validationFraction = validationFraction
            self.patience = patience
        }

        func validate() throws {
            guard learningRate > 0 else { throw PipelineError(.invalidArgument, "learning rate must be positive, got \(learningRate)") }
            guard trees >= 1 else { throw PipelineError(.invalidArgument, "trees must be at least 1, got \(trees)") }
            guard maxLeafNodes >= 2 else { throw PipelineError(.invalidArgument, "max leaf nodes must be at least 2, got \(maxLeafNodes)") }
            guard minSamplesLeaf >= 1 else { throw PipelineError(.invalidArgument, "min samples per leaf must be at least 1, got \(minSamplesLeaf)") }
            guard l2Regularization >= 0 else { throw PipelineError(.invalidArgument, "l2 regularization must be >= 0, got \(l2Regularization)") }
            guard subsample > 0, subsample <= 1 else { throw PipelineError(.invalidArgument, "subsample must be in (0, 1], got \(subsample)") }
            if let d = maxDepth, d < 1 { throw PipelineError(.invalidArgument, "max depth must be at least 1, got \(d)") }
            if let f = validationFraction, !(f > 0 && f < 1) {
                throw PipelineError(.invalidArgument, "validation fraction must be between 0 and 1 (exclusive), got \(f)")
            }
            guard patience >= 1 else { throw PipelineError(.invalidArgument, "patience must be at least 1 tree, got \(patience)") }
        }
    }

    /// The raw score before any tree: log-odds of the training positive rate.
    public let baseline: Double
    /// Leaf values already include the learning rate.
    public let trees: [DecisionTree]
    /// Total split gain per feature, normalized to sum to 1.
    public let gainImportance: [Double]

    public init(baseline: Double, trees: [DecisionTree], gainImportance: [Double]) {
        self.baseline = baseline
        self.trees = trees
        self.gainImportance = gainImportance
    }

    public static func fit(_ x: FeatureMatrix, _ y: [Double], parameters: Parameters = .init()) throws -> GradientBoostedTrees {
        try fit(x, y, parameters: parameters, binning: nil)
    }

    /// As `fit`, reusing `binning` when it was made of `x` with the parameters' seed (a search
    /// bins its training rows once for all trials). Early stopping trains on part of `x`, which
    /// it bins afresh.
    static func fit(_ x: FeatureMatrix, _ y: [Double], parameters: Parameters, binning: SharedBinning?) throws -> GradientBoostedTrees {
        try parameters.validate()
        guard x.rowCount == y.count, x.rowCount > 0 else {
            throw PipelineError(.invalidArgument, "\(x.rowCount) feature rows but \(y.count) labels")
        }
        guard let fraction = parameters.validationFraction else {
            return try boost(SharedBinning.of(x, seed: parameters.seed, shared: binning), y, parameters, holdOut: nil)
        }
        let split = try Split.stratified(labels: y, testFraction: fraction, seed: parameters.seed)
        return try boost(SharedBinning(x.gathering(split.train), seed: parameters.seed), split.train.map { y[$0] }, parameters,
                         holdOut: (x.gathering(split.test), split.test.map { y[$0] }))
    }

    /// Boosting on the binned rows, stopping early on `holdOut` rows when given.
    private static func boost(_ binning: SharedBinning, _ y: [Double], _ parameters: Parameters,
                              holdOut: (x: FeatureMatrix, y: [Double])?) throws -> GradientBoostedTrees {
        let binner = binning.binner, binned = binning.binned
        let n = binned.rowCount
        let positives = y.reduce(0, +)
        guard positives > 0, positives < Double(n) else {
            throw PipelineError(.model, "the training labels are all \(positives > 0 ? 1 : 0); boosting needs both classes")
        }
        let grower = TreeGrower(bins: binned, edges: binner.edges, sparse: binning.sparse)
        let baseline = log(positives / (Double(n) - positives))
        var stopping = holdOut.map {
            EarlyStopping(binned: binner.transform($0.x), labels: $0.y, baseline: baseline, patience: parameters.patience)
        }
        var scores = BoostingScores(labels: y, baseline: baseline)
        var generator = SeededGenerator(seed: parameters.seed)
        var trees: [DecisionTree] = []
        var gains = [Double](repeating: 0, count: binned.featureCount)
        let settings = TreeGrower.Settings(criterion: .newton(l2: parameters.l2Regularization), maxDepth: parameters.maxDepth,
                                           maxLeafNodes: parameters.maxLeafNodes, minSamplesLeaf: parameters.minSamplesLeaf,
                                           minChildWeight: 1e-3, featuresPerSplit: nil)
        let sampleSize = max(1, Int((Double(n) * parameters.subsample).rounded()))
        // Every row in order, copied (one memcpy) for each unsampled tree to reorder.
        let everyRow = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer[i] = Int32(i) }
            count = n
        }
        // Unsampled trees: each row's leaf, so the scores are refreshed in one pass in row order,
        // which also adds up the next root's total.
        var leafOfRow = [Int32](repeating: 0, count: sampleSize < n ? 0 : n)
        var everyRowTotal = scores.total
        for _ in 0..<parameters.trees {
            var rows: [Int32]
            var inSample: [Bool]? = nil
            if sampleSize < n {
                var all = Array(Int32(0)..<Int32(n))
                all.shuffle(using: &generator)
                rows = Array(all.prefix(sampleSize)).sorted()
                var mask = [Bool](repeating: false, count: n)
                for r in rows { mask[Int(r)] = true }
                inSample = mask
            } else {
                rows = everyRow
            }
            let l2 = parameters.l2Regularization, rate = parameters.learningRate
            let grown = grower.grow(rows: &rows, pairs: scores.pairs, everyRowTotal: inSample == nil ? everyRowTotal : nil,
                                    settings: settings, generator: &generator) { g, h in
                -rate * g / (h + l2 + 1e-300)
            }
            if let mask = inSample {
                // Update training scores leaf by leaf; rows left out of the sample go down the tree.
                for leaf in grown.leaves {
                    scores.add(grown.tree.value[leaf.node], to: rows[leaf.rows])
                }
                for i in 0..<n where !mask[i] {
                    scores.add(grown.tree.value[grown.leaf(of: i, in: binned)], to: CollectionOfOne(Int32(i)))
                }
            } else {
                leafOfRow.withUnsafeMutableBufferPointer { leafOf in
                    rows.withUnsafeBufferPointer { rows in
                        for leaf in grown.leaves {
                            let node = Int32(leaf.node)
                            for k in leaf.rows { leafOf[Int(rows[k])] = node }
                        }
                    }
                    everyRowTotal = scores.addToEveryRow(grown.tree.value, node: UnsafePointer(leafOf.baseAddress!))
                }
            }
            for j in gains.indices { gains[j] += grown.gains[j] }
            trees.append(grown.tree)
            if stopping?.shouldStop(after: grown) == true { break }
        }
        let totalGain = gains.reduce(0, +)
        return GradientBoostedTrees(baseline: baseline, trees: trees,
                                    gainImportance: gains.map { totalGain > 0 ? $0 / totalGain : 0 })
    }

    /// P(y = 1) per row.
    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        trees.sum(x, start: baseline).map(Sigmoid.value)
    }
}
