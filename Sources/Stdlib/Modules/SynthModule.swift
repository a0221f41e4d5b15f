import Foundation
import Language
import Pipeline

/// `synth`: the simulator of step 1, generating and ingesting experience events and profiles.
enum SynthModule {
    static func make(_ context: Context) -> NativeModule {
        module("synth", doc: "The synthetic-data simulator: experience events and profile records from the reference's generative model, seeded and deterministic.", [
            .constant("eventSchema", .object(SchemaObject(Simulator.eventSchema)),
                      doc: "The experience-event schema the simulator writes (identity userId, namespace ECID)."),
            .constant("profileSchema", .object(SchemaObject(Simulator.profileSchema)),
                      doc: "The profile-record schema (name, contact, address, loyalty, and the true propensity)."),
            .method(function("generate", [.labeled("users", "Int"), .labeled("seed", "Int"),
                                          .labeled("batchUsers", "Int", default: 10_000),
                                          .labeled("mode", "String", default: "reference"),
                                          .labeled("targetConversion", "Double", default: 0.15),
                                          .labeled("events", "String", default: "events"),
                                          .labeled("profiles", "String", default: "profiles"),
                                          .labeled("replace", "Bool", default: true)],
                             returns: "Simulation",
                             doc: "Simulates `users` people and ingests their events and profiles in batches of `batchUsers`; replace: true makes a re-run replace the datasets' rows instead of adding to them.") { a in
                let config = try configuration(a, users: 0, seed: 1, mode: 3, target: 4)
                var sized = config
                sized.batchSize = try a.int(2)
                let simulator = try Simulator(sized)
                let progressID = "synth-\(UUID().uuidString)"
                let started = Date()
                let report = try simulator.run(into: try context.workspace(), eventsDataset: try a.string(5),
                                               profilesDataset: try a.string(6), write: try a.bool(7) ? .replace : .append) { done, total in
                    a.host.display(["text/plain": "simulated and ingested \(done) of \(total) users"],
                                   id: progressID, update: done > min(total, sized.batchSize))
                }
                return .object(simulation(report, seconds: Date().timeIntervalSince(started)))
            }),
            .method(function("events", [.labeled("users", "Int"), .labeled("seed", "Int"),
                                        .labeled("mode", "String", default: "reference"),
                                        .labeled("targetConversion", "Double", default: 0.15)],
                             returns: "Table",
                             doc: "Simulates events for `users` people in memory, without ingesting them.") { a in
                let simulator = try Simulator(try configuration(a, users: 0, seed: 1, mode: 2, target: 3))
                return TableObject.value(simulator.generate(simulator.config.firstUser..<simulator.config.firstUser + simulator.config.users).events)
            }),
        ])
    }

    private static func configuration(_ a: Arguments, users: Int, seed: Int, mode: Int, target: Int) throws -> SimulationConfig {
        let name = try a.string(mode)
        guard let simulationMode = SimulationMode(rawValue: name) else {
            throw LanguageError.valueError("mode must be \"reference\" or \"corrected\", got \"\(name)\"")
        }
        return SimulationConfig(users: try a.int(users), seed: UInt64(bitPattern: Int64(try a.int(seed))),
                                mode: simulationMode, targetConversion: try a.double(target))
    }

    private static func simulation(_ report: SimulationReport, seconds: Double) -> Record {
        Record("Simulation", title: "Simulated \(CellFormat.grouped(report.users)) people", fields: [
            .init(name: "users", value: .int(report.users), doc: "People simulated."),
            .init(name: "events", value: .int(report.events), doc: "Events ingested."),
            .init(name: "subscribers", value: .int(report.subscribers), doc: "People who subscribed (web.formFilledOut)."),
            .init(name: "conversion", value: .double(report.conversionRate), doc: "subscribers / users."),
            .init(name: "batches", value: .int(report.batches.count), doc: "Batches ingested (events and profiles)."),
            .init(name: "seconds", value: .double((seconds * 1000).rounded() / 1000), doc: "Wall time of generation and ingestion."),
            .init(name: "eventCounts", value: TableObject.value(report.eventCountsTable), doc: "Events per type, most frequent first."),
        ], payload: report)
    }
}
