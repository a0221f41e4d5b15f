import XCTest

final class SynthTests: StdlibTestCase {
    func testGenerateIngestsEventsAndProfilesDeterministically() {
        run("let simulation = synth.generate(users: 300, seed: 7, batchUsers: 100)")
        XCTAssertEqual(text("simulation.users"), "300")
        XCTAssertEqual(text("catalog.dataset(\"profiles\").rows"), "300")
        XCTAssertEqual(text("catalog.dataset(\"events\").rows == simulation.events"), "true")
        XCTAssertEqual(text("catalog.snapshots(\"events\").count"), "3")
        XCTAssertEqual(text("simulation.conversion > 0.02 && simulation.conversion < 0.4"), "true")
        XCTAssertTrue(host.displays.contains { $0["text/plain"] == "simulated and ingested 300 of 300 users" })
        let first = text("catalog.table(\"events\")[\"_id\"].count")
        run("let again = synth.generate(users: 300, seed: 7, batchUsers: 100)")
        XCTAssertEqual(text("catalog.table(\"events\")[\"_id\"].count"), first, "a re-run replaces, never duplicates")
        XCTAssertEqual(text("again.events == simulation.events && again.subscribers == simulation.subscribers"), "true")
        let bundle = run("simulation")
        XCTAssertTrue(bundle?["text/html"]?.contains("eventType") ?? false, "the summary shows the event counts table")
    }

    func testEventsInMemoryAndSchemas() {
        XCTAssertEqual(text("synth.events(users: 50, seed: 1).columns"),
                       "[\"_id\", \"userId\", \"eventType\", \"timestamp\", \"subscriptionPropensity\"]")
        XCTAssertTrue(run("synth.eventSchema")?["text/html"]?.contains("ECID") ?? false)
        run("catalog.createDataset(\"events\", schema: synth.eventSchema, profile: true)")
        XCTAssertEqual(text("catalog.dataset(\"events\").schema"), "\"experience_event\"")
    }

    func testBadSettingsAreReported() {
        XCTAssertEqual(failure("synth.generate(users: 10, seed: 1, mode: \"faithful\")")?.ename, "ValueError")
        XCTAssertEqual(failure("synth.generate(users: -1, seed: 1)")?.ename, "ArgumentError")
        XCTAssertEqual(failure("synth.generate(users: 10, seed: 1, batchUsers: 0)")?.ename, "ArgumentError")
        XCTAssertEqual(failure("synth.generate(users: 10, seed: 1, mode: \"corrected\", targetConversion: 1.5)")?.ename, "ArgumentError")
        XCTAssertEqual(failure("synth.generate(users: \"many\", seed: 1)")?.ename, "TypeError")
    }
}
