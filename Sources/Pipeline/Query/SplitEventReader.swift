/// Reads a dataset's events as two halves at once — rows up to the middle rowid on the
/// query connection, the rest on a second, read-only connection on another core — for the
/// one-pass computations (`QueryService+OnePass`), whose cost at 100,000 people is mostly
/// stepping SQLite through a million rows.
///
/// The halves are one consistent read only if no other connection committed in between; the
/// query connection's `PRAGMA data_version` changes exactly when one did, so it is compared
/// before and after and a changed database is read again on one connection. A connection inside
/// an explicit transaction (which may see its own uncommitted rows) is never split.
final class SplitEventReader {
    /// Below this many rows one connection is as quick as two.
    static let minimumRows = 50_000

    private let db: SQLiteDatabase
    private var helper: SQLiteDatabase?

    init(database: SQLiteDatabase) { db = database }

    /// The events (`userId`, `eventType`, `timestamp`[, `_id`]) of the rows table `table` in
    /// rowid order, or nil when the table is small, the connection is in a transaction, or the
    /// database changed during the read.
    func read(table: String, withIDs: Bool) throws -> QueriedEvents? {
        guard !db.isInTransaction else { return nil }
        let span = try db.prepare("SELECT min(rowid), max(rowid) FROM \(table)")
        guard try span.step(), !span.isNull(0) else { return nil }
        let low = span.int(0), high = span.int(1)
        guard high - low >= Self.minimumRows else { return nil }
        let middle = low + (high - low) / 2
        let version = try db.scalarInt("PRAGMA data_version")
        if helper == nil { helper = try SQLiteDatabase(path: db.path, readOnly: true) }
        let connections = [db, helper!]
        let columns = "userId, eventType, timestamp" + (withIDs ? ", _id" : "")
        let halves = ["<=", ">"].map { "SELECT \(columns) FROM \(table) WHERE rowid \($0) \(middle) ORDER BY rowid" }
        // Each half's rows: at most its span of rowids and the table's count (which SQLite takes
        // from the pages' headers); exactly the span when no row was deleted.
        let total = try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0
        let rows = [min(middle - low + 1, total), min(high - middle, total)]
        let parts = Parallel.map(2) { k in Result { try EventPart(try connections[k].prepare(halves[k]), expectedRows: rows[k]) } }
        guard try db.scalarInt("PRAGMA data_version") == version else { return nil }
        return QueriedEvents(parts: try parts.map { try $0.get() })
    }
}
