import Foundation
import Language
import Pipeline

/// `destinations`: named file and webhook destinations, activation of an evaluated audience from
/// code, the record of every activation, and retry of a failed one.
enum DestinationsModule {
    static func make(_ context: Context) -> NativeModule {
        func store() throws -> DestinationStore { try DestinationStore(workspace: try context.workspace()) }
        func activations() throws -> Activations { try Activations(workspace: try context.workspace()) }
        return module("destinations", doc: "Where audiences go: file destinations (CSV or JSON Lines under storage/activations/<destination>/<audience>/<timestamp>/) and HTTP webhooks (JSON batches POSTed with retries and backoff). Every activation is recorded; a failed one keeps its members and can be retried.", [
            .method(function("file", [.labeled("name", "String"), .labeled("format", "String", default: "csv")], returns: "Destination",
                             doc: "Declares (or redeclares) a file destination writing csv or json (JSON Lines).") { a in
                .object(record(try store().save(try Destination.file(try a.string(0), format: try FileFormat(named: try a.string(1))))))
            }),
            .method(function("webhook", [.labeled("name", "String"), .labeled("url", "String"), .labeled("batchSize", "Int", default: 1_000),
                                         .labeled("maxAttempts", "Int", default: 5), .labeled("backoff", "Double", default: 0.5)],
                             returns: "Destination",
                             doc: "Declares (or redeclares) a webhook: members POSTed as JSON batches of batchSize; a failed POST is tried maxAttempts times in all, waiting backoff seconds, then twice as long each time.") { a in
                .object(record(try store().save(try Destination.webhook(try a.string(0), url: try a.string(1), batchSize: try a.int(2),
                                                                        maxAttempts: try a.int(3), initialBackoff: try a.double(4)))))
            }),
            .method(function("list", returns: "Table", doc: "Every declared destination.") { _ in
                TableObject.value(try store().table())
            }),
            .method(function("activate", [.positional("audience", "Any"), Parameter(label: "to", name: "destination", type: "Any"),
                                          .labeled("attributes", "[String]", default: .array([]))],
                             returns: "Activation",
                             doc: "Sends the members of the audience's latest evaluation (an Audience, AudienceEvaluation or name) to a destination (or its name), with the profile `attributes` named (e.g. [\"email\"]) joined on. The members file is written first; a webhook that fails returns a failed activation (and warns) that retry(_:) resumes.") { a in
                let workspace = try context.workspace()
                let destination = try store().destination(named: try AudiencesModule.name(of: a[1], "Destination"))
                let evaluation: AudienceEvaluation
                if let record = a[0].objectValue as? Record, let given = record.payload as? AudienceEvaluation {
                    evaluation = given
                } else {
                    let name = try AudiencesModule.name(of: a[0], "Audience")
                    guard let latest = try AudienceStore(workspace: workspace).latestEvaluation(name) else {
                        throw PipelineError(.audience, "audience `\(name)` has not been evaluated, so it has no members to activate",
                                            hint: "audiences.evaluate(\"\(name)\") first")
                    }
                    evaluation = latest
                }
                let attributes = try MLModule.strings(a, 2)
                let store = ProfileStore(workspace: workspace)
                let profiles: Table
                if attributes.isEmpty {
                    profiles = try Table([])
                } else if Set(attributes).isSubset(of: try store.columns().columnNames) {
                    // Just the attributes sent, of just the members.
                    profiles = try store.table(attributes: attributes, of: try evaluation.members.column(ProfileStore.identityColumn))
                } else {
                    profiles = try store.table()   // an unknown name: its error suggests the closest attribute
                }
                let enriched = try evaluation.adding(attributes, from: profiles, identity: ProfileStore.identityColumn)
                return report(try activations().activate(enriched, to: destination), host: a.host)
            }),
            .method(function("retry", [.positional("activation", "Any")], returns: "Activation",
                             doc: "Sends the undelivered batches of a failed activation (or its id) again; a delivered one is returned as it is.") { a in
                let id: String
                if let text = a[0].stringValue { id = text }
                else if let record = a[0].objectValue as? Record, record.typeName == "Activation", let text = record["id"]?.stringValue { id = text }
                else { throw LanguageError.typeError("retry takes an Activation or its id, got \(a[0].typeName)") }
                return report(try activations().retry(id), host: a.host)
            }),
            .method(function("activations", returns: "Table",
                             doc: "Every activation, oldest first: destination, audience, status, rows, batches delivered, attempts, folder, error, times.") { _ in
                TableObject.value(try activations().activationsTable())
            }),
        ])
    }

    static func record(_ destination: Destination) -> Record {
        Record("Destination", title: "Destination \(destination.name)", fields: [
            .init(name: "name", value: .string(destination.name), doc: "Its name."),
            .init(name: "kind", value: .string(destination.summary), doc: "file (format) or webhook URL."),
        ], payload: destination)
    }

    /// The activation as a record; a failure is also written to stderr, where it cannot be missed.
    static func report(_ activation: Activation, host: Language.Host) -> Language.Value {
        if activation.status == .failed {
            host.write("warning: activation \(activation.id) to \(activation.destination) failed: \(activation.error ?? "unknown error"); "
                       + "\(activation.deliveredBatches) of \(activation.batches) batches delivered, destinations.retry(\"\(activation.id)\") resumes\n",
                       to: .error)
        }
        let seconds = Double(activation.finishedAt.microseconds - activation.startedAt.microseconds) / 1e6
        return .object(Record("Activation", title: "Activation of \(activation.audience) to \(activation.destination): \(activation.status.rawValue)", fields: [
            .init(name: "id", value: .string(activation.id), doc: "Its id (for retry)."),
            .init(name: "audience", value: .string(activation.audience), doc: "The audience sent."),
            .init(name: "destination", value: .string(activation.destination), doc: "Where it went."),
            .init(name: "status", value: .string(activation.status.rawValue), doc: "delivered or failed."),
            .init(name: "rows", value: .int(activation.rows), doc: "Members sent."),
            .init(name: "batches", value: .int(activation.batches), doc: "Batches in all."),
            .init(name: "deliveredBatches", value: .int(activation.deliveredBatches), doc: "Batches delivered."),
            .init(name: "attempts", value: .int(activation.attempts), doc: "Delivery attempts so far."),
            .init(name: "folder", value: .string(activation.folder), doc: "The members file's folder, under storage/."),
            .init(name: "error", value: activation.error.map(Language.Value.string) ?? .null, doc: "What went wrong, if it failed."),
            .init(name: "seconds", value: .double(seconds), doc: "Time taken by the last attempt."),
        ], payload: activation))
    }
}
