import Pipeline
import XCTest

final class ScoringTests: XCTestCase {
    func testScoresRegisteredModelIntoADatasetAsOneBatchAndARerunReplacesIt() throws {
        let ws = try makeTemporaryWorkspace(self)
        let registry = try ModelRegistry(workspace: ws)
        let table = MLTestData.table(rows: 600)
        let features = ["clicks", "views", "noise", "minutes_since_click"]
        let model = try Model.train(.logistic(.init()), table: table, features: features, label: "label")
        try registry.register(model, name: "propensity")
        try registry.setAlias("production", name: "propensity", version: 1)
        try ws.catalog.ensureDataset("featurized", inferringSchemaFrom: table)
        try ws.catalog.ingest(table, into: "featurized")

        let (loaded, version) = try registry.load(name: "propensity", alias: "production")
        let run = try Scoring.scoreDataset(loaded, name: "propensity", version: version.version, workspace: ws,
                                           featuresDataset: "featurized", into: "scores")
        XCTAssertEqual(run.batch.rows, 600)
        XCTAssertEqual(try ws.catalog.rowCount("scores"), 600)
        XCTAssertFalse(try ws.catalog.dataset(named: "scores").profileEnabled, "scores reach profiles through an import")
        XCTAssertEqual(run.scores.columnNames, ["userId", "propensity", "model", "modelVersion", "scoredAt"])
        XCTAssertEqual(try run.scores.column("propensity").doubles!, try model.probabilities(table))
        XCTAssertEqual(try run.scores.column("modelVersion")[0], .int(1))
        try Scoring.scoreDataset(loaded, name: "propensity", version: 1, workspace: ws, featuresDataset: "featurized", into: "scores")
        XCTAssertEqual(try ws.catalog.rowCount("scores"), 600, "a re-run replaces the scores")
        try Scoring.scoreDataset(loaded, name: "propensity", version: 1, workspace: ws, featuresDataset: "featurized", into: "scores", replace: false)
        XCTAssertEqual(try ws.catalog.rowCount("scores"), 1200)
    }

    func testAnUnregisteredModelHasANullVersion() throws {
        let table = MLTestData.table(rows: 50)
        let model = try Model.train(.logistic(.init()), table: table, features: ["clicks"], label: "label")
        let scores = try Scoring.score(model, name: "logistic", version: nil, features: table, identity: "userId")
        XCTAssertEqual(try scores.column("modelVersion").nullCount, 50)
    }

    func testDuplicateOrMissingIdentitiesAreRejected() throws {
        let table = MLTestData.table(rows: 50)
        let model = try Model.train(.logistic(.init()), table: table, features: ["clicks"], label: "label")
        let doubled = try table.appending(table.gathering([0]))
        XCTAssertThrowsError(try Scoring.score(model, name: "m", version: 1, features: doubled, identity: "userId")) { error in
            XCTAssertTrue("\(error)".contains("`u0` appears twice (row 51)"), "\(error)")
        }
        XCTAssertThrowsError(try Scoring.score(model, name: "m", version: 1, features: table, identity: "user"))
    }
}
