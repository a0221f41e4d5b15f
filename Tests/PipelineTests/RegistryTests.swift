import Foundation
import JSON
import Pipeline
import XCTest

final class RegistryTests: XCTestCase {
    func testEveryModelKindReloadsAndScoresBitIdentically() throws {
        let (x, y) = MLTestData.problem(rows: 1_500)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-model-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for spec: ModelSpec in [.logistic(.init(c: 0.5)), .boostedTrees(.init(trees: 10, maxDepth: 4, subsample: 0.7, seed: 3)),
                                .randomForest(.init(trees: 5, maxDepth: 6, criterion: .entropy, seed: 3))] {
            let model = try Model.train(spec, x: x, y: y, missing: spec.kind == "logistic" ? .mean : nil)
            let url = folder.appendingPathComponent("\(spec.kind).json")
            try ModelFile.write(model, to: url)
            let reloaded = try ModelFile.read(from: url)
            XCTAssertEqual(reloaded, model)
            XCTAssertEqual(try reloaded.probabilities(x).map(\.bitPattern), try model.probabilities(x).map(\.bitPattern))
        }
    }

    func testCorruptOrFutureFilesAreClearErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-model-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let (x, y) = MLTestData.problem(rows: 300)
        let good = ModelFile.encode(try Model.train(.boostedTrees(.init(trees: 2)), x: x, y: y))
        guard case .object(var future) = good else { return XCTFail() }
        future["version"] = 99
        XCTAssertThrowsError(try ModelFile.decode(.object(future))) { error in
            XCTAssertTrue("\(error)".contains("version 99 is not supported"), "\(error)")
        }
        let truncated = folder.appendingPathComponent("bad.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(JSONWriter().string(good).utf8.prefix(200)).write(to: truncated)
        XCTAssertThrowsError(try ModelFile.read(from: truncated)) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .malformedFile)
            XCTAssertTrue("\(error)".contains("bad.json"), "\(error)")
        }
        // A tree whose child points backwards would loop forever when scoring.
        var broken = future
        broken["version"] = 1
        if case .object(var e) = broken["estimator"]!, case .array(var trees) = e["trees"]!, case .object(var t) = trees[0] {
            t["left"] = .array([.int(0)] + (t["left"]!.arrayValue!.dropFirst()))
            trees[0] = .object(t); e["trees"] = .array(trees); broken["estimator"] = .object(e)
        }
        XCTAssertThrowsError(try ModelFile.decode(.object(broken))) { error in
            XCTAssertTrue("\(error)".contains("invalid feature or child"), "\(error)")
        }
    }

    func testRegistryVersionsAliasesAndListing() throws {
        let ws = try makeTemporaryWorkspace(self)
        let registry = try ModelRegistry(workspace: ws)
        let (x, y) = MLTestData.problem(rows: 800)
        let first = try Model.train(.logistic(.init()), x: x, y: y)
        let second = try Model.train(.boostedTrees(.init(trees: 3)), x: x, y: y)
        XCTAssertEqual(try registry.register(first, name: "propensity").version, 1)
        XCTAssertEqual(try registry.register(second, name: "propensity", runID: "R2").version, 2)
        try registry.setAlias("production", name: "propensity", version: 1)
        let (prod, version) = try registry.load(name: "propensity", alias: "production")
        XCTAssertEqual(version.version, 1)
        XCTAssertEqual(prod, first)
        XCTAssertEqual(try registry.load(name: "propensity").1.version, 2)
        try registry.setAlias("production", name: "propensity", version: 2)
        XCTAssertEqual(try registry.load(name: "propensity", alias: "production").0, second)
        let table = try registry.versionsTable()
        XCTAssertEqual(try table.column("aliases")[1], .string("production"))
        XCTAssertEqual(try table.column("aliases")[0], .string(""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.storage.appendingPathComponent("models/propensity/v2/model.json").path))
        // A reopened workspace sees the same registry.
        XCTAssertEqual(try ModelRegistry(workspace: try Workspace(path: ws.root.path)).versions().count, 2)

        XCTAssertThrowsError(try registry.load(name: "propensty")) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `propensity`?")
        }
        XCTAssertThrowsError(try registry.load(name: "propensity", alias: "staging"))
        XCTAssertThrowsError(try registry.setAlias("production", name: "propensity", version: 7))
        XCTAssertThrowsError(try registry.register(first, name: "../escape"))
    }

    func testRunsKeepParametersMetricsArtifactsAndLineage() throws {
        let ws = try makeTemporaryWorkspace(self)
        let experiments = try Experiments(workspace: ws)
        let t0 = Timestamp(microseconds: 1_700_000_000_000_000), t1 = Timestamp(microseconds: 1_700_000_002_500_000)
        let parent = try experiments.record(ExperimentRun(experiment: "propensity", name: "search", startedAt: t0, finishedAt: t1))
        var trial = ExperimentRun(experiment: "propensity", name: "trial 1", parentID: parent.id, parameters: ["trees": "50"],
                                  metrics: ["roc_auc": 0.91], lineage: Lineage(dataset: "training", exportRunID: "E1", batchIDs: ["B1", "B2"]),
                                  startedAt: t0, finishedAt: t1)
        trial.artifacts["roc.svg"] = try experiments.saveArtifact(runID: trial.id, name: "roc.svg", data: Data("<svg/>".utf8))
        try experiments.record(trial)
        try experiments.record(ExperimentRun(experiment: "propensity", name: "trial 2", parentID: parent.id,
                                             metrics: ["roc_auc": 0.87], startedAt: t0, finishedAt: t1))
        let best = try experiments.bestRun(experiment: "propensity", metric: "roc_auc")
        XCTAssertEqual(best, trial)
        XCTAssertEqual(best.seconds, 2.5)
        XCTAssertEqual(try String(contentsOf: ws.storage.appendingPathComponent(best.artifacts["roc.svg"]!), encoding: .utf8), "<svg/>")
        let table = try experiments.runsTable(experiment: "propensity")
        XCTAssertEqual(table.rowCount, 3)
        XCTAssertEqual(try table.column("metric.roc_auc")[0], .null)
        XCTAssertEqual(try table.column("batch_ids")[1], .string("B1,B2"))
        XCTAssertThrowsError(try experiments.bestRun(experiment: "propensity", metric: "pr_auc"))
        XCTAssertThrowsError(try experiments.saveArtifact(runID: trial.id, name: "../x", data: Data()))
    }
}
