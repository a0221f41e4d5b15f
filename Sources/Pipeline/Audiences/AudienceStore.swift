import Foundation

/// One recorded evaluation of an audience: the rule as it was, where the members went, and the
/// segmentation job's metrics (qualified count, profiles seen, time taken).
public struct AudienceEvaluationRecord: Sendable, Equatable {
    public let id: String
    public let audience: String
    public let expression: String
    public let dataset: String
    public let batch: String
    public let qualified: Int
    public let total: Int
    public let seconds: Double
    public let evaluatedAt: Timestamp
}

/// Audience definitions and their evaluations, kept in the workspace database (tables
/// `propel_audiences` and `propel_audience_evaluations`), so they survive between notebooks
/// and runs. Defining is declarative: saving an audience of an existing name replaces its
/// definition. Evaluating runs the rule over the profile store and ingests the membership into a
/// dataset as one batch (replacing the previous membership), then records the job.
public final class AudienceStore {
    let workspace: Workspace
    private var db: SQLiteDatabase { workspace.database }
    /// The membership datasets' schema: who qualified for which audience, and until when.
    public static let membershipSchema = Schema(name: "audience_membership", kind: .record, fields: [
        Field(ProfileStore.identityColumn, .string, required: true), Field("audience", .string, required: true),
        Field("qualified_at", .timestamp, required: true), Field("expires_at", .timestamp, required: true),
    ], identity: Identity(field: ProfileStore.identityColumn, namespace: "ECID"))

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.database.execute("""
            CREATE TABLE IF NOT EXISTS propel_audiences(
                name TEXT PRIMARY KEY, description TEXT NOT NULL, expression TEXT NOT NULL, ttl_days INTEGER NOT NULL,
                created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
            CREATE TABLE IF NOT EXISTS propel_audience_evaluations(
                id TEXT PRIMARY KEY, audience TEXT NOT NULL, expression TEXT NOT NULL, dataset TEXT NOT NULL, batch TEXT NOT NULL,
                qualified INTEGER NOT NULL, total INTEGER NOT NULL, seconds REAL NOT NULL, evaluated_at TIMESTAMP NOT NULL);
            """)
    }

    /// The membership dataset an audience is evaluated into unless told otherwise.
    public static func defaultDataset(for audience: String) -> String {
        "audience_" + String(audience.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Saves (creates or replaces) a definition. When the profile store exists the rule is
    /// checked against its attributes first, so a misspelt attribute fails now, at its column.
    @discardableResult
    public func save(_ audience: Audience) throws -> Audience {
        let attributes = try ProfileStore(workspace: workspace).columns()
        if attributes.columnCount > 1 { try audience.validate(against: attributes) }
        let now = Timestamp(Date())
        try db.transaction {
            let s = try db.prepare("""
                INSERT INTO propel_audiences VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                ON CONFLICT(name) DO UPDATE SET description = ?2, expression = ?3, ttl_days = ?4, updated_at = ?5
                """)
            try s.bind([.string(audience.name), .string(audience.description), .string(audience.expression), .int(audience.ttlDays), .timestamp(now)])
            try s.step()
        }
        return audience
    }

    /// A saved audience; an unknown name is an error naming it (and the closest saved name).
    public func audience(named name: String) throws -> Audience {
        let all = try audiences()
        if let found = all.first(where: { $0.name == name }) { return found }
        let names = all.map(\.name)
        throw PipelineError(.audience, "no audience named `\(name)`",
                            hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" }
                                ?? (names.isEmpty ? "no audience is defined yet" : "audiences: \(names.joined(separator: ", "))"))
    }

    public func audiences() throws -> [Audience] {
        let s = try db.prepare("SELECT name, description, expression, ttl_days FROM propel_audiences ORDER BY name")
        var out: [Audience] = []
        while try s.step() {
            out.append(try Audience(name: s.text(0), description: s.text(1), expression: s.text(2), ttlDays: s.int(3)))
        }
        return out
    }

    /// Removes a definition (its evaluations and membership dataset stay, as history).
    public func remove(_ name: String) throws {
        _ = try audience(named: name)
        let s = try db.prepare("DELETE FROM propel_audiences WHERE name = ?")
        try s.bind([.string(name)])
        try s.step()
    }

    /// Evaluates a saved audience over the profile store now and ingests its members into
    /// `dataset` (default `audience_<name>`) as one batch that replaces the previous membership.
    /// The record's `seconds` is the whole job's (reading the store, the rule, writing the members).
    public func evaluate(_ name: String, into dataset: String? = nil) throws -> (evaluation: AudienceEvaluation, record: AudienceEvaluationRecord) {
        let started = Date()
        let audience = try audience(named: name)
        let store = ProfileStore(workspace: workspace)
        guard try store.count() > 0 else {
            throw PipelineError(.audience, "the profile store is empty, so audience `\(name)` has nobody to evaluate",
                                hint: "merge the profile-enabled datasets first (profiles.merge())")
        }
        // Only the identity and the attributes the rule reads, not every attribute of every profile.
        let profiles = try store.table(attributes: try audience.attributesRead(from: try store.columns()))
        let evaluation = try audience.evaluate(profiles: profiles, identity: ProfileStore.identityColumn)
        let target = dataset ?? Self.defaultDataset(for: name)
        let catalog = workspace.catalog
        try catalog.ensureSchema(Self.membershipSchema)
        try catalog.ensureDataset(target, schema: Self.membershipSchema.name, description: "members of audience \(name)")
        let batch = try catalog.ingest(evaluation.members, into: target, mode: .replace)
        let record = AudienceEvaluationRecord(id: SortableID.next(), audience: name, expression: audience.expression, dataset: target,
                                              batch: batch.id, qualified: evaluation.qualified, total: evaluation.total,
                                              seconds: Date().timeIntervalSince(started), evaluatedAt: Timestamp(Date()))
        let s = try db.prepare("INSERT INTO propel_audience_evaluations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try s.bind([.string(record.id), .string(name), .string(record.expression), .string(target), .string(batch.id),
                    .int(record.qualified), .int(record.total), .double(record.seconds), .timestamp(record.evaluatedAt)])
        try s.step()
        return (evaluation, record)
    }

    /// The members of the audience's latest evaluation, read back from its membership dataset;
    /// nil when it was never evaluated. A membership dataset changed since (its count of this
    /// audience's rows no longer the qualified count) is an error rather than a silent mismatch.
    public func latestEvaluation(_ name: String) throws -> AudienceEvaluation? {
        let audience = try audience(named: name)
        guard let record = try evaluations(audience: name).last else { return nil }
        let all = try workspace.catalog.read(record.dataset)
        let audiences = try all.column("audience")
        let members = all.gathering((0..<all.rowCount).filter { audiences[$0] == .string(name) })
        guard members.rowCount == record.qualified else {
            throw PipelineError(.audience, "dataset `\(record.dataset)` holds \(members.rowCount) members of `\(name)`, but its evaluation qualified \(record.qualified)",
                                hint: "evaluate the audience again")
        }
        return AudienceEvaluation(audience: audience, members: members, qualified: record.qualified, total: record.total, seconds: record.seconds)
    }

    /// Evaluations, oldest first (of one audience, or all).
    public func evaluations(audience: String? = nil) throws -> [AudienceEvaluationRecord] {
        let s = try db.prepare("SELECT * FROM propel_audience_evaluations WHERE ?1 IS NULL OR audience = ?1 ORDER BY id")
        try s.bind([audience.map(Value.string) ?? .null])
        var out: [AudienceEvaluationRecord] = []
        while try s.step() {
            out.append(AudienceEvaluationRecord(id: s.text(0), audience: s.text(1), expression: s.text(2), dataset: s.text(3), batch: s.text(4),
                                                qualified: s.int(5), total: s.int(6), seconds: s.double(7),
                                                evaluatedAt: Catalog.timestamp(s, 8) ?? Timestamp(microseconds: 0)))
        }
        return out
    }

    /// One row per audience: its definition and its latest evaluation (nulls if never evaluated).
    public func table() throws -> Table {
        let defined = try audiences()
        let latest = Dictionary(try evaluations().map { ($0.audience, $0) }, uniquingKeysWith: { $1 })
        let last = defined.map { latest[$0.name] }
        let missing = last.map { $0 == nil }
        return try Table([
            Column("name", strings: defined.map(\.name)), Column("description", strings: defined.map(\.description)),
            Column("rule", strings: defined.map(\.expression)), Column("ttl_days", ints: defined.map(\.ttlDays)),
            Column("dataset", strings: last.map { $0?.dataset ?? "" }, nulls: missing),
            Column("qualified", ints: last.map { $0?.qualified ?? 0 }, nulls: missing),
            Column("profiles", ints: last.map { $0?.total ?? 0 }, nulls: missing),
            Column("seconds", doubles: last.map { $0?.seconds ?? 0 }, nulls: missing),
            Column("evaluated_at", timestamps: last.map { $0?.evaluatedAt.microseconds ?? 0 }, nulls: missing),
        ])
    }
}
