import Foundation
import Language
import Pipeline

/// `models`: experiment runs, the model registry (versions and aliases) and batch scoring.
enum ModelsModule {
    static func make(_ context: Context) -> NativeModule {
        module("models", doc: "Experiment tracking (runs with parameters, metrics, model file and lineage), the model registry (versions and aliases such as production) and scoring into a dataset.", [
            .method(function("log", [.labeled("experiment", "String"), .labeled("model", "Model"), .labeled("evaluation", "Evaluation"),
                                     .labeled("data", "Export?", default: .null)],
                             returns: "Run",
                             doc: "Records a run: the model's parameters, the evaluation's metrics, the model file as an artifact, and the export it was trained on.") { a in
                let workspace = try context.workspace()
                let model = try a.object(1, as: ModelObject.self)
                let evaluation = try a.object(2, as: EvaluationObject.self).evaluation
                let export = try a[3].isNil ? nil : (a.object(3, as: Record.self).payload as? RunRecord)
                let experiments = try Experiments(workspace: workspace)
                let now = Timestamp(Date())
                var run = ExperimentRun(experiment: try a.string(0), name: model.label, parameters: model.model.spec.parameters,
                                        metrics: evaluation.metrics,
                                        lineage: Lineage(dataset: export?.dataset, exportRunID: export?.id),
                                        startedAt: now, finishedAt: now)
                run.artifacts["model.json"] = try experiments.saveArtifact(runID: run.id, name: "model.json", data: ModelFile.data(model.model))
                try experiments.record(run)
                return .object(runRecord(run, model: model.model))
            }),
            .method(function("runs", [.labeled("experiment", "String?", default: .null)], returns: "Table",
                             doc: "Runs (of one experiment, or all), oldest first, with every metric and parameter as a column.") { a in
                TableObject.value(try Experiments(workspace: try context.workspace()).runsTable(experiment: try a.optionalString(0)))
            }),
            .method(function("register", [.positional("run", "Run"), .labeled("name", "String"), .labeled("alias", "String?", default: .null)],
                             returns: "ModelVersion",
                             doc: "Registers the run's model as the next version of `name` and, with an alias (e.g. \"production\"), points the alias at it.") { a in
                let run = try a.object(0, as: Record.self)
                guard let (experimentRun, model) = run.payload as? (ExperimentRun, Model) else {
                    throw LanguageError.typeError("register takes a run made by models.log")
                }
                let registry = try ModelRegistry(workspace: try context.workspace())
                let name = try a.string(1)
                let version = try registry.register(model, name: name, runID: experimentRun.id,
                                                    description: "experiment \(experimentRun.experiment), run \(experimentRun.id)")
                if let alias = try a.optionalString(2) { try registry.setAlias(alias, name: name, version: version.version) }
                let aliases = try registry.aliases().filter { $0.name == name && $0.version == version.version }.map(\.alias)
                return .object(Record("ModelVersion", title: "Model \(name) version \(version.version)", fields: [
                    .init(name: "name", value: .string(name), doc: "The registered name."),
                    .init(name: "version", value: .int(version.version), doc: "The new version number."),
                    .init(name: "aliases", value: .array(aliases.map(Language.Value.string)), doc: "Aliases pointing at it."),
                    .init(name: "kind", value: .string(version.kind), doc: "logistic, gbt or forest."),
                    .init(name: "path", value: .string(version.path), doc: "The model file, under storage/."),
                    .init(name: "run", value: .string(experimentRun.id), doc: "The run it came from."),
                ], payload: version))
            }),
            .method(function("versions", [.positional("name", "String?", default: .null)], returns: "Table",
                             doc: "Registered versions (of one model, or all) with their aliases.") { a in
                TableObject.value(try ModelRegistry(workspace: try context.workspace()).versionsTable(name: try a.optionalString(0)))
            }),
            .method(function("load", [.positional("name", "String"), .labeled("alias", "String?", default: "production"),
                                      .labeled("version", "Int?", default: .null)],
                             returns: "Model",
                             doc: "A registered model by version, else by alias (production by default); scores exactly as when it was registered.") { a in
                let version = try a.optionalInt(2)
                let (model, registered) = try ModelRegistry(workspace: try context.workspace())
                    .load(name: try a.string(0), version: version, alias: version == nil ? try a.optionalString(1) : nil)
                return .object(ModelObject(model, name: registered.name, version: registered.version))
            }),
            .method(function("score", [.positional("model", "Model"), .labeled("features", "String"),
                                       Parameter(label: "into", name: "dataset", type: "String"), .labeled("replace", "Bool", default: false)],
                             returns: "Scoring",
                             doc: "Scores every row of a featurized dataset into `dataset` (userId, propensity, model, modelVersion, scoredAt) as one batch; replace: true replaces earlier scores.") { a in
                let model = try a.object(0, as: ModelObject.self)
                let features = try a.string(1), dataset = try a.string(2)
                let run = try Scoring.scoreDataset(model.model, name: model.name ?? model.model.spec.kind, version: model.version,
                                                   workspace: try context.workspace(), featuresDataset: features, into: dataset,
                                                   replace: try a.bool(3))
                return .object(scoringRecord(run, model: model, features: features))
            }),
        ])
    }

    static func scoringRecord(_ run: ScoringRun, model: ModelObject, features: String) -> Record {
        Record("Scoring", title: "Scored \(CellFormat.grouped(run.scores.rowCount)) rows of \(features) with \(model.label)", fields: [
            .init(name: "rows", value: .int(run.scores.rowCount), doc: "Rows scored."),
            .init(name: "dataset", value: .string(run.batch.dataset), doc: "Where the scores went."),
            .init(name: "batch", value: .string(run.batch.id), doc: "The batch written."),
            .init(name: "seconds", value: .double(run.seconds), doc: "Scoring and ingestion time."),
            .init(name: "rowsPerSecond", value: .double(run.rowsPerSecond), doc: "Model throughput (scoring alone)."),
        ], payload: run.batch)
    }

    static func runRecord(_ run: ExperimentRun, model: Model) -> Record {
        Record("Run", title: "Run \(run.id) of experiment \(run.experiment)", fields: [
            .init(name: "id", value: .string(run.id), doc: "The run's id."),
            .init(name: "experiment", value: .string(run.experiment), doc: "The experiment."),
            .init(name: "name", value: .string(run.name), doc: "What was trained."),
            .init(name: "metrics", value: .dictionary(OrderedDictionary(run.metrics.sorted { $0.key < $1.key }
                .map { (.string($0.key), .double($0.value)) })), doc: "Its test metrics."),
            .init(name: "params", value: .dictionary(OrderedDictionary(run.parameters.sorted { $0.key < $1.key }
                .map { (.string($0.key), .string($0.value)) })), doc: "Its hyperparameters."),
            .init(name: "dataset", value: run.lineage.dataset.map(Language.Value.string) ?? .null, doc: "The dataset trained on."),
        ], payload: (run, model))
    }
}
