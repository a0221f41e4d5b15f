import Language
import Pipeline

/// `ml`: splits, training, evaluation on test rows, and hyperparameter search.
enum MLModule {
    static func make() -> NativeModule {
        let data: [Parameter] = [.positional("table", "Table"), .labeled("features", "[String]"), .labeled("label", "String")]
        return module("ml", doc: "Propensity models: stratified splits, logistic regression / gradient-boosted trees (gbt) / random forest, test-set evaluation with charts, seeded hyperparameter search.", [
            .method(function("split", [.positional("table", "Table"), .labeled("label", "String"),
                                       .labeled("testFraction", "Double", default: 0.2), .labeled("seed", "Int", default: 0)],
                             returns: "Split",
                             doc: "A seeded train/test split, stratified by the label so both parts keep the class balance.") { a in
                let table = try a.object(0, as: TableObject.self).table
                let label = try a.string(1)
                let indices = try Split.stratified(labels: try BinaryLabel.values(of: table, column: label),
                                                   testFraction: try a.double(2), seed: try seed(a, 3))
                let train = table.gathering(indices.train), test = table.gathering(indices.test)
                func positives(_ t: Table) throws -> Int { Int(try BinaryLabel.values(of: t, column: label).reduce(0, +)) }
                return .object(Record("Split", title: "Train / test split by `\(label)`", fields: [
                    .init(name: "train", value: TableObject.value(train), doc: "The training rows."),
                    .init(name: "test", value: TableObject.value(test), doc: "The test rows, for evaluation only."),
                    .init(name: "trainRows", value: .int(train.rowCount), doc: "Training rows."),
                    .init(name: "testRows", value: .int(test.rowCount), doc: "Test rows."),
                    .init(name: "trainPositives", value: .int(try positives(train)), doc: "Positive training rows."),
                    .init(name: "testPositives", value: .int(try positives(test)), doc: "Positive test rows."),
                ]))
            }),
            .method(function("train", data + [.labeled("model", "String", default: "logistic"),
                                              .labeled("params", "[String: Any]", default: .dictionary(OrderedDictionary())),
                                              .labeled("seed", "Int", default: 0)],
                             returns: "Model",
                             doc: "Fits a model: logistic (c, tolerance, maxIterations), gbt (trees, learningRate, maxDepth, maxLeafNodes, minSamplesLeaf, l2Regularization, subsample, validationFraction and patience for early stopping) or forest (trees, maxDepth, minSamplesLeaf, maxFeatures, bootstrap, criterion).") { a in
                let spec = try spec(kind: try a.string(3), params: try a.dictionary(4), seed: try a.int(5))
                let model = try Model.train(spec, table: try a.object(0, as: TableObject.self).table,
                                            features: try strings(a, 1), label: try a.string(2))
                return .object(ModelObject(model))
            }),
            .method(function("evaluate", [.positional("model", "Model"), Parameter(label: "on", name: "table", type: "Table"),
                                          .labeled("label", "String", default: "subscriptionOccurred"),
                                          .labeled("threshold", "Double", default: 0.5)],
                             returns: "Evaluation",
                             doc: "Scores the model on test rows and computes every metric and chart.") { a in
                let model = try a.object(0, as: ModelObject.self)
                let table = try a.object(1, as: TableObject.self).table
                let x = try FeatureMatrix(table: table, features: model.model.features)
                let y = try BinaryLabel.values(of: table, column: try a.string(2))
                let evaluation = try Evaluation.metrics(model.model, x: x, y: y, threshold: try a.double(3))
                return .object(EvaluationObject(evaluation, model: model.label) { [fitted = model.model] in
                    try $0.addingPermutationImportance(of: fitted, x: x, y: y)
                })
            }),
            .method(function("compare", [.positional("evaluations", "[Evaluation]")], returns: "Table",
                             doc: "One row per evaluation: ROC AUC, PR AUC, log loss, accuracy, precision, recall, F1.") { a in
                let items = try a.array(0).map { value -> EvaluationObject in
                    guard let e = value.objectValue as? EvaluationObject else {
                        throw LanguageError.typeError("compare takes evaluations, got \(value.typeName)")
                    }
                    return e
                }
                let e = items.map(\.evaluation)
                return TableObject.value(try Table([
                    Column("model", strings: items.map(\.modelLabel)),
                    Column("roc_auc", doubles: e.map(\.rocAUC)), Column("pr_auc", doubles: e.map(\.averagePrecision)),
                    Column("log_loss", doubles: e.map(\.logLoss)), Column("accuracy", doubles: e.map(\.accuracy)),
                    Column("precision", doubles: e.map(\.precision)), Column("recall", doubles: e.map(\.recall)),
                    Column("f1", doubles: e.map(\.f1)),
                ]))
            }),
            .method(function("search", data + [.labeled("model", "String", default: "gbt"), .labeled("space", "[String: Any]"),
                                               .labeled("trials", "Int", default: 20), .labeled("seed", "Int", default: 0),
                                               .labeled("strategy", "String", default: "random")],
                             returns: "Search",
                             doc: "Seeded search over a space — [low, high] (Int: integers, Double: uniform), [\"log\", low, high] (log-uniform) or [\"a\", \"b\"] (choices) — scored by validation ROC AUC on part of the training rows; strategy random or halving. The best configuration is refitted on all of them.") { a in
                try SearchRunner.run(a)
            }),
        ])
    }

    static func strings(_ a: Arguments, _ i: Int) throws -> [String] {
        try a.array(i).map { value in
            guard let s = value.stringValue else { throw LanguageError.typeError("features must be column names (String), got \(value.typeName)") }
            return s
        }
    }

    static func seed(_ a: Arguments, _ i: Int) throws -> UInt64 { UInt64(bitPattern: Int64(try a.int(i))) }

    /// A spec from a kind and the language's loosely typed parameters; numbers become doubles,
    /// `criterion` stays text, and the seed goes to the kinds that draw random numbers.
    static func spec(kind: String, params: OrderedDictionary, seed: Int) throws -> ModelSpec {
        var numbers: [String: Double] = [:]
        var criterion: String?
        for pair in params.pairs {
            let name = pair.key.stringValue ?? ""
            if name == "criterion", let text = pair.value.stringValue { criterion = text; continue }
            if let b = pair.value.boolValue { numbers[name] = b ? 1 : 0; continue }
            guard let number = pair.value.doubleValue else {
                throw LanguageError.typeError("hyperparameter `\(name)` must be a number, got \(pair.value.typeName)")
            }
            numbers[name] = number
        }
        if kind != "logistic", numbers["seed"] == nil { numbers["seed"] = Double(max(seed, 0)) }
        return try ModelSpec(kind: kind, parameters: numbers, criterion: criterion)
    }
}
