import CSQLite

/// The destructor constant telling SQLite to copy bound text before `bind` returns.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement: bind, step, read columns, reset and reuse. Finalised on deinit.
public final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let database: SQLiteDatabase
    /// Byte offset in the source text just after this statement (where the next one starts).
    public let tailOffset: Int

    init(database: SQLiteDatabase, sql: String) throws {
        self.database = database
        var statement: OpaquePointer?
        var consumed = 0
        let rc = sql.utf8CString.withUnsafeBufferPointer { buffer -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v2(database.handle, buffer.baseAddress, Int32(buffer.count), &statement, &tail)
            if let tail, let base = buffer.baseAddress { consumed = tail - base }
            return rc
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw database.currentError(rc)
        }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement to run (the text is empty or only comments)")
        }
        handle = statement
        tailOffset = consumed
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The name of the 1-based parameter `index` including its prefix (`$from`, `:x`), or nil for `?`.
    public func parameterName(_ index: Int) -> String? {
        sqlite3_bind_parameter_name(handle, Int32(index)).map { String(cString: $0) }
    }

    /// Binds positional values to parameters 1…n.
    public func bind(_ values: [Value]) throws {
        for (i, v) in values.enumerated() { try bind(v, at: i + 1) }
    }

    /// Binds one value to the 1-based parameter `index`. Timestamps are stored as fixed-width
    /// ISO 8601 text (see `TimestampText`) so they sort and compare correctly as text.
    public func bind(_ value: Value, at index: Int) throws {
        let i = Int32(index)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, i)
        case .int(let x): rc = sqlite3_bind_int64(handle, i, Int64(x))
        case .double(let x): rc = sqlite3_bind_double(handle, i, x)
        case .bool(let b): rc = sqlite3_bind_int64(handle, i, b ? 1 : 0)
        case .string(let s): rc = bindText(s, at: i)
        case .timestamp(let t): rc = bindTimestamp(t.microseconds, at: i)
        }
        guard rc == SQLITE_OK else { throw database.currentError(rc) }
    }

    @inline(__always) func bindInt(_ x: Int64, at i: Int32) -> Int32 { sqlite3_bind_int64(handle, i, x) }
    @inline(__always) func bindDouble(_ x: Double, at i: Int32) -> Int32 { sqlite3_bind_double(handle, i, x) }
    @inline(__always) func bindNull(at i: Int32) -> Int32 { sqlite3_bind_null(handle, i) }

    @inline(__always) func bindText(_ s: String, at i: Int32) -> Int32 {
        var s = s
        return s.withUTF8 { sqlite3_bind_text(handle, i, cText($0), Int32($0.count), transientDestructor) }
    }

    /// Binds text SQLite does not copy: `bytes` must stay valid until the next step finishes.
    @inline(__always) func bindStaticText(_ bytes: UnsafePointer<CChar>, count: Int, at i: Int32) -> Int32 {
        sqlite3_bind_text(handle, i, bytes, Int32(count), nil)
    }

    @inline(__always) func bindTimestamp(_ micros: Int64, at i: Int32) -> Int32 {
        TimestampText.withFormatted(micros) { sqlite3_bind_text(handle, i, $0, Int32(TimestampText.width), transientDestructor) }
    }

    // MARK: Stepping

    /// Advances to the next row; false when the statement has finished.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.currentError(rc)
        }
    }

    /// Makes the statement runnable again, keeping its bindings unless `clearBindings`.
    public func reset(clearBindings: Bool = false) {
        sqlite3_reset(handle)
        if clearBindings { sqlite3_clear_bindings(handle) }
    }

    /// True when the statement only reads (SELECT, most PRAGMAs).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    // MARK: Reading

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }
    public func columnName(_ i: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(i))) }
    /// The declared type of a result column that comes straight from a table column, else nil.
    public func declaredType(_ i: Int) -> String? { sqlite3_column_decltype(handle, Int32(i)).map { String(cString: $0) } }

    public func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }
    public func int(_ i: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(i))) }
    public func double(_ i: Int) -> Double { sqlite3_column_double(handle, Int32(i)) }
    public func text(_ i: Int) -> String {
        guard let p = sqlite3_column_text(handle, Int32(i)) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, Int32(i)))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// Column `i` of the current row as a `Value` (text stays text; callers that know a column
    /// is a timestamp convert it).
    public func value(_ i: Int) -> Value {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_INTEGER: return .int(int(i))
        case SQLITE_FLOAT: return .double(double(i))
        case SQLITE_NULL: return .null
        default: return .string(text(i))
        }
    }
}

private let emptyText: UnsafePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    p.pointee = 0
    return UnsafePointer(p)
}()

/// UTF-8 bytes as the `const char *` SQLite's text APIs take (an empty buffer may have no address).
@inline(__always) func cText(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
    bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? emptyText
}
