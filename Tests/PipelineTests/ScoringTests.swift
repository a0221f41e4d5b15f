import Pipeline
import XCTest

final class ScoringTests: XCTestCase {
    func testScoresRegisteredModelIntoProfileEnabledDatasetAsOneBatch() throws {
        let ws = try makeTemporaryWorkspace(self)
        let registry = try ModelRegistry(workspace: ws)
        let table = MLTestData.table(rows: 600)
        let features = ["clicks", "views", "noise", "minutes_since_click"]
        let model = try Model.train(.logistic(.init()), table: table, features: features, label: "label")
        try registry.register(model, name: "propensity")
        try registry.setAlias("production", name: "propensity", version: 1)
        try ws.catalog.ensureDataset("featurized", inferringSchemaFrom: table)
        try ws.catalog.ingest(table, into: "featurized")

        let (scores, batch) = try Scoring.scoreDataset(workspace: ws, registry: registry, model: "propensity",
                                                       featuresDataset: "featurized", identity: "userId", scoresDataset: "scores")
        XCTAssertEqual(batch.rows, 600)
        XCTAssertEqual(try ws.catalog.rowCount("scores"), 600)
        XCTAssertTrue(try ws.catalog.dataset(named: "scores").profileEnabled)
        XCTAssertEqual(scores.columnNames, ["userId", "propensity", "model_name", "model_version", "scored_at"])
        XCTAssertEqual(try scores.column("propensity").doubles!, try model.probabilities(table))
        XCTAssertEqual(try scores.column("model_version")[0], .int(1))
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
