import Foundation

/// What scoring a dataset did: the scores, the batch they were ingested as, and how long the
/// model took alone and with ingestion.
public struct ScoringRun: Sendable {
    public let scores: Table
    public let batch: Batch
    public let scoringSeconds: Double
    public let seconds: Double

    /// Model throughput, scoring alone.
    public var rowsPerSecond: Double { scoringSeconds > 0 ? Double(scores.rowCount) / scoringSeconds : Double(scores.rowCount) }
}

/// Applies a model to every profile's features: one score row per identity, with the model's
/// name and version and the scoring time, so every score can be traced to the model behind it.
public enum Scoring {
    /// The scores schema: identity, propensity, model, modelVersion, scoredAt. A plain record
    /// dataset, not profile-enabled: scores reach profiles through an import (step 6).
    public static func schema(identity: String, type: DataType) -> Schema {
        Schema(name: "propensity_score", kind: .record, fields: [
            Field(identity, type, required: true), Field("propensity", .double, required: true),
            Field("model", .string), Field("modelVersion", .int), Field("scoredAt", .timestamp),
        ], identity: Identity(field: identity, namespace: "ECID"))
    }

    /// Scores `features` (identity column plus the model's feature columns, read by name —
    /// other columns such as the label are ignored). Duplicate identities are an error, since
    /// "one score per profile" is the contract the profile store relies on. `version` is nil
    /// for a model that was never registered.
    public static func score(_ model: Model, name: String, version: Int?, features: Table, identity: String) throws -> Table {
        let ids = try features.column(identity)
        var seen = Set<Value>()
        seen.reserveCapacity(ids.count)
        for r in 0..<ids.count {
            let id = ids[r]
            guard id != .null else { throw PipelineError(.invalidArgument, "identity `\(identity)` is null at row \(r + 1)") }
            guard seen.insert(id).inserted else {
                throw PipelineError(.invalidArgument, "identity `\(id)` appears twice (row \(r + 1)); scores are one per profile")
            }
        }
        let propensity = try model.probabilities(features)
        let n = features.rowCount
        return try Table([
            Column(name: identity, storage: ids.storage), Column("propensity", doubles: propensity),
            Column("model", strings: Array(repeating: name, count: n)),
            Column("modelVersion", ints: Array(repeating: version ?? 0, count: n), nulls: version == nil ? Array(repeating: true, count: n) : nil),
            Column("scoredAt", timestamps: Array(repeating: Timestamp(Date()).microseconds, count: n)),
        ])
    }

    /// Scores every row of `featuresDataset` and ingests the scores into `scoresDataset` as one
    /// batch (replacing earlier scores when `replace`, so a re-run does not score people twice).
    @discardableResult
    public static func scoreDataset(_ model: Model, name: String, version: Int?, workspace: Workspace, featuresDataset: String,
                                    identity: String = "userId", into scoresDataset: String, replace: Bool = true) throws -> ScoringRun {
        let catalog = workspace.catalog
        // Only what scoring reads: the identity and the model's features (not the label).
        let features = try catalog.read(featuresDataset, columns: [identity] + model.features.filter { $0 != identity })
        let started = Date()
        let scores = try score(model, name: name, version: version, features: features, identity: identity)
        let scoringSeconds = Date().timeIntervalSince(started)
        let schema = schema(identity: identity, type: try scores.column(identity).type)
        try catalog.ensureSchema(schema)
        try catalog.ensureDataset(scoresDataset, schema: schema.name,
                                  description: "propensity scores of \(name)\(version.map { " v\($0)" } ?? "") on \(featuresDataset)")
        let batch = try catalog.ingest(scores, into: scoresDataset, mode: replace ? .replace : .append)
        return ScoringRun(scores: scores, batch: batch, scoringSeconds: scoringSeconds, seconds: Date().timeIntervalSince(started))
    }
}
