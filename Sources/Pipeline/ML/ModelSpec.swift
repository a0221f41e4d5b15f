/// What to train: an algorithm and its hyperparameters, plus how features are preprocessed.
public enum ModelSpec: Sendable, Equatable {
    case logistic(LogisticRegression.Parameters)
    case boostedTrees(GradientBoostedTrees.Parameters)
    case randomForest(RandomForest.Parameters)

    /// The name used in run records, model files and the language: `logistic`, `gbt`, `forest`.
    public var kind: String {
        switch self {
        case .logistic: return "logistic"
        case .boostedTrees: return "gbt"
        case .randomForest: return "forest"
        }
    }

    /// Logistic regression needs filled, standardized inputs; trees route NaN themselves.
    public var defaultMissingPolicy: MissingValuePolicy {
        if case .logistic = self { return .zero }
        return .keep
    }

    var standardizes: Bool {
        if case .logistic = self { return true }
        return false
    }

    /// Builds a spec from a kind and loosely typed hyperparameters (search trials, the language,
    /// the CLI). Unknown names are errors with a suggestion, so a typo never trains a default.
    public init(kind: String, parameters: [String: Double], criterion: String? = nil) throws {
        func take(_ known: [String]) throws {
            for name in parameters.keys.sorted() where !known.contains(name) {
                throw PipelineError(.invalidArgument, "`\(name)` is not a \(kind) hyperparameter",
                                    hint: Suggestion.closest(to: name, in: known).map { "did you mean `\($0)`?" }
                                        ?? "known: \(known.joined(separator: ", "))")
            }
        }
        func int(_ name: String) -> Int? { parameters[name].map { Int($0.rounded()) } }
        switch kind {
        case "logistic":
            try take(["c", "tolerance", "maxIterations"])
            var p = LogisticRegression.Parameters()
            if let v = parameters["c"] { p.c = v }
            if let v = parameters["tolerance"] { p.tolerance = v }
            if let v = int("maxIterations") { p.maxIterations = v }
            self = .logistic(p)
        case "gbt":
            try take(["learningRate", "trees", "maxDepth", "maxLeafNodes", "minSamplesLeaf", "l2Regularization", "subsample", "seed",
                      "validationFraction", "patience"])
            var p = GradientBoostedTrees.Parameters()
            if let v = parameters["learningRate"] { p.learningRate = v }
            if let v = int("trees") { p.trees = v }
            if let v = int("maxDepth") { p.maxDepth = v }
            if let v = int("maxLeafNodes") { p.maxLeafNodes = v }
            if let v = int("minSamplesLeaf") { p.minSamplesLeaf = v }
            if let v = parameters["l2Regularization"] { p.l2Regularization = v }
            if let v = parameters["subsample"] { p.subsample = v }
            if let v = int("seed") { p.seed = UInt64(max(v, 0)) }
            if let v = parameters["validationFraction"] { p.validationFraction = v }
            if let v = int("patience") { p.patience = v }
            self = .boostedTrees(p)
        case "forest":
            try take(["trees", "maxDepth", "minSamplesLeaf", "maxFeatures", "bootstrap", "seed"])
            var p = RandomForest.Parameters()
            if let v = int("trees") { p.trees = v }
            if let v = int("maxDepth") { p.maxDepth = v }
            if let v = int("minSamplesLeaf") { p.minSamplesLeaf = v }
            if let v = int("maxFeatures") { p.maxFeatures = v }
            if let v = parameters["bootstrap"] { p.bootstrap = v != 0 }
            if let v = int("seed") { p.seed = UInt64(max(v, 0)) }
            if let c = criterion {
                guard let parsed = RandomForest.Criterion(rawValue: c) else {
                    throw PipelineError(.invalidArgument, "criterion must be gini or entropy, got `\(c)`")
                }
                p.criterion = parsed
            }
            self = .randomForest(p)
        default:
            throw PipelineError(.invalidArgument, "unknown model kind `\(kind)`",
                                hint: "use logistic, gbt or forest")
        }
    }

    /// The hyperparameters as name → value, for run records.
    public var parameters: [String: String] {
        switch self {
        case .logistic(let p):
            return ["c": "\(p.c)", "tolerance": "\(p.tolerance)", "maxIterations": "\(p.maxIterations)"]
        case .boostedTrees(let p):
            return ["learningRate": "\(p.learningRate)", "trees": "\(p.trees)", "maxDepth": p.maxDepth.map { "\($0)" } ?? "none",
                    "maxLeafNodes": "\(p.maxLeafNodes)", "minSamplesLeaf": "\(p.minSamplesLeaf)",
                    "l2Regularization": "\(p.l2Regularization)", "subsample": "\(p.subsample)", "seed": "\(p.seed)",
                    "validationFraction": p.validationFraction.map { "\($0)" } ?? "none", "patience": "\(p.patience)"]
        case .randomForest(let p):
            return ["trees": "\(p.trees)", "maxDepth": p.maxDepth.map { "\($0)" } ?? "none", "minSamplesLeaf": "\(p.minSamplesLeaf)",
                    "criterion": p.criterion.rawValue, "bootstrap": "\(p.bootstrap)",
                    "maxFeatures": p.maxFeatures.map { "\($0)" } ?? "sqrt", "seed": "\(p.seed)"]
        }
    }
}
