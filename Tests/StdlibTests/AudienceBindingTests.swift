import Foundation
import JSON
import Stdlib
import TestSupport
import XCTest

/// `profiles`, `audiences` and `destinations` through the language: a small profile store of
/// five people, audiences over it, and activation to files and webhooks.
final class AudienceBindingTests: StdlibTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        run("""
            let people = catalog.schema("people", fields: ["userId": "String", "country": "String"], identity: "userId", kind: "profile")
            catalog.createDataset("people", schema: people, profile: true)
            catalog.ingest(table(["userId": ["a", "b", "c", "d", "e"], "country": ["US", "CA", "US", "FR", "US"]]), into: "people")
            let scores = catalog.schema("scores", fields: ["userId": "String", "propensity": "Double"], identity: "userId", kind: "profile")
            catalog.createDataset("scores", schema: scores, profile: true)
            catalog.ingest(table(["userId": ["a", "b", "c", "d"], "propensity": [0.05, 0.25, 0.5, 0.97]]), into: "scores")
            """)
    }

    func testMergeBuildsOneProfilePerIdentityAndProfileLooksOneUp() {
        XCTAssertEqual(text("profiles.count"), "0")
        XCTAssertTrue(failure("audiences.reach()")?.evalue.contains("profile store is empty") ?? false, "reach before any merge")
        run("let merged = profiles.merge()")
        XCTAssertEqual(text("merged.profiles"), "5")
        XCTAssertEqual(text("merged.rowsRead"), "9")
        XCTAssertEqual(text("profiles.count"), "5")
        XCTAssertEqual(text("profile(\"c\")"), "[\"identity\": \"c\", \"country\": \"US\", \"propensity\": 0.5]")
        XCTAssertEqual(text("profile(\"e\")![\"propensity\"] == nil"), "true")
        XCTAssertEqual(text("profile(\"nobody\") == nil"), "true")
        // A later batch wins; merging again neither loses nor doubles anyone.
        run("catalog.ingest(table([\"userId\": [\"c\"], \"propensity\": [0.6]]), into: \"scores\")")
        XCTAssertEqual(text("profiles.merge().profiles"), "5")
        XCTAssertEqual(text("profile(\"c\")![\"propensity\"]"), "0.6")
        XCTAssertEqual(text("profiles.table().count"), "5")
    }

    func testAudienceIsStoredEvaluatedAsOneBatchAndMatchesTheReach() {
        run("profiles.merge()")
        run("audiences.create(name: \"moderate\", rule: \"propensity >= 0.2 and propensity <= 0.93\", description: \"worth a push\", ttlDays: 60)")
        // A second session on the same workspace sees the stored definition.
        let other = Stdlib.session(context: Context(environment: ["PROPEL_WORKSPACE": folder.path]))
        guard case .value(let listed) = other.execute("audiences.list()[\"rule\"]", cell: "other", host: host) else { return XCTFail("list failed") }
        XCTAssertEqual(listed?["text/plain"], "[\"propensity >= 0.2 and propensity <= 0.93\"]")
        run("let evaluation = audiences.evaluate(\"moderate\")")
        XCTAssertEqual(text("evaluation.qualified"), "2")
        XCTAssertEqual(text("evaluation.profiles"), "5")
        XCTAssertEqual(text("evaluation.dataset"), "\"audience_moderate\"")
        XCTAssertEqual(text("catalog.batches(\"audience_moderate\").count"), "1")
        run("audiences.evaluate(\"moderate\")")
        XCTAssertEqual(text("catalog.dataset(\"audience_moderate\").rows"), "2", "a re-evaluation replaces the membership")
        XCTAssertEqual(text("audiences.list()[\"qualified\"]"), "[2]")
        run("audiences.remove(\"moderate\")")
        XCTAssertEqual(text("audiences.list().count"), "0")
        XCTAssertEqual(text("catalog.dataset(\"audience_moderate\").rows"), "2", "the membership stays as history")
        XCTAssertEqual(failure("audiences.remove(\"moderate\")")?.ename, "AudienceError")
        run("audiences.create(name: \"moderate\", rule: \"propensity >= 0.2 and propensity <= 0.93\")")
        run("let reach = audiences.reach(buckets: 20)")
        XCTAssertEqual(text("reach.between(0.2, 0.93)"), "2")
        XCTAssertEqual(text("reach.profiles"), "4")
        XCTAssertEqual(text("reach.buckets.count"), "20")
        XCTAssertEqual(text("reach.intervals.count"), "400")
        XCTAssertEqual(text("reach.matrix.count"), "20")
        XCTAssertTrue(run("reach.heatmap")?["image/svg+xml"]?.hasPrefix("<svg") ?? false)
    }

    func testEvaluationReadsTheAttributesTheRuleNamesHoweverSpelt() {
        run("profiles.merge()")
        // Case and a tenant prefix resolve as in any rule; only the attributes named are read.
        run("audiences.create(name: \"us_mid\", rule: \"COUNTRY = 'US' and _tenant.propensity >= 0.2\", description: \"\", ttlDays: 7)")
        run("let usMid = audiences.evaluate(\"us_mid\")")
        XCTAssertEqual(text("usMid.qualified"), "1")
        XCTAssertEqual(text("usMid.profiles"), "5")
        XCTAssertEqual(text("catalog.table(usMid.dataset)[\"identity\"]"), "[\"c\"]")
    }

    func testABadRuleFailsAtItsColumnAndStoresNothing() {
        run("profiles.merge()")
        let report = failure("audiences.create(name: \"typo\", rule: \"propensity >= 0.2 and propensty <= 0.9\")")
        XCTAssertEqual(report?.ename, "AudienceError")
        XCTAssertTrue(report?.evalue.hasPrefix("column 23: no profile attribute `propensty`") ?? false, report?.evalue ?? "")
        let traceback = report?.traceback.joined(separator: "\n") ?? ""
        XCTAssertTrue(traceback.contains("did you mean `propensity`?"), traceback)
        XCTAssertTrue(traceback.contains("  " + String(repeating: " ", count: 22) + "^"), traceback)
        XCTAssertEqual(failure("audiences.create(name: \"x\", rule: \"propensity >= \")")?.ename, "AudienceError")
        XCTAssertTrue(failure("audiences.create(name: \"x\", rule: \"propensity\")")?.evalue.contains("not a condition") ?? false)
        XCTAssertEqual(failure("audiences.create(name: \"a/b\", rule: \"propensity > 0\")")?.ename, "ArgumentError")
        XCTAssertEqual(text("audiences.list().count"), "0")
    }

    func testUnknownAudienceAndDestinationNamesAreNamed() {
        run("profiles.merge()")
        run("audiences.create(name: \"moderate\", rule: \"propensity >= 0.2\")")
        let audience = failure("audiences.evaluate(\"moderat\")")
        XCTAssertEqual(audience?.ename, "AudienceError")
        XCTAssertTrue(audience?.evalue.contains("`moderat`") ?? false)
        XCTAssertTrue(audience?.traceback.joined(separator: "\n").contains("did you mean `moderate`?") ?? false)
        run("destinations.file(name: \"crm\")")
        let destination = failure("destinations.activate(\"moderate\", to: \"cmr\")")
        XCTAssertEqual(destination?.ename, "DestinationError")
        XCTAssertTrue(destination?.evalue.contains("`cmr`") ?? false)
        let unevaluated = failure("destinations.activate(\"moderate\", to: \"crm\")")
        XCTAssertTrue(unevaluated?.evalue.contains("has not been evaluated") ?? false, unevaluated?.evalue ?? "")
        XCTAssertEqual(failure("audiences.evaluate(3)")?.ename, "TypeError")
        let attribute = failure("audiences.reach(attribute: \"propensty\")")
        XCTAssertEqual(attribute?.ename, "UnknownColumnError")
        XCTAssertTrue(attribute?.traceback.joined(separator: "\n").contains("did you mean `propensity`?") ?? false)
        XCTAssertEqual(failure("audiences.reach(attribute: \"country\")")?.ename, "TypeError")
    }

    func testFileActivationWritesTheQualifiedMembersAndIsRecorded() throws {
        run("profiles.merge()")
        run("let audience = audiences.create(name: \"moderate\", rule: \"propensity >= 0.2 and country = 'US'\")")
        run("audiences.evaluate(audience)")
        run("let crm = destinations.file(name: \"crm\", format: \"json\")")
        let unknown = failure("destinations.activate(audience, to: crm, attributes: [\"contry\"])")
        XCTAssertEqual(unknown?.ename, "UnknownColumnError")
        XCTAssertTrue(unknown?.traceback.joined().contains("did you mean `country`?") ?? false, "the closest attribute is suggested")
        run("let activation = destinations.activate(audience, to: crm, attributes: [\"country\", \"propensity\"])")
        XCTAssertEqual(text("activation.status"), "\"delivered\"")
        XCTAssertEqual(text("activation.rows"), "1")
        let folder = try XCTUnwrap(text("activation.folder")).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        XCTAssertTrue(folder.hasPrefix("activations/crm/moderate/"))
        let lines = try String(contentsOf: self.folder.appendingPathComponent("storage/\(folder)/members.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let member = try JSONParser.parse(String(lines[0]))
        XCTAssertEqual(member["identity"], "c")
        XCTAssertEqual(member["country"], "US")
        XCTAssertEqual(member["propensity"], 0.5)
        XCTAssertEqual(text("destinations.activations()[\"status\"]"), "[\"delivered\"]")
        XCTAssertEqual(text("destinations.list()[\"destination\"]"), "[\"file (json)\"]")
        // A member the store lost since the evaluation is named, not sent without its attributes.
        run("catalog.ingest(table([\"userId\": [\"a\"], \"country\": [\"US\"]]), into: \"people\", replace: true)")
        run("catalog.ingest(table([\"userId\": [\"a\"], \"propensity\": [0.5]]), into: \"scores\", replace: true)")
        run("profiles.merge()")
        let lost = failure("destinations.activate(audience, to: crm, attributes: [\"country\"])")
        XCTAssertEqual(lost?.ename, "AudienceError")
        XCTAssertTrue(lost?.evalue.contains("member `c` of audience `moderate` is no longer in the profile store") ?? false, lost?.evalue ?? "")
    }

    func testFailedWebhookIsRecordedAndRetryDeliversEveryMemberOnce() throws {
        let server = try ScriptedHTTPServer(statuses: [500, 500])
        addTeardownBlock { server.stop() }
        run("profiles.merge()")
        run("audiences.create(name: \"all\", rule: \"exists(country)\")")
        run("audiences.evaluate(\"all\")")
        run("destinations.webhook(name: \"hook\", url: \"http://127.0.0.1:\(server.port)/in\", batchSize: 2, maxAttempts: 2, backoff: 0)")
        run("let failed = destinations.activate(\"all\", to: \"hook\")")
        XCTAssertEqual(text("failed.status"), "\"failed\"")
        XCTAssertEqual(text("failed.deliveredBatches"), "0")
        XCTAssertTrue(host.errors.contains("destinations.retry("), host.errors)
        XCTAssertEqual(text("destinations.activations()[\"status\"]"), "[\"failed\"]")
        run("let retried = destinations.retry(failed)")
        XCTAssertEqual(text("retried.status"), "\"delivered\"")
        XCTAssertEqual(text("retried.deliveredBatches"), "3")
        let ids = try server.received.flatMap { try JSONParser.parse(Array($0))["members"]!.arrayValue! }.compactMap { $0["identity"]?.stringValue }
        XCTAssertEqual(ids, ["a", "b", "c", "d", "e"], "every member exactly once")
        XCTAssertEqual(text("destinations.activations()[\"status\"]"), "[\"delivered\"]")
        XCTAssertEqual(failure("destinations.retry(\"nope\")")?.ename, "DestinationError")
    }
}

/// The three modules are documented: completion lists their members, inspection shows signatures.
final class AudienceModuleDocsTests: StdlibTestCase {
    func testCompletionAndInspectionShowSignaturesAndDocs() {
        XCTAssertEqual(session.complete("audiences.cr", cursor: 12).matches, ["create"])
        XCTAssertTrue(session.complete("destinations.", cursor: 13).matches.contains("retry"))
        XCTAssertTrue(session.complete("profiles.", cursor: 9).matches.contains("merge"))
        let create = session.inspect("audiences.create", cursor: 12, detailLevel: 0)?["text/plain"] ?? ""
        XCTAssertTrue(create.contains("create(name: String, rule: String, description: String = \"\", ttlDays: Int = 30) -> Audience"), create)
        let activate = session.inspect("destinations.activate", cursor: 15, detailLevel: 0)?["text/plain"] ?? ""
        XCTAssertTrue(activate.contains("retry(_:) resumes"), activate)
        let profile = session.inspect("profile(\"a\")", cursor: 3, detailLevel: 0)?["text/plain"] ?? ""
        XCTAssertTrue(profile.hasPrefix("profile(_ id: String) -> [String: Any]?"), profile)
    }
}
