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
        let catalog = workspace.catalog
        var applied: [(at: Timestamp, dataset: String, generation: Int, identity: String)] = []
        for dataset in try catalog.datasets() where dataset.profileEnabled {
            let schema = try catalog.schema(named: dataset.schema)
            guard schema.kind == .profile, let identity = schema.identity else { continue }
            // A replacing batch deleted every earlier row, so only it and later snapshots hold rows.
            let snapshots = try catalog.snapshots(dataset: dataset.name)
            for snapshot in snapshots[(snapshots.lastIndex { $0.replaced } ?? 0)...] {
                applied.append((snapshot.madeCurrentAt, dataset.name, snapshot.generation, identity.field))
            }
        }
        applied.sort { ($0.at, $0.dataset, $0.generation) < ($1.at, $1.dataset, $1.generation) }

        var order: [String] = [], index: [String: Int] = [:]
        var attributes: [String] = [], types: [String: DataType] = [:]
        var values: [[Value]] = []  // per attribute, per profile slot
        var sources: [String: Int] = [:]
        for step in applied {
            let rows = try catalog.read(step.dataset, snapshots: step.generation...step.generation)
            let ids = try rows.column(step.identity)
            sources[step.dataset, default: 0] += rows.rowCount
            var merged: [(column: Column, attribute: Int)] = []
            for column in rows.columns where column.name != step.identity {
                if let known = types[column.name] {
                    guard known == column.type else {
                        throw PipelineError(.schemaViolation, "attribute `\(column.name)` is \(known) in one profile dataset and \(column.type) in `\(step.dataset)`")
                    }
                } else {
                    types[column.name] = column.type
                    attributes.append(column.name)
                    values.append(Array(repeating: .null, count: order.count))
                }
                merged.append((column, attributes.firstIndex(of: column.name)!))
            }
            for r in 0..<rows.rowCount {
                let idValue = ids[r]
                guard idValue != .null else { throw PipelineError(.schemaViolation, "dataset `\(step.dataset)` has a null identity at row \(r + 1)") }
                let id = idValue.description
                let slot: Int
                if let s = index[id] { slot = s } else {
                    slot = order.count; index[id] = slot; order.append(id)
                    for a in values.indices { values[a].append(.null) }
                }
                for (column, attribute) in merged where !column.isNull(r) {
                    values[attribute][slot] = column[r]
                }
            }
        }

        let store = try Table([Column(Self.identityColumn, strings: order)]
                              + zip(attributes, values).map { try Column(name: $0, type: types[$0]!, values: $1) })
        let plan = try IngestPlan(store, schema: Schema.inferred(name: Self.tableName, from: store))
        let db = workspace.database
        let quote = CatalogStore.quote
        try db.transaction {
            try db.execute("DROP TABLE IF EXISTS \(Self.tableName)")
            let columns = ["\(Self.identityColumn) TEXT PRIMARY KEY"] + attributes.map { "\(quote($0)) \(CatalogStore.sqlType(types[$0]!))" }
            try db.execute("CREATE TABLE \(Self.tableName) (\(columns.joined(separator: ", ")))")
            try db.insert(plan, into: Self.tableName)
            let stored = try db.scalarInt("SELECT count(*) FROM \(Self.tableName)") ?? -1
            guard stored == order.count else {
                throw PipelineError(.conflict, "profile merge stored \(stored) profiles for \(order.count) identities; nothing was changed")
            }
        }
        return ProfileMergeReport(profiles: order.count, sources: sources, attributes: attributes)
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
