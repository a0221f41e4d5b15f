import CSQLite

extension SQLiteDatabase {
    /// Rows go in through multi-row `INSERT … VALUES (…), (…), …` statements of `rowsPerStatement`
    /// rows: one statement step per chunk instead of per row roughly halves SQLite's per-row cost.
    static let rowsPerStatement = 64

    /// Inserts every row of `plan` into `table` (its fields as columns, plus `constants`: SQL
    /// literals the same in every row). Call it inside a transaction; an error names the rows.
    ///
    /// `OR FAIL`: a failing row stops the statement without undoing the rows before it — the
    /// caller's transaction rolls back as a whole anyway — so SQLite keeps no statement journal.
    /// With the default (`ABORT`) every statement copied each existing page it touched into one,
    /// about a tenth of an ingestion's time.
    func insert(_ plan: IngestPlan, into table: String, constants: [(column: String, literal: String)] = []) throws {
        let names = plan.fields.map { CatalogStore.quote($0.field.name) } + constants.map(\.column)
        let tuple = "(" + (Array(repeating: "?", count: plan.fields.count) + constants.map(\.literal)).joined(separator: ", ") + ")"
        func statement(rows: Int) throws -> SQLiteStatement {
            try prepare("INSERT OR FAIL INTO \(table) (\(names.joined(separator: ", "))) VALUES "
                        + Array(repeating: tuple, count: rows).joined(separator: ", "))
        }
        let chunk = max(1, min(Self.rowsPerStatement, 32_000 / max(1, plan.fields.count)))
        let full = try statement(rows: chunk)
        try plan.withRowBinder { binder in
            var start = 0
            while start < plan.rowCount {
                let end = min(plan.rowCount, start + chunk)
                let insert = end - start == chunk ? full : try statement(rows: end - start)
                guard binder.bind(rows: start..<end, to: insert) == SQLITE_OK else {
                    throw PipelineError(.sql, "rows \(start + 1)…\(end): \(currentError(SQLITE_ERROR).message)")
                }
                do { try insert.step() } catch {
                    throw PipelineError(.sql, "rows \(start + 1)…\(end): \(error)")
                }
                insert.reset()
                start = end
            }
        }
    }
}
