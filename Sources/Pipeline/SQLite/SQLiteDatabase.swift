import CSQLite
import Foundation

/// One connection to an SQLite database file: the thin, typed layer every catalog, ingestion and
/// query call goes through. Statements are prepared and stepped by `SQLiteStatement`.
///
/// A connection is used by one thread at a time (SQLite serialises internally as well).
public final class SQLiteDatabase {
    let handle: OpaquePointer
    public let path: String
    /// Milliseconds a statement waits for another connection's lock before it fails.
    let busyTimeout: Int32

    /// Opens (creating if needed) the database at `path`. `busyTimeout` lets a second process that
    /// finds the file locked wait instead of failing at once.
    public init(path: String, readOnly: Bool = false, busyTimeout: Int32 = 10_000) throws {
        _ = Self.configureLibrary
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(code: rc, handle: db)
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
        self.path = path
        self.busyTimeout = busyTimeout
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeout)
        // SQLite's own default, which some distributions' builds (Debian's) turn on: overwriting
        // every freed page made replacing a dataset of a million events (the step-1 notebook
        // run again) write the whole table to the log once more — a second instead of 0.1 s.
        // Deleted rows stay unreadable through SQL; only the file's free pages may keep them.
        sqlite3_exec(db, "PRAGMA secure_delete = OFF", nil, nil, nil)
        // Reads go through a memory map of the file (as large as this SQLite build allows)
        // instead of a read() and a copy into the page cache per page. Every process opens the
        // workspace cold, so that copy was most of a first read: `count(*)` over the million
        // events took 125–210 ms, and 7 ms mapped. Writes still go through write(), and the
        // WAL is read as before, so atomicity and other processes' views are unchanged.
        sqlite3_exec(db, "PRAGMA mmap_size = \(Self.mapSize)", nil, nil, nil)
    }

    /// The most of a database file one connection maps (SQLite lowers it to its build's limit).
    static let mapSize: Int64 = 1 << 40

    deinit { sqlite3_close_v2(handle) }

    /// Process-wide settings that must precede the first connection: no memory statistics
    /// (nothing here reads them, and keeping them serialises every SQLite allocation). If
    /// something else in the process opened SQLite first, the call is refused and harmless.
    private static let configureLibrary: Void = { _ = propel_sqlite3_disable_memstatus() }()

    /// Runs one or more statements that return no rows we need (DDL, pragmas).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text)
        }
    }

    /// Compiles the first statement of `sql`; `tail` receives the byte offset where the next
    /// statement starts.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        if let idleHook, !isInTransaction { idleHook() }
        return try SQLiteStatement(database: self, sql: sql)
    }

    /// Called on the connection's thread before a statement is prepared outside a transaction,
    /// when the connection is free for housekeeping (`BackgroundCheckpointer` empties the log).
    var idleHook: (() -> Void)?

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws. IMMEDIATE takes
    /// the write lock up front, so two processes never deadlock upgrading a read lock.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// A value that differs whenever the database may have changed since it was taken: commits
    /// by other connections (`data_version`), rows changed by this one (`total_changes`), and
    /// schema changes by anyone (`schema_version`), including this connection's temporary
    /// tables and views, which hide the main database's of the same name. What caches of query
    /// results are keyed on.
    public func changeStamp() throws -> [Int] {
        [try scalarInt("PRAGMA data_version") ?? 0, Int(sqlite3_total_changes64(handle)), try scalarInt("PRAGMA schema_version") ?? 0,
         try scalarInt("PRAGMA temp.schema_version") ?? 0]
    }

    /// The current error on this connection (after a failed step or prepare).
    func currentError(_ code: Int32) -> SQLiteError { SQLiteError(code: code, handle: handle) }

    /// One integer from a one-row query (`PRAGMA user_version`, `SELECT count(*) …`).
    public func scalarInt(_ sql: String, _ arguments: [Value] = []) throws -> Int? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int(0)
    }
}
