/// The catalog shown as tables (what notebooks display and `propel` lists).
extension Catalog {
    public func schemasTable() throws -> Table {
        try db.prepare("""
            SELECT s.name AS schema, s.kind, group_concat(f.name || ': ' || f.type || CASE WHEN f.required THEN ' (required)' ELSE '' END, ', ') AS fields,
                   s.identity_field AS identityField, s.identity_namespace AS identityNamespace, s.identity_primary AS primaryIdentity,
                   s.created_at AS createdAt
            FROM propel_schemas s LEFT JOIN (SELECT * FROM propel_fields ORDER BY schema, position) f ON f.schema = s.name
            GROUP BY s.name ORDER BY s.name
            """).readTable()
    }

    public func datasetsTable() throws -> Table {
        try db.prepare("""
            SELECT d.name AS dataset, d.schema, d.profile_enabled AS profileEnabled,
                   (SELECT count(*) FROM propel_snapshots s WHERE s.dataset = d.name) AS snapshots,
                   (SELECT max(generation) FROM propel_snapshots s WHERE s.dataset = d.name) AS currentSnapshot,
                   d.description, d.created_at AS createdAt
            FROM propel_datasets d ORDER BY d.name
            """).readTable()
    }

    /// Batches, oldest first (ids sort by creation time).
    public func batchesTable(dataset: String? = nil) throws -> Table {
        let s = try db.prepare("""
            SELECT id AS batchId, dataset, status, reason, mode, rows, bytes, created_at AS createdAt, completed_at AS completedAt
            FROM propel_batches WHERE ?1 IS NULL OR dataset = ?1 ORDER BY id
            """)
        try s.bind([dataset.map(Value.string) ?? .null])
        return try s.readTable()
    }

    /// One row per snapshot (the reference's `history_meta`).
    public func snapshotsTable(dataset: String) throws -> Table {
        let s = try db.prepare("""
            SELECT generation AS snapshotGeneration, batch_id AS batchId, parent_generation AS parentGeneration,
                   generation = (SELECT max(generation) FROM propel_snapshots WHERE dataset = ?1) AS isCurrent,
                   replaced, rows AS outputRecordCount, bytes AS outputByteSize, made_current_at AS madeCurrentAt
            FROM propel_snapshots WHERE dataset = ?1 ORDER BY generation
            """)
        try s.bind([.string(try self.dataset(named: dataset).name)])
        return try s.readTable()
    }

    public func snapshots(dataset: String) throws -> [Snapshot] {
        let table = try snapshotsTable(dataset: dataset)
        return (0..<table.rowCount).map { r in
            let row = table.row(r)
            func int(_ v: Value) -> Int? { if case .int(let x) = v { return x }; return nil }
            func time(_ v: Value) -> Timestamp { if case .timestamp(let t) = v { return t }; return Timestamp(microseconds: 0) }
            return Snapshot(dataset: dataset, generation: int(row[0]) ?? 0, batchID: row[1].description, parentGeneration: int(row[2]),
                            madeCurrentAt: time(row[7]), rows: int(row[5]) ?? 0, bytes: int(row[6]) ?? 0, replaced: row[4] == .bool(true))
        }
    }

    public func runsTable(kind: RunKind? = nil) throws -> Table {
        let s = try db.prepare("""
            SELECT id AS runId, kind, dataset, path, format, compression, rows, bytes, files, status, error,
                   started_at AS startedAt, finished_at AS finishedAt,
                   round((julianday(finished_at) - julianday(started_at)) * 86400.0, 3) AS seconds
            FROM propel_runs WHERE ?1 IS NULL OR kind = ?1 ORDER BY finished_at, id
            """)
        try s.bind([kind.map { .string($0.rawValue) } ?? .null])
        return try s.readTable()
    }
}
