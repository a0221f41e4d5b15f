import Foundation

/// Applies a model to every profile's features: one score row per identity, with the model's
/// name and version and the scoring time, so every score can be traced to the model behind it.
public enum Scoring {
    /// Scores `features` (identity column plus the model's feature columns, read by name —
    /// other columns such as the label are ignored). Duplicate identities are an error, since
    /// "one score per profile" is the contract the profile store relies on.
    public static func score(_ model: Model, name: String, version: Int, features: Table, identity: String) throws -> Table {
        let ids = try features.column(identity)
        var seen = Set<Value>()
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
            Column("model_name", strings: Array(repeating: name, count: n)),
            Column("model_version", ints: Array(repeating: version, count: n)),
            Column("scored_at", timestamps: Array(repeating: Timestamp(Date()).microseconds, count: n)),
        ])
    }

    /// Scores the registered model (by alias, default `production`) on the latest rows of
    /// `featuresDataset` and ingests the scores into `scoresDataset` as one batch. The scores
    /// dataset is profile-enabled with `identity` as its ECID identity, so the profile store
    /// picks the propensity up.
    public static func scoreDataset(workspace: Workspace, registry: ModelRegistry, model name: String, alias: String? = "production",
                                    featuresDataset: String, identity: String, scoresDataset: String) throws -> (scores: Table, batch: Batch) {
        let (model, version) = try registry.load(name: name, alias: alias)
        let features = try workspace.catalog.read(featuresDataset)
        let scores = try score(model, name: name, version: version.version, features: features, identity: identity)
        let schemaName = "\(scoresDataset)_schema"
        try workspace.catalog.ensureSchema(Schema(name: schemaName, kind: .profile, fields: [
            Field(identity, try scores.column(identity).type, required: true), Field("propensity", .double, required: true),
            Field("model_name", .string, required: true), Field("model_version", .int, required: true),
            Field("scored_at", .timestamp, required: true),
        ], identity: Identity(field: identity, namespace: "ECID")))
        try workspace.catalog.ensureDataset(scoresDataset, schema: schemaName, profileEnabled: true,
                                            description: "propensity scores from model \(name) v\(version.version)")
        let batch = try workspace.catalog.ingest(scores, into: scoresDataset)
        return (scores, batch)
    }
}
