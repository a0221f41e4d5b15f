import Dispatch

/// A random forest of classification trees (gini or entropy) on bootstrap samples, with a random
/// subset of features tried at each split. Trees grow on all cores; each tree has its own seeded
/// generator, so the forest is the same whatever order the threads run in.
public struct RandomForest: Sendable, Equatable {
    public enum Criterion: String, Sendable, Codable, CaseIterable { case gini, entropy }

    public struct Parameters: Sendable, Equatable, Codable {
        public var trees = 100
        public var maxDepth: Int? = nil
        public var minSamplesLeaf = 1
        public var criterion = Criterion.gini
        public var bootstrap = true
        /// Features tried per split; `nil` means √(feature count), scikit-learn's default.
        public var maxFeatures: Int? = nil
        public var seed: UInt64 = 0

        public init(trees: Int = 100, maxDepth: Int? = nil, minSamplesLeaf: Int = 1, criterion: Criterion = .gini,
                    bootstrap: Bool = true, maxFeatures: Int? = nil, seed: UInt64 = 0) {
            self.trees = trees
            self.maxDepth = maxDepth
            self.minSamplesLeaf = minSamplesLeaf
            self.criterion = criterion
            self.bootstrap = bootstrap
            self.maxFeatures = maxFeatures
            self.seed = seed
        }

        func validate() throws {
            guard trees >= 1 else { throw PipelineError(.invalidArgument, "trees must be at least 1, got \(trees)") }
            guard minSamplesLeaf >= 1 else { throw PipelineError(.invalidArgument, "min samples per leaf must be at least 1, got \(minSamplesLeaf)") }
            if let d = maxDepth, d < 1 { throw PipelineError(.invalidArgument, "max depth must be at least 1, got \(d)") }
            if let m = maxFeatures, m < 1 { throw PipelineError(.invalidArgument, "max features must be at least 1, got \(m)") }
        }
    }

    /// Leaf values are the positive fraction of the leaf's (bootstrap) rows.
    public let trees: [DecisionTree]
    /// Mean impurity decrease per feature, normalized to sum to 1.
    public let gainImportance: [Double]

    public init(trees: [DecisionTree], gainImportance: [Double]) {
        self.trees = trees
        self.gainImportance = gainImportance
    }

    public static func fit(_ x: FeatureMatrix, _ y: [Double], parameters: Parameters = .init()) throws -> RandomForest {
        try parameters.validate()
        guard x.rowCount == y.count, x.rowCount > 0 else {
            throw PipelineError(.invalidArgument, "\(x.rowCount) feature rows but \(y.count) labels")
        }
        let n = x.rowCount
        let binner = FeatureBinner(fitting: x, seed: parameters.seed)
        let grower = TreeGrower(bins: binner.transform(x), edges: binner.edges, sparse: nil)
        // Each row's (label, weight): a leaf's Σa / Σb is its positive fraction.
        let pairs = y.map { SIMD2($0, 1) }
        // Without bootstrap every tree starts from every row in order, whose total is this.
        let everyRowTotal = parameters.bootstrap ? nil : pairs.reduce(SIMD2<Double>.zero, +)
        let perSplit = parameters.maxFeatures ?? max(1, Int(Double(x.featureCount).squareRoot()))
        let settings = TreeGrower.Settings(criterion: parameters.criterion == .gini ? .gini : .entropy,
                                           maxDepth: parameters.maxDepth, maxLeafNodes: nil,
                                           minSamplesLeaf: parameters.minSamplesLeaf,
                                           featuresPerSplit: min(perSplit, x.featureCount))
        let root = SeededGenerator(seed: parameters.seed)
        let grown = UnsafeMutablePointer<TreeGrower.Grown?>.allocate(capacity: parameters.trees)
        grown.initialize(repeating: nil, count: parameters.trees)
        defer { grown.deinitialize(count: parameters.trees); grown.deallocate() }
        Parallel.forEach(parameters.trees) { t in
            var generator = root.derived(t)
            var rows: [Int32] = parameters.bootstrap ? bootstrapSample(n, &generator) : Array(Int32(0)..<Int32(n))
            grown[t] = grower.grow(rows: &rows, pairs: pairs, everyRowTotal: everyRowTotal, settings: settings,
                                   generator: &generator) { positives, count in
                count > 0 ? positives / count : 0
            }
        }
        var gains = [Double](repeating: 0, count: x.featureCount)
        var trees: [DecisionTree] = []
        for t in 0..<parameters.trees {
            let g = grown[t]!
            let treeTotal = g.gains.reduce(0, +)
            for j in gains.indices where treeTotal > 0 { gains[j] += g.gains[j] / treeTotal }
            trees.append(g.tree)
        }
        let total = gains.reduce(0, +)
        return RandomForest(trees: trees, gainImportance: gains.map { total > 0 ? $0 / total : 0 })
    }

    /// `n` rows drawn with replacement, in ascending order. Draws are tallied per row and read
    /// back in row order — the same list as sorting the draws, in one pass instead of a sort.
    static func bootstrapSample(_ n: Int, _ generator: inout SeededGenerator) -> [Int32] {
        var draws = [Int32](repeating: 0, count: n)
        for _ in 0..<n { draws[Int(generator.next() % UInt64(n))] += 1 }
        var rows: [Int32] = []
        rows.reserveCapacity(n)
        for (row, count) in draws.enumerated() where count > 0 {
            rows.append(contentsOf: repeatElement(Int32(row), count: Int(count)))
        }
        return rows
    }

    /// P(y = 1) per row: the mean of the trees' leaf fractions.
    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        let k = 1 / Double(trees.count)
        return trees.sum(x, start: 0).map { $0 * k }
    }
}
