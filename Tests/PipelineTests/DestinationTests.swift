import Foundation
import JSON
import Pipeline
import TestSupport
import XCTest

final class DestinationTests: XCTestCase {
    func evaluation(rows: Int) throws -> AudienceEvaluation {
        let profiles = try Table([Column("userId", strings: (0..<rows).map { "u\($0)" }),
                                  Column("propensity", doubles: (0..<rows).map { Double($0) / Double(rows) })])
        return try Audience(name: "moderate", expression: "propensity >= 0.2").evaluate(profiles: profiles, identity: "userId")
    }

    func testFileDestinationWritesMembersUnderTheActivationFolder() throws {
        let ws = try makeTemporaryWorkspace(self)
        let activations = try Activations(workspace: ws)
        let e = try evaluation(rows: 10)
        let csv = try activations.activate(e, to: try Destination.file("crm", format: .csv))
        XCTAssertTrue(csv.folder.hasPrefix("activations/crm/moderate/"))
        let text = try String(contentsOf: ws.storage.appendingPathComponent(csv.folder + "/members.csv"), encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\r\n").count, 1 + 8)
        XCTAssertTrue(text.hasPrefix("userId,audience,qualified_at,expires_at"))
        let jsonl = try activations.activate(e, to: try Destination.file("lake", format: .jsonLines))
        let lines = try String(contentsOf: ws.storage.appendingPathComponent(jsonl.folder + "/members.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(try JSONParser.parse(String(lines[0]))["userId"], "u2")
        XCTAssertEqual(try activations.activationsTable().rowCount, 2)
        XCTAssertThrowsError(try Destination.file("x", format: .parquet))
    }

    func testWebhookRetriesWithExponentialBackoffAndDeliversEveryBatch() throws {
        let server = try ScriptedHTTPServer(statuses: [500, 503])
        addTeardownBlock { server.stop() }
        let ws = try makeTemporaryWorkspace(self)
        let activations = try Activations(workspace: ws)
        var waits: [Double] = []
        activations.sleep = { waits.append($0) }
        let destination = try Destination.webhook("hook", url: "http://127.0.0.1:\(server.port)/members", batchSize: 3,
                                                  maxAttempts: 4, initialBackoff: 0.25)
        let result = try activations.activate(try evaluation(rows: 10), to: destination)
        XCTAssertEqual(result.status, .delivered)
        XCTAssertEqual(result.batches, 3)
        XCTAssertEqual(result.attempts, 5)
        XCTAssertEqual(waits, [0.25, 0.5])
        let batches = try server.received.map { try JSONParser.parse(Array($0)) }
        XCTAssertEqual(batches.map { $0["batch"] }, [1, 2, 3])
        XCTAssertEqual(batches.flatMap { $0["members"]!.arrayValue! }.compactMap { $0["userId"]?.stringValue },
                       (2..<10).map { "u\($0)" })
    }

    func testFailedWebhookLosesNothingAndRetryResumes() throws {
        let server = try ScriptedHTTPServer(statuses: [200, 500, 500])
        addTeardownBlock { server.stop() }
        let (_, activations, destination) = try webhookActivations(port: server.port, maxAttempts: 2)
        let failed = try activations.activate(try evaluation(rows: 10), to: destination)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.deliveredBatches, 1)
        XCTAssertTrue(failed.error?.contains("batch 2 of 2: HTTP 500 after 2 attempts") ?? false, "\(failed.error ?? "")")
        XCTAssertEqual(try activations.activationsTable().column("status")[0], .string("failed"))

        let retried = try activations.retry(failed.id)
        XCTAssertEqual(retried.status, .delivered)
        XCTAssertEqual(retried.deliveredBatches, 2)
        let ids = try server.received.flatMap { try JSONParser.parse(Array($0))["members"]!.arrayValue! }.compactMap { $0["userId"]?.stringValue }
        XCTAssertEqual(ids, (2..<10).map { "u\($0)" }, "every member exactly once")
        XCTAssertEqual(try activations.activations().count, 1)
        XCTAssertThrowsError(try activations.retry("nope"))
    }

    func testUnreachableWebhookFailsWithTheConnectionErrorAndKeepsTheMembers() throws {
        let server = try ScriptedHTTPServer(statuses: [])
        let port = server.port
        server.stop()
        let (ws, activations, destination) = try webhookActivations(port: port, maxAttempts: 1)
        let failed = try activations.activate(try evaluation(rows: 10), to: destination)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.deliveredBatches, 0)
        let error = failed.error ?? ""
        XCTAssertTrue(error.hasPrefix("batch 1 of 2: ") && error.hasSuffix(" after 1 attempts"), error)
        XCTAssertTrue(error.lowercased().contains("connect"), "names the connection failure: \(error)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.storage.appendingPathComponent(failed.folder + "/members.jsonl").path))
    }

    /// A fresh workspace's activations, retrying without waiting, and a webhook to `port` taking
    /// batches of four.
    private func webhookActivations(port: UInt16, maxAttempts: Int) throws -> (Workspace, Activations, Destination) {
        let ws = try makeTemporaryWorkspace(self)
        let activations = try Activations(workspace: ws)
        activations.sleep = { _ in }
        let destination = try Destination.webhook("hook", url: "http://127.0.0.1:\(port)/", batchSize: 4, maxAttempts: maxAttempts, initialBackoff: 0)
        return (ws, activations, destination)
    }
}
