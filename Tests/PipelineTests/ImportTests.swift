import Foundation
import Pipeline
import XCTest

final class ImportTests: XCTestCase {
    /// The workflow's scoring dataset: `propensity` and `userid`, with the identity required.
    func scoringWorkspace() throws -> Workspace {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "propensity_schema", kind: .profile,
                                           fields: [Field("userid", .string, required: true), Field("propensity", .double)],
                                           identity: Identity(field: "userid", namespace: "ECID")))
        try ws.catalog.ensureDataset("scores", schema: "propensity_schema", profileEnabled: true)
        return ws
    }

    let mapping = ["prediction": "propensity", "userId": "userid"]

    func file(_ ws: Workspace, _ name: String, _ text: String) throws -> String {
        let url = ws.storage.appendingPathComponent("ingress").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return "ingress/" + name
    }

    func testImportsEveryFormatWithTheMapping() throws {
        let ws = try scoringWorkspace()
        let scores = try Table([Column("userId", strings: ["u1", "u2", "007"]), Column("prediction", doubles: [0.25, 0.5, 1]),
                                Column("extra", ints: [1, 2, 3])])
        for format in FileFormat.allCases {
            let written = try ws.write(scores, to: "ingress/scores-\(format.rawValue)", format: format)
            let result = try ws.importFile(written.path.replacingOccurrences(of: "storage/", with: ""), into: "scores", mapping: mapping,
                                           mode: .replace)
            XCTAssertEqual(result.batch.rows, 3)
            XCTAssertEqual(result.run.rows, 3)
            XCTAssertEqual(result.run.files, 1)
            XCTAssertEqual(result.run.format, format.rawValue)
            XCTAssertGreaterThan(result.run.bytes, 0)
            let stored = try ws.catalog.read("scores")
            XCTAssertEqual(try stored.column("userid").type, .string, "a CSV column typed by the field, so 007 stays text")
            XCTAssertEqual(try stored.sorted(by: "userid").rows, [[.string("007"), .double(1)], [.string("u1"), .double(0.25)],
                                                                 [.string("u2"), .double(0.5)]], "\(format)")
        }
        XCTAssertEqual(try ws.catalog.runs(kind: .import).map(\.status), [.success, .success, .success])
    }

    func testBadValuesNameFileRowAndColumn() throws {
        let ws = try scoringWorkspace()
        let path = try file(ws, "bad.csv", "userId,prediction\nu1,0.5\nu2,high\n")
        XCTAssertThrowsError(try ws.importFile(path, into: "scores", mapping: mapping)) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .malformedFile)
            XCTAssertTrue("\(error)".hasSuffix("bad.csv, row 3, column `prediction`: `high` is not a Double"), "\(error)")
        }
        let missing = try file(ws, "missing.csv", "userId,prediction\nu1,0.5\n,0.7\n")
        XCTAssertThrowsError(try ws.importFile(missing, into: "scores", mapping: mapping)) { error in
            XCTAssertTrue("\(error)".contains("missing.csv, data row 2, column `userId`: the field `userid` is required"), "\(error)")
        }
        let json = try file(ws, "bad.json", "{\"userId\":\"u1\",\"prediction\":0.5}\n{\"userId\":\"u2\",\"prediction\":\"x\"}\n")
        XCTAssertThrowsError(try ws.importFile(json, into: "scores", mapping: mapping)) { error in
            XCTAssertTrue("\(error)".contains("bad.json, line 2, key `prediction`: `x` is not a Double"), "\(error)")
        }
        XCTAssertEqual(try ws.catalog.rowCount("scores"), 0, "a rejected file ingests nothing")
        let runs = try ws.catalog.runs(kind: .import)
        XCTAssertEqual(runs.map(\.status), [.failed, .failed, .failed])
        XCTAssertTrue(runs[0].error?.contains("high") ?? false)
    }

    func testMappingMistakesAreNamed() throws {
        let ws = try scoringWorkspace()
        let path = try file(ws, "ok.csv", "userId,prediction\nu1,0.5\n")
        XCTAssertThrowsError(try ws.importFile(path, into: "scores", mapping: ["prediction": "propensty", "userId": "userid"])) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `propensity`?")
        }
        XCTAssertThrowsError(try ws.importFile(path, into: "scores", mapping: ["predicton": "propensity", "userId": "userid"])) { error in
            XCTAssertTrue("\(error)".contains("`predicton`"), "\(error)")
            XCTAssertTrue("\(error)".contains("did you mean `prediction`?"), "\(error)")
        }
        XCTAssertThrowsError(try ws.importFile(path, into: "scores", mapping: [:]))
        XCTAssertThrowsError(try ws.importFile("nowhere.csv", into: "scores", mapping: mapping)) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .io)
        }
        XCTAssertThrowsError(try ws.importFile(path, into: "scorez", mapping: mapping)) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .unknownDataset)
        }
        let parquet = try ParquetWriter.bytes(try Table([Column("userId", ints: [1]), Column("prediction", doubles: [0.5])]))
        let url = ws.storage.appendingPathComponent("ingress/typed.parquet")
        try Data(parquet).write(to: url)
        XCTAssertThrowsError(try ws.importFile("ingress/typed.parquet", into: "scores", mapping: mapping)) { error in
            XCTAssertTrue("\(error)".contains("ingress/typed.parquet"), "\(error)")
            XCTAssertTrue("\(error)".contains("field `userid` (column `userId`)"), "\(error)")
        }
    }
}
