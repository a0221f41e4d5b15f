import Foundation
import JSON

/// Where a run's training data came from: the export it read and the batches behind it, so a
/// model can be traced back to the events it learned from.
public struct Lineage: Sendable, Equatable {
    public var dataset: String?
    public var exportRunID: String?
    public var batchIDs: [String]

    public init(dataset: String? = nil, exportRunID: String? = nil, batchIDs: [String] = []) {
        self.dataset = dataset
        self.exportRunID = exportRunID
        self.batchIDs = batchIDs
    }
}

/// One training (or search trial) run: what was tried, how well it did, what it produced.
public struct ExperimentRun: Sendable, Equatable {
    public var id: String
    public var experiment: String
    public var name: String
    /// The search run a trial belongs to (MLflow's nested runs).
    public var parentID: String?
    public var parameters: [String: String]
    public var metrics: [String: Double]
    /// Artifact name → path relative to the workspace storage folder.
    public var artifacts: [String: String]
    public var lineage: Lineage
    public var startedAt: Timestamp
    public var finishedAt: Timestamp

    public init(experiment: String, name: String, parentID: String? = nil, parameters: [String: String] = [:],
                metrics: [String: Double] = [:], artifacts: [String: String] = [:], lineage: Lineage = Lineage(),
                startedAt: Timestamp, finishedAt: Timestamp, id: String = SortableID.next()) {
        self.id = id
        self.experiment = experiment
        self.name = name
        self.parentID = parentID
        self.parameters = parameters
        self.metrics = metrics
        self.artifacts = artifacts
        self.lineage = lineage
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    public var seconds: Double { Double(finishedAt.microseconds - startedAt.microseconds) / 1_000_000 }
}

/// Experiment tracking in the workspace: runs live in the `propel_ml_runs` table (queryable with
/// SQL), artifacts under `storage/runs/<run id>/`.
public final class Experiments {
    let workspace: Workspace
    private var db: SQLiteDatabase { workspace.database }

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.database.execute("""
            CREATE TABLE IF NOT EXISTS propel_ml_runs(
                id TEXT PRIMARY KEY,
                experiment TEXT NOT NULL,
                name TEXT NOT NULL,
                parent_id TEXT,
                parameters TEXT NOT NULL,
                metrics TEXT NOT NULL,
                artifacts TEXT NOT NULL,
                lineage TEXT NOT NULL,
                started_at TIMESTAMP NOT NULL,
                finished_at TIMESTAMP NOT NULL);
            """)
    }

    /// Stores an artifact file for `runID` atomically and returns its storage-relative path.
    public func saveArtifact(runID: String, name: String, data: Data) throws -> String {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw PipelineError(.invalidArgument, "artifact name `\(name)` must be a plain file name")
        }
        let relative = "runs/\(runID)/\(name)"
        try AtomicWrite.replace(workspace.storage.appendingPathComponent(relative), with: data)
        return relative
    }

    @discardableResult
    public func record(_ run: ExperimentRun) throws -> ExperimentRun {
        guard !run.experiment.isEmpty else { throw PipelineError(.invalidArgument, "a run needs an experiment name") }
        let s = try db.prepare("INSERT INTO propel_ml_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let lineage: JSONValue = ["dataset": run.lineage.dataset.map(JSONValue.string) ?? .null,
                                  "export_run_id": run.lineage.exportRunID.map(JSONValue.string) ?? .null,
                                  "batch_ids": .array(run.lineage.batchIDs.map(JSONValue.string))]
        try s.bind([.string(run.id), .string(run.experiment), .string(run.name), run.parentID.map(Value.string) ?? .null,
                    .string(Self.json(.object(run.parameters.mapValues(JSONValue.string)))),
                    .string(Self.json(.object(run.metrics.mapValues(JSONValue.double)))),
                    .string(Self.json(.object(run.artifacts.mapValues(JSONValue.string)))),
                    .string(Self.json(lineage)), .timestamp(run.startedAt), .timestamp(run.finishedAt)])
        try s.step()
        return run
    }

    /// Runs of one experiment (all when nil), oldest first.
    public func runs(experiment: String? = nil) throws -> [ExperimentRun] {
        let s = try db.prepare("""
            SELECT id, experiment, name, parent_id, parameters, metrics, artifacts, lineage, started_at, finished_at
            FROM propel_ml_runs WHERE ?1 IS NULL OR experiment = ?1 ORDER BY id
            """)
        try s.bind([experiment.map(Value.string) ?? .null])
        var out: [ExperimentRun] = []
        while try s.step() {
            let parameters = (try? JSONParser.parse(s.text(4)))?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            let metrics = (try? JSONParser.parse(s.text(5)))?.objectValue?.compactMapValues(\.doubleValue) ?? [:]
            let artifacts = (try? JSONParser.parse(s.text(6)))?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            let l = try? JSONParser.parse(s.text(7))
            let lineage = Lineage(dataset: l?["dataset"]?.stringValue, exportRunID: l?["export_run_id"]?.stringValue,
                                  batchIDs: l?["batch_ids"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            out.append(ExperimentRun(experiment: s.text(1), name: s.text(2), parentID: s.isNull(3) ? nil : s.text(3),
                                     parameters: parameters, metrics: metrics, artifacts: artifacts, lineage: lineage,
                                     startedAt: Catalog.timestamp(s, 8) ?? Timestamp(microseconds: 0),
                                     finishedAt: Catalog.timestamp(s, 9) ?? Timestamp(microseconds: 0), id: s.text(0)))
        }
        return out
    }

    public func run(id: String) throws -> ExperimentRun {
        if let r = try runs().first(where: { $0.id == id }) { return r }
        throw PipelineError(.invalidArgument, "no run with id `\(id)`")
    }

    /// The run of `experiment` with the highest `metric` (the reference picked the child run
    /// with the best AUC). Runs without the metric are ignored.
    public func bestRun(experiment: String, metric: String) throws -> ExperimentRun {
        let candidates = try runs(experiment: experiment).filter { $0.metrics[metric] != nil }
        guard let best = candidates.max(by: { $0.metrics[metric]! < $1.metrics[metric]! }) else {
            throw PipelineError(.invalidArgument, "no run of experiment `\(experiment)` has the metric `\(metric)`")
        }
        return best
    }

    /// One row per run: id, experiment, name, parent, times, then every metric and parameter
    /// as its own column (`metric.roc_auc`, `param.trees`), empty where a run lacks it.
    public func runsTable(experiment: String? = nil) throws -> Table {
        let all = try runs(experiment: experiment)
        let metricNames = Set(all.flatMap { $0.metrics.keys }).sorted(), paramNames = Set(all.flatMap { $0.parameters.keys }).sorted()
        var columns = [Column("run_id", strings: all.map(\.id)), Column("experiment", strings: all.map(\.experiment)),
                       Column("name", strings: all.map(\.name)),
                       Column("parent_id", strings: all.map { $0.parentID ?? "" }, nulls: all.map { $0.parentID == nil }),
                       Column("started_at", timestamps: all.map(\.startedAt.microseconds)),
                       Column("seconds", doubles: all.map(\.seconds))]
        for m in metricNames {
            columns.append(Column("metric.\(m)", doubles: all.map { $0.metrics[m] ?? 0 }, nulls: all.map { $0.metrics[m] == nil }))
        }
        for p in paramNames {
            columns.append(Column("param.\(p)", strings: all.map { $0.parameters[p] ?? "" }, nulls: all.map { $0.parameters[p] == nil }))
        }
        columns.append(Column("batch_ids", strings: all.map { $0.lineage.batchIDs.joined(separator: ",") }))
        return try Table(columns)
    }

    private static func json(_ value: JSONValue) -> String { JSONWriter(style: .compact, sortKeys: true).string(value) }
}
