import Foundation
import Language
import Pipeline

/// Batch scoring: a model applied to every row of a featurized dataset, written as one batch of
/// (userId, propensity, model, modelVersion, scoredAt) so each score traces to a model version.
enum Scoring {
    static let schema = Schema(name: "propensity_score", kind: .record, fields: [
        Field("userId", .string, required: true), Field("propensity", .double, required: true),
        Field("model", .string), Field("modelVersion", .int), Field("scoredAt", .timestamp),
    ], identity: Identity(field: "userId", namespace: "ECID", primary: true))

    static func run(_ model: ModelObject, features: String, into dataset: String, replace: Bool,
                    workspace: Workspace) throws -> Language.Value {
        let catalog = workspace.catalog
        let rows = try catalog.read(features)
        let started = Date()
        let scores = try model.model.probabilities(rows)
        let scoring = Date().timeIntervalSince(started)
        let n = rows.rowCount
        let now = Timestamp(Date()).microseconds
        let table = try Table([
            try rows.column("userId"),
            Column("propensity", doubles: scores),
            Column("model", strings: Array(repeating: model.name ?? model.model.spec.kind, count: n)),
            Column("modelVersion", ints: Array(repeating: model.version ?? 0, count: n), nulls: model.version == nil ? Array(repeating: true, count: n) : nil),
            Column("scoredAt", timestamps: Array(repeating: now, count: n)),
        ])
        try catalog.ensureSchema(schema)
        try catalog.ensureDataset(dataset, schema: schema.name, description: "Propensity scores of \(model.label) on \(features)")
        let batch = try catalog.ingest(table, into: dataset, mode: replace ? .replace : .append)
        let seconds = Date().timeIntervalSince(started)
        return .object(Record("Scoring", title: "Scored \(CellFormat.grouped(n)) rows of \(features) with \(model.label)", fields: [
            .init(name: "rows", value: .int(n), doc: "Rows scored."),
            .init(name: "dataset", value: .string(dataset), doc: "Where the scores went."),
            .init(name: "batch", value: .string(batch.id), doc: "The batch written."),
            .init(name: "seconds", value: .double(seconds), doc: "Scoring and ingestion time."),
            .init(name: "rowsPerSecond", value: .double(scoring > 0 ? Double(n) / scoring : Double(n)), doc: "Model throughput (scoring alone)."),
        ], payload: batch))
    }
}
