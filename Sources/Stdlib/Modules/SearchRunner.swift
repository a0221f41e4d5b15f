import Language
import Pipeline

/// `ml.search`: turns the language's space description into a `SearchSpace`, runs the search
/// and refits the best configuration on all training rows.
enum SearchRunner {
    static func run(_ a: Arguments) throws -> Language.Value {
        let table = try a.object(0, as: TableObject.self).table
        let features = try MLModule.strings(a, 1), label = try a.string(2), kind = try a.string(3)
        let space = try SearchSpace(kind: kind, parameters: try a.dictionary(4).pairs.map { pair in
            let name = pair.key.stringValue ?? ""
            return (name, try distribution(name, pair.value))
        })
        let search = HyperparameterSearch(space: space, seed: try MLModule.seed(a, 6))
        let x = try FeatureMatrix(table: table, features: features)
        let y = try BinaryLabel.values(of: table, column: label)
        let result: HyperparameterSearch.Result
        switch try a.string(7) {
        case "random": result = try search.random(x: x, y: y, budget: try a.int(5))
        case "halving": result = try search.successiveHalving(x: x, y: y, candidates: try a.int(5))
        case let other: throw LanguageError.valueError("strategy must be \"random\" or \"halving\", got \"\(other)\"")
        }
        let best = try Model.train(result.bestSpec, table: table, features: features, label: label)
        let trials = result.table
        let chart = try Chart.scatter(trials, x: "trial", y: "roc_auc", color: "rung",
                                      text: ChartText(title: "Search trials (\(kind)): validation ROC AUC", xLabel: "trial",
                                                      yLabel: "validation ROC AUC"))
        return .object(Record("Search", title: "\(result.trials.count) \(kind) trials; best validation ROC AUC \(CellFormat.number(result.best.score))", fields: [
            .init(name: "trials", value: TableObject.value(trials), doc: "Every trial with its settings and validation ROC AUC."),
            .init(name: "bestScore", value: .double(result.best.score), doc: "The best trial's validation ROC AUC."),
            .init(name: "bestParams", value: .dictionary(OrderedDictionary(result.best.parameters.sorted { $0.key < $1.key }
                .map { (.string($0.key), .string($0.value)) })), doc: "The best trial's settings."),
            .init(name: "best", value: .object(ModelObject(best)), doc: "The best configuration refitted on all the rows given."),
            .init(name: "chart", value: ChartModule.chart(chart), doc: "Validation ROC AUC of each trial."),
        ], payload: result))
    }

    /// `[2, 8]` integers, `[0.1, 0.9]` uniform, `["log", 0.01, 0.3]` log-uniform, `["gini", "entropy"]` choices.
    static func distribution(_ name: String, _ value: Language.Value) throws -> ParameterDistribution {
        let items = value.arrayValue ?? []
        if items.count == 3, items[0].stringValue == "log", let low = items[1].doubleValue, let high = items[2].doubleValue {
            return .logUniform(low, high)
        }
        if items.count == 2, let low = items[0].intValue, let high = items[1].intValue { return .integer(low, high) }
        if items.count == 2, let low = items[0].doubleValue, let high = items[1].doubleValue { return .uniform(low, high) }
        let choices = items.compactMap(\.stringValue)
        if !items.isEmpty, choices.count == items.count { return .choice(choices) }
        throw LanguageError.valueError("the search range for `\(name)` must be [low, high], [\"log\", low, high] or a list of choices",
                                       hints: ["got \(Summary.plain(value))"])
    }
}
