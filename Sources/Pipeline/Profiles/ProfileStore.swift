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

        // Every row's profile slot; an identity's first row applied makes its slot.
        var order: [String] = [], index: [String: Int32] = [:]
        var attributes: [String] = [], types: [String: DataType] = [:]
        var sources: [String: Int] = [:]
        var read: [(rows: Table, identity: String, slots: [Int32])] = []
        for step in applied {
            let rows = try catalog.read(step.dataset, snapshots: step.generation...step.generation)
            let ids = try rows.column(step.identity)
            sources[step.dataset, default: 0] += rows.rowCount
            for column in rows.columns where column.name != step.identity {
                if let known = types[column.name] {
                    guard known == column.type else {
                        throw PipelineError(.schemaViolation, "attribute `\(column.name)` is \(known) in one profile dataset and \(column.type) in `\(step.dataset)`")
                    }
                } else {
                    types[column.name] = column.type
                    attributes.append(column.name)
                }
            }
            var texts: [String]?
            if case .string(let strings) = ids.storage { texts = strings }
            var slots = [Int32](repeating: 0, count: rows.rowCount)
            for r in 0..<rows.rowCount {
                guard !ids.isNull(r) else { throw PipelineError(.schemaViolation, "dataset `\(step.dataset)` has a null identity at row \(r + 1)") }
                let id = texts?[r] ?? ids[r].description
                if let slot = index[id] { slots[r] = slot } else {
                    slots[r] = Int32(order.count)
                    index[id] = slots[r]
                    order.append(id)
                }
            }
            read.append((rows, step.identity, slots))
        }

        // Per attribute and profile, the value of the last row applied that has one.
        let store = try Table([Column(Self.identityColumn, strings: order)] + attributes.map { name in
            let columns = read.map { step in name == step.identity ? nil : step.rows.columnIndex(name).map { step.rows.columns[$0] } }
            var winner = [(step: Int32, row: Int32)](repeating: (-1, -1), count: order.count)
            for (s, step) in read.enumerated() {
                guard let column = columns[s] else { continue }
                for r in 0..<step.rows.rowCount where !column.isNull(r) { winner[Int(step.slots[r])] = (Int32(s), Int32(r)) }
            }
            return try Column(name: name, type: types[name]!,
                              values: winner.map { $0.step < 0 ? .null : columns[Int($0.step)]![Int($0.row)] })
        })
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

    /// The identity and the named attributes of every profile, in store order.
    public func table(attributes: [String]) throws -> Table {
        guard try exists() else { return try read("") }
        let names = ([Self.identityColumn] + attributes.filter { $0 != Self.identityColumn }).map(CatalogStore.quote)
        return try workspace.database.prepare("SELECT \(names.joined(separator: ", ")) FROM \(Self.tableName) ORDER BY rowid").readTable()
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
