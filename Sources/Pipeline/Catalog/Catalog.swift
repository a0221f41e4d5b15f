import Foundation

/// The workspace's registry of schemas, datasets, batches, snapshots and export/import runs.
///
/// Every call is idempotent where the reference was not: `ensureSchema` and `ensureDataset`
/// get-or-create by name (and refuse a conflicting redefinition instead of duplicating), and
/// ingestion says explicitly whether it appends or replaces.
public final class Catalog {
    let db: SQLiteDatabase
    /// Told about every committed ingestion on this connection (the workspace's query service
    /// keeps the events it just wrote; see `IngestedEvents`).
    var ingestObserver: ((CommittedIngest) -> Void)?

    init(database: SQLiteDatabase) throws {
        db = database
        try CatalogStore.migrate(db)
    }

    // MARK: Schemas

    /// Creates the schema, or returns the existing one of that name if it is identical. A
    /// different definition under an existing name is a `ConflictError` (nothing changes).
    @discardableResult
    public func ensureSchema(_ schema: Schema) throws -> Schema {
        try validate(schema)
        return try db.transaction {
            if let existing = try lookupSchema(schema.name) {
                guard existing.fields == schema.fields, existing.identity == schema.identity, existing.kind == schema.kind else {
                    throw PipelineError(.conflict, "schema `\(schema.name)` already exists with a different definition",
                                        hint: "existing fields: \(existing.fields.map { "\($0.name): \($0.type)" }.joined(separator: ", "))")
                }
                return existing
            }
            try insert(schema)
            return schema
        }
    }

    public func schema(named name: String) throws -> Schema {
        if let s = try lookupSchema(name) { return s }
        let names = try schemas().map(\.name)
        throw PipelineError(.unknownDataset, "no schema named `\(name)`",
                            hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" })
    }

    public func schemas() throws -> [Schema] {
        let s = try db.prepare("SELECT name FROM propel_schemas ORDER BY name")
        var names: [String] = []
        while try s.step() { names.append(s.text(0)) }
        return try names.compactMap(lookupSchema)
    }

    private func validate(_ schema: Schema) throws {
        try CatalogStore.validateName(schema.name, what: "schema")
        guard !schema.fields.isEmpty else { throw PipelineError(.schemaViolation, "schema `\(schema.name)` has no fields") }
        var seen = Set<String>()
        for f in schema.fields {
            try CatalogStore.validateName(f.name, what: "field")
            guard f.name != CatalogStore.generationColumn else {
                throw PipelineError(.schemaViolation, "field name `\(f.name)` is reserved for the batch system column")
            }
            guard seen.insert(f.name.lowercased()).inserted else {
                throw PipelineError(.schemaViolation, "schema `\(schema.name)` has the field `\(f.name)` twice")
            }
        }
        if let id = schema.identity {
            guard let f = schema.field(id.field) else {
                throw PipelineError(.schemaViolation, "identity field `\(id.field)` is not a field of schema `\(schema.name)`",
                                    hint: Suggestion.closest(to: id.field, in: schema.fields.map(\.name)).map { "did you mean `\($0)`?" })
            }
            guard f.type == .string || f.type == .int else {
                throw PipelineError(.schemaViolation, "identity field `\(id.field)` must be a String or Int, not \(f.type)")
            }
        }
    }

    private func insert(_ schema: Schema) throws {
        let s = try db.prepare("INSERT INTO propel_schemas VALUES (?, ?, ?, ?, ?, ?)")
        try s.bind([.string(schema.name), .string(schema.kind.rawValue),
                    schema.identity.map { .string($0.field) } ?? .null,
                    schema.identity.map { .string($0.namespace) } ?? .null,
                    schema.identity.map { .bool($0.primary) } ?? .null, .timestamp(nowTimestamp())])
        try s.step()
        let f = try db.prepare("INSERT INTO propel_fields VALUES (?, ?, ?, ?, ?)")
        for (i, field) in schema.fields.enumerated() {
            f.reset()
            try f.bind([.string(schema.name), .int(i), .string(field.name), .string(field.type.rawValue), .bool(field.required)])
            try f.step()
        }
    }

    private func lookupSchema(_ name: String) throws -> Schema? {
        let s = try db.prepare("SELECT name, kind, identity_field, identity_namespace, identity_primary FROM propel_schemas WHERE name = ?")
        try s.bind([.string(name)])
        guard try s.step() else { return nil }
        let canonical = s.text(0)
        let identity = s.isNull(2) ? nil : Identity(field: s.text(2), namespace: s.text(3), primary: s.int(4) != 0)
        let kind = SchemaKind(rawValue: s.text(1)) ?? .record
        let f = try db.prepare("SELECT name, type, required FROM propel_fields WHERE schema = ? ORDER BY position")
        try f.bind([.string(canonical)])
        var fields: [Field] = []
        while try f.step() { fields.append(Field(f.text(0), DataType(rawValue: f.text(1)) ?? .string, required: f.int(2) != 0)) }
        return Schema(name: canonical, kind: kind, fields: fields, identity: identity)
    }

    // MARK: Datasets

    /// Creates the dataset on `schema` (which must exist), or returns the existing one. The
    /// profile flag and description are set to the given values either way (declarative), but a
    /// different schema under an existing name is a `ConflictError`.
    @discardableResult
    public func ensureDataset(_ name: String, schema schemaName: String, profileEnabled: Bool = false,
                              description: String = "") throws -> Dataset {
        try CatalogStore.validateName(name, what: "dataset")
        let schema = try self.schema(named: schemaName)
        return try db.transaction {
            if var existing = try lookupDataset(name) {
                guard existing.schema.lowercased() == schema.name.lowercased() else {
                    throw PipelineError(.conflict, "dataset `\(name)` already exists on schema `\(existing.schema)`, not `\(schema.name)`",
                                        hint: "drop it first or choose another name")
                }
                let s = try db.prepare("UPDATE propel_datasets SET profile_enabled = ?, description = ? WHERE name = ?")
                try s.bind([.bool(profileEnabled), .string(description), .string(name)])
                try s.step()
                existing.profileEnabled = profileEnabled
                existing.description = description
                return existing
            }
            try requireFreeSQLName(name)
            let columns = schema.fields.map { "\(CatalogStore.quote($0.name)) \(CatalogStore.sqlType($0.type))" }
            try db.execute("CREATE TABLE \(CatalogStore.rowsTable(name)) (\(columns.joined(separator: ", ")), \(CatalogStore.generationColumn) INTEGER NOT NULL)")
            let names = schema.fields.map { CatalogStore.quote($0.name) }.joined(separator: ", ")
            try db.execute("CREATE VIEW \(CatalogStore.quote(name)) AS SELECT \(names) FROM \(CatalogStore.rowsTable(name))")
            let dataset = Dataset(name: name, schema: schema.name, profileEnabled: profileEnabled, description: description, createdAt: nowTimestamp())
            let s = try db.prepare("INSERT INTO propel_datasets VALUES (?, ?, ?, ?, ?)")
            try s.bind([.string(name), .string(schema.name), .bool(profileEnabled), .string(description), .timestamp(dataset.createdAt)])
            try s.step()
            return dataset
        }
    }

    /// Creates a schema named after the dataset from `table`'s columns, then the dataset — what
    /// `CREATE TABLE … AS SELECT` and imports without a declared schema use.
    @discardableResult
    public func ensureDataset(_ name: String, inferringSchemaFrom table: Table, description: String = "") throws -> Dataset {
        if let existing = try lookupDataset(name) { return existing }
        try ensureSchema(Schema.inferred(name: name, from: table))
        return try ensureDataset(name, schema: name, description: description)
    }

    public func setProfileEnabled(_ name: String, _ enabled: Bool) throws {
        let dataset = try self.dataset(named: name)
        let s = try db.prepare("UPDATE propel_datasets SET profile_enabled = ? WHERE name = ?")
        try s.bind([.bool(enabled), .string(dataset.name)])
        try s.step()
    }

    public func dataset(named name: String) throws -> Dataset {
        if let d = try lookupDataset(name) { return d }
        throw PipelineError(.unknownDataset, "no dataset named `\(name)`",
                            hint: Suggestion.closest(to: name, in: try datasets().map(\.name)).map { "did you mean `\($0)`?" }
                                ?? "create it with ensureDataset (catalog.dataset in notebooks)")
    }

    public func datasetExists(_ name: String) throws -> Bool { try lookupDataset(name) != nil }

    public func datasets() throws -> [Dataset] {
        let s = try db.prepare("SELECT name, schema, profile_enabled, description, created_at FROM propel_datasets ORDER BY name")
        var out: [Dataset] = []
        while try s.step() { out.append(readDataset(s)) }
        return out
    }

    /// Deletes the dataset's rows, batches and snapshots (its schema stays). Returns false when
    /// there was no such dataset.
    @discardableResult
    public func dropDataset(_ name: String) throws -> Bool {
        try db.transaction {
            guard let d = try lookupDataset(name) else { return false }
            try db.execute("DROP VIEW IF EXISTS \(CatalogStore.quote(d.name)); DROP TABLE IF EXISTS \(CatalogStore.rowsTable(d.name))")
            for table in ["propel_datasets": "name", "propel_batches": "dataset", "propel_snapshots": "dataset"] {
                let s = try db.prepare("DELETE FROM \(table.key) WHERE \(table.value) = ?")
                try s.bind([.string(d.name)])
                try s.step()
            }
            return true
        }
    }

    private func lookupDataset(_ name: String) throws -> Dataset? {
        let s = try db.prepare("SELECT name, schema, profile_enabled, description, created_at FROM propel_datasets WHERE name = ?")
        try s.bind([.string(name)])
        return try s.step() ? readDataset(s) : nil
    }

    private func readDataset(_ s: SQLiteStatement) -> Dataset {
        Dataset(name: s.text(0), schema: s.text(1), profileEnabled: s.int(2) != 0, description: s.text(3),
                createdAt: Self.timestamp(s, 4) ?? Timestamp(microseconds: 0))
    }

    /// A dataset's view must not shadow a table or view someone created by hand in SQL.
    private func requireFreeSQLName(_ name: String) throws {
        if try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = ? COLLATE NOCASE", [.string(name)]) ?? 0 > 0 {
            throw PipelineError(.conflict, "a SQL table or view named `\(name)` already exists in the workspace")
        }
    }

    static func timestamp(_ s: SQLiteStatement, _ i: Int) -> Timestamp? {
        guard !s.isNull(i) else { return nil }
        var text = s.text(i)
        return text.withUTF8 { TimestampText.parse($0) }.map(Timestamp.init(microseconds:))
    }
}

/// The current time (catalog records are stamped in UTC).
func nowTimestamp() -> Timestamp { Timestamp(Date()) }
