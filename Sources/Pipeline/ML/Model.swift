/// A fitted estimator of one of the supported kinds.
public enum Estimator: Sendable, Equatable {
    case logistic(LogisticRegression)
    case boostedTrees(GradientBoostedTrees)
    case randomForest(RandomForest)

    /// P(y = 1) per row of a raw matrix under the fitted `preprocessing`.
    func probabilities(_ x: FeatureMatrix, preprocessing: Preprocessing) -> [Double] {
        switch self {
        case .logistic(let m): return m.probabilities(x, preprocessing: preprocessing)
        case .boostedTrees(let m): return m.probabilities(preprocessing.apply(x))
        case .randomForest(let m): return m.probabilities(preprocessing.apply(x))
        }
    }

    /// Split-gain importance per feature (trees only).
    public var gainImportance: [Double]? {
        switch self {
        case .logistic: return nil
        case .boostedTrees(let m): return m.gainImportance
        case .randomForest(let m): return m.gainImportance
        }
    }
}

/// A trained propensity model: the feature names it reads, the fitted preprocessing, the
/// estimator and the spec it was trained with. Everything scoring needs travels with it.
public struct Model: Sendable, Equatable {
    public let spec: ModelSpec
    public let features: [String]
    public let preprocessing: Preprocessing
    public let estimator: Estimator

    public init(spec: ModelSpec, features: [String], preprocessing: Preprocessing, estimator: Estimator) {
        self.spec = spec
        self.features = features
        self.preprocessing = preprocessing
        self.estimator = estimator
    }

    /// Trains on `x` and 0/1 labels `y`. `missing` overrides the spec's default policy.
    public static func train(_ spec: ModelSpec, x: FeatureMatrix, y: [Double], missing: MissingValuePolicy? = nil) throws -> Model {
        try train(spec, x: x, y: y, missing: missing, binning: nil)
    }

    /// As `train`, with boosted trees reusing `binning` when it was made of `x` with their seed
    /// (kept missing values leave `x` as it is, so the binning is of the rows they train on).
    static func train(_ spec: ModelSpec, x: FeatureMatrix, y: [Double], missing: MissingValuePolicy?,
                      binning: SharedBinning?) throws -> Model {
        let policy = missing ?? spec.defaultMissingPolicy
        if case .logistic = spec, policy == .keep {
            throw PipelineError(.invalidArgument, "logistic regression cannot keep missing values",
                                hint: "use the zero, mean or median policy")
        }
        let preprocessing = Preprocessing.fit(x, policy: policy, standardize: spec.standardizes)
        let prepared = preprocessing.apply(x)
        let estimator: Estimator
        switch spec {
        case .logistic(let p): estimator = .logistic(try LogisticRegression.fit(prepared, y, parameters: p))
        case .boostedTrees(let p):
            estimator = .boostedTrees(try GradientBoostedTrees.fit(prepared, y, parameters: p, binning: policy == .keep ? binning : nil))
        case .randomForest(let p): estimator = .randomForest(try RandomForest.fit(prepared, y, parameters: p))
        }
        return Model(spec: spec, features: x.names, preprocessing: preprocessing, estimator: estimator)
    }

    /// Trains on the named feature columns and label column of `table`.
    public static func train(_ spec: ModelSpec, table: Table, features: [String], label: String,
                             missing: MissingValuePolicy? = nil) throws -> Model {
        try train(spec, x: try FeatureMatrix(table: table, features: features),
                  y: try BinaryLabel.values(of: table, column: label), missing: missing)
    }

    /// P(y = 1) per row of a raw (unpreprocessed) matrix with this model's features in order.
    public func probabilities(_ x: FeatureMatrix) throws -> [Double] {
        estimator.probabilities(try x.checked(against: self), preprocessing: preprocessing)
    }

    /// P(y = 1) per row of `table`, reading this model's feature columns by name (other columns,
    /// the label included, are ignored — the reference passed everything and hoped).
    public func probabilities(_ table: Table) throws -> [Double] {
        try probabilities(try FeatureMatrix(table: table, features: features))
    }
}
