import CSQLite

/// A failure reported by SQLite: its result code, its message, and — for errors in SQL text —
/// the byte offset SQLite points at (`sqlite3_error_offset`), so callers can draw a caret.
public struct SQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    /// Byte offset into the SQL text that was being prepared or run; `nil` when SQLite gave none.
    public let offset: Int?

    public init(code: Int32, message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// The error currently recorded on `handle`.
    init(code: Int32, handle: OpaquePointer?) {
        let text = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        let offset = handle.map { Int(sqlite3_error_offset($0)) } ?? -1
        self.init(code: code, message: text, offset: offset >= 0 ? offset : nil)
    }

    public var description: String { message }

    /// True for SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock.
    public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }
}
