import CSQLite

extension Catalog {
    /// Writes `table` into the dataset as one batch, in one transaction: the batch record, its
    /// rows and its snapshot appear together or not at all (a crash or SIGKILL mid-way leaves
    /// no trace, because SQLite's WAL discards the uncommitted transaction).
    ///
    /// Rows are validated against the dataset's schema first; a rejected batch is recorded with
    /// status `failed` and the reason, and the error (naming row and field) is thrown.
    @discardableResult
    public func ingest(_ table: Table, into datasetName: String, mode: IngestMode = .append) throws -> Batch {
        let dataset = try self.dataset(named: datasetName)
        let schema = try self.schema(named: dataset.schema)
        return try ingest(try IngestPlan(table, schema: schema), into: dataset, schema: schema, mode: mode)
    }

    /// `ingest` of rows checked and encoded beforehand, possibly on another thread (`plan` is
    /// evaluated here, so a rejected one is recorded as a failed batch like a rejected table).
    func ingest(_ plan: @autoclosure () throws -> IngestPlan, into dataset: Dataset, schema: Schema, mode: IngestMode) throws -> Batch {
        var batch = Batch(id: SortableID.next(), dataset: dataset.name, status: .staging, reason: nil, mode: mode,
                          rows: 0, bytes: 0, createdAt: nowTimestamp(), completedAt: nil)
        do {
            let plan = try plan()
            let committed = try db.transaction {
                let before = try db.changeStamp()
                try write(batch)
                let generation = (try db.scalarInt("SELECT max(generation) FROM propel_snapshots WHERE dataset = ?", [.string(dataset.name)]) ?? 0)
                if mode == .replace { try db.execute("DELETE FROM \(CatalogStore.rowsTable(dataset.name))") }
                let lastRowID = try db.scalarInt("SELECT max(rowid) FROM \(CatalogStore.rowsTable(dataset.name))")
                try insertRows(plan, into: dataset.name, generation: generation + 1)
                let inOrder = plan.rowCount == 0 || db.lastInsertRowID == Int64(lastRowID ?? 0) + Int64(plan.rowCount)
                batch.status = .success
                batch.rows = plan.rowCount
                batch.bytes = plan.bytes
                batch.completedAt = nowTimestamp()
                try write(batch)
                let s = try db.prepare("INSERT INTO propel_snapshots VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                try s.bind([.string(dataset.name), .int(generation + 1), .string(batch.id), generation > 0 ? .int(generation) : .null,
                            .timestamp(batch.completedAt!), .int(plan.rowCount), .int(plan.bytes), .bool(mode == .replace)])
                try s.step()
                return CommittedIngest(dataset: dataset, schema: schema, plan: plan, mode: mode, before: before,
                                       after: try db.changeStamp(), startedEmpty: lastRowID == nil, appendedInOrder: inOrder)
            }
            ingestObserver?(committed)
            return batch
        } catch {
            batch.status = .failed
            batch.reason = (error as? PipelineError)?.description ?? "\(error)"
            batch.completedAt = nowTimestamp()
            try? db.transaction { try write(batch) }
            throw error
        }
    }

    private func insertRows(_ plan: IngestPlan, into dataset: String, generation: Int) throws {
        try db.insert(plan, into: CatalogStore.rowsTable(dataset), constants: [(CatalogStore.generationColumn, "\(generation)")])
    }

    private func write(_ batch: Batch) throws {
        let s = try db.prepare("INSERT OR REPLACE INTO propel_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try s.bind([.string(batch.id), .string(batch.dataset), .string(batch.status.rawValue), batch.reason.map(Value.string) ?? .null,
                    .string(batch.mode.rawValue), .int(batch.rows), .int(batch.bytes), .timestamp(batch.createdAt),
                    batch.completedAt.map(Value.timestamp) ?? .null])
        try s.step()
    }

    /// The dataset's rows (typed by its schema), optionally only those written by snapshot
    /// generations `snapshots.lowerBound…snapshots.upperBound` (inclusive), and only the fields
    /// named in `columns` (in that order; nil: every field), so a reader that needs a few
    /// columns does not pay for building the others.
    public func read(_ datasetName: String, columns: [String]? = nil, snapshots: ClosedRange<Int>? = nil) throws -> Table {
        try readWithGenerations(datasetName, columns: columns, snapshots: snapshots, generations: false).rows
    }

    /// `read`, plus (when `generations`) the snapshot generation that wrote each row: what lets
    /// the profile merge read a dataset once instead of once per snapshot.
    func readWithGenerations(_ datasetName: String, columns: [String]? = nil, snapshots: ClosedRange<Int>?,
                             generations: Bool) throws -> (rows: Table, generations: [Int]?) {
        let dataset = try self.dataset(named: datasetName)
        let schema = try self.schema(named: dataset.schema)
        let fields = try columns.map { try $0.map { name in
            guard let field = schema.field(name) else {
                throw PipelineError(.unknownColumn, "dataset `\(dataset.name)` has no field `\(name)`",
                                    hint: Suggestion.closest(to: name, in: schema.fields.map(\.name)).map { "did you mean `\($0)`?" })
            }
            return field
        } } ?? schema.fields
        let names = (fields.map { CatalogStore.quote($0.name) } + (generations ? [CatalogStore.generationColumn] : [])).joined(separator: ", ")
        var sql = "SELECT \(names) FROM \(CatalogStore.rowsTable(dataset.name))"
        if let range = snapshots { sql += " WHERE \(CatalogStore.generationColumn) BETWEEN \(range.lowerBound) AND \(range.upperBound)" }
        let table = try db.prepare(sql).readTable()
        // Columns typed by the schema even when every value is null.
        let rows = try Table(zip(fields, table.columns).map { field, column in
            column.type == field.type || column.nullCount < column.count ? column
                : try Column(name: field.name, type: field.type, values: Array(repeating: .null, count: column.count))
        })
        guard generations, case .int(let written)? = table.columns.last?.storage else { return (rows, nil) }
        return (rows, written)
    }

    public func rowCount(_ datasetName: String) throws -> Int {
        let dataset = try self.dataset(named: datasetName)
        return try db.scalarInt("SELECT count(*) FROM \(CatalogStore.rowsTable(dataset.name))") ?? 0
    }
}
