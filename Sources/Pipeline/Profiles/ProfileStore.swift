import Foundation

/// What a profile merge did: how many profiles, from which datasets, with which attributes.
public struct ProfileMergeReport: Sendable, Equatable {
    public let profiles: Int
    /// Dataset → rows read from it.
    public let sources: [String: Int]
    public let attributes: [String]
    /// Rows read from all sources: every one either made a profile or updated one.
    public var rowsRead: Int { sources.values.reduce(0, +) }
}

/// The profile store: one row per identity in the `propel_profiles` table, merging the
/// attributes of every profile-enabled dataset whose schema is a profile (record) schema with an
/// identity. Profile-enabled event datasets are behaviour over time, not attributes, so they
/// are not merged (an event's fields "winning" as profile attributes would be meaningless).
///
/// Merge rule: batches are applied in commit order (snapshot time), rows in order within a
/// batch, and a non-null value overwrites the attribute — so the latest batch wins, and a later
/// batch that lacks an attribute does not erase it. The table is rebuilt inside one transaction
/// (readers see the old store or the new one, never half), and the profile count is checked
/// against the distinct identities read, so no profile is lost or doubled.
public final class ProfileStore {
    let workspace: Workspace
    public static let tableName = "propel_profiles"
    public static let identityColumn = "identity"

    public init(workspace: Workspace) { self.workspace = workspace }

    @discardableResult
    public func rebuild() throws -> ProfileMergeReport {
        let merge = try ProfileMerge(catalog: workspace.catalog, identityColumn: Self.identityColumn)
        let store = merge.store
        let plan = try IngestPlan(store, schema: Schema.inferred(name: Self.tableName, from: store))
        let db = workspace.database
        let quote = CatalogStore.quote
        try db.transaction {
            try db.execute("DROP TABLE IF EXISTS \(Self.tableName)")
            let columns = ["\(Self.identityColumn) TEXT NOT NULL"] + store.columns.dropFirst().map { "\(quote($0.name)) \(CatalogStore.sqlType($0.type))" }
            try db.execute("CREATE TABLE \(Self.tableName) (\(columns.joined(separator: ", ")))")
            try db.insert(plan, into: Self.tableName)
            // The unique index is built after the rows are in: one sort instead of 100,000 random
            // B-tree insertions (a quarter of the time), and a denser index. It still refuses a
            // doubled identity, failing the whole merge.
            try db.execute("CREATE UNIQUE INDEX \(Self.tableName)_\(Self.identityColumn) ON \(Self.tableName) (\(Self.identityColumn))")
            let stored = try db.scalarInt("SELECT count(*) FROM \(Self.tableName)") ?? -1
            guard stored == store.rowCount else {
                throw PipelineError(.conflict, "profile merge stored \(stored) profiles for \(store.rowCount) identities; nothing was changed")
            }
        }
        return ProfileMergeReport(profiles: store.rowCount, sources: merge.sources, attributes: merge.attributes)
    }

    /// One profile's attributes (nulls left out), or nil when the identity is unknown.
    /// Timestamps come back as ISO 8601 text.
    public func profile(_ id: String) throws -> [String: Value]? {
        guard try exists() else { return nil }
        let s = try workspace.database.prepare("SELECT * FROM \(Self.tableName) WHERE \(Self.identityColumn) = ?")
        try s.bind([.string(id)])
        guard try s.step() else { return nil }
        var out: [String: Value] = [:]
        for i in 0..<s.columnCount where !s.isNull(i) { out[s.columnName(i)] = s.value(i) }
        return out
    }

    /// The whole store as a table: `identity` then every attribute (empty before the first merge).
    public func table() throws -> Table { try read("ORDER BY rowid") }

    /// The identity and the named attributes of every profile, in store order.
    public func table(attributes: [String]) throws -> Table {
        guard try exists() else { return try read("") }
        return try workspace.database.prepare("SELECT \(Self.selectList(attributes)) FROM \(Self.tableName) ORDER BY rowid").readTable()
    }

    /// The identity and the named attributes of the profiles of `identities`, in that order,
    /// each found through the store's unique index (an identity not in the store is left out):
    /// what an audience's members need for activation, without reading every profile.
    public func table(attributes: [String], of identities: Column) throws -> Table {
        guard try exists() else { return try read("") }
        let lookup = try workspace.database.prepare("SELECT \(Self.selectList(attributes)) FROM \(Self.tableName) WHERE \(Self.identityColumn) = ?")
        return try lookup.readTable(runs: identities.count) { try lookup.bind(identities[$0], at: 1) }
    }

    /// The identity, then `attributes` (the identity not twice), quoted for a SELECT.
    private static func selectList(_ attributes: [String]) -> String {
        ([identityColumn] + attributes.filter { $0 != identityColumn }).map(CatalogStore.quote).joined(separator: ", ")
    }

    /// The store's columns, typed, without its rows (empty before the first merge): what
    /// checking an audience rule against the attributes needs, without reading every profile.
    public func columns() throws -> Table { try read("LIMIT 0") }

    /// `SELECT * FROM` the store, then `clause`; just the identity column before the first merge.
    private func read(_ clause: String) throws -> Table {
        guard try exists() else { return try Table([Column(Self.identityColumn, strings: [])]) }
        return try workspace.database.prepare("SELECT * FROM \(Self.tableName) \(clause)").readTable()
    }

    public func count() throws -> Int {
        try exists() ? (try workspace.database.scalarInt("SELECT count(*) FROM \(Self.tableName)") ?? 0) : 0
    }

    private func exists() throws -> Bool {
        (try workspace.database.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [.string(Self.tableName)]) ?? 0) > 0
    }
}
