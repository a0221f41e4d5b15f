/// What one successful `Catalog.ingest` wrote, told to `Catalog.ingestObserver` right after the
/// commit, so data derived from a dataset's rows (the query service's events) can follow it
/// without reading the rows back.
///
/// The stamps are `SQLiteDatabase.changeStamp()` taken inside the write transaction, which no
/// other connection can commit during: `before` just after it began, `after` just before it
/// committed. A connection's own commit moves no part of its stamp, so `after` is also the stamp
/// right after the commit, until anything else changes the database. Between the two, only this
/// dataset's rows and the catalog's own tables were written.
struct CommittedIngest {
    let dataset: Dataset
    let schema: Schema
    let plan: IngestPlan
    let mode: IngestMode
    let before: [Int]
    let after: [Int]
    /// True when the rows table was empty before the new rows (always so for `.replace`).
    let startedEmpty: Bool
    /// True when the new rows took consecutive rowids after every existing row, so reading the
    /// table in rowid order gives the old rows, then the plan's rows in the plan's order.
    let appendedInOrder: Bool
}
