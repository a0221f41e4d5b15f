/// A table checked against a schema and turned into per-field columns ready to bind: wrong
/// types, unparsable timestamps, missing required values and unknown columns are found here,
/// before anything is written, and reported with the row (1-based) and field.
struct IngestPlan {
    enum Source {
        case ints([Int]), doubles([Double]), strings([String]), bools([Bool]), timestamps([Int64])
        case absent
    }

    struct BoundField {
        let field: Field
        let source: Source
        let nulls: [Bool]?
    }

    let fields: [BoundField]
    let rowCount: Int
    /// Bytes the rows occupy as stored (numbers 8, booleans 1, text its UTF-8 length).
    let bytes: Int

    init(_ table: Table, schema: Schema) throws {
        let fieldNames = schema.fields.map(\.name)
        for column in table.columns where schema.field(column.name) == nil {
            throw PipelineError(.schemaViolation, "column `\(column.name)` is not a field of schema `\(schema.name)`",
                                hint: Suggestion.closest(to: column.name, in: fieldNames).map { "did you mean `\($0)`?" }
                                    ?? "fields: \(fieldNames.joined(separator: ", "))")
        }
        var bytes = 0
        fields = try schema.fields.map { field in
            guard let column = table.columnIndex(field.name).map({ table.columns[$0] }) else {
                if field.required, table.rowCount > 0 {
                    throw PipelineError(.schemaViolation, "row 1, field `\(field.name)`: required field is missing (the table has no such column)")
                }
                return BoundField(field: field, source: .absent, nulls: nil)
            }
            if field.required, let row = column.nulls?.firstIndex(of: true) {
                throw PipelineError(.schemaViolation, "row \(row + 1), field `\(field.name)`: required field is null")
            }
            let source = try IngestPlan.convert(column, to: field)
            bytes += IngestPlan.size(of: source, nulls: column.nulls)
            return BoundField(field: field, source: source, nulls: column.nulls)
        }
        rowCount = table.rowCount
        self.bytes = bytes
    }

    private static func convert(_ column: Column, to field: Field) throws -> Source {
        func mismatch() -> PipelineError {
            let row = (0..<column.count).first { !column.isNull($0) } ?? 0
            return PipelineError(.typeMismatch, "row \(row + 1), field `\(field.name)`: expected \(field.type), found \(column.type) `\(column[row])`")
        }
        switch (field.type, column.storage) {
        case (.int, .int(let a)): return .ints(a)
        case (.double, .double(let a)): return .doubles(a)
        case (.double, .int(let a)): return .doubles(a.map(Double.init))
        case (.string, .string(let a)): return .strings(a)
        case (.bool, .bool(let a)): return .bools(a)
        case (.timestamp, .timestamp(let a)): return .timestamps(a)
        case (.timestamp, .string(let a)):
            var out = [Int64](repeating: 0, count: a.count)
            for (r, text) in a.enumerated() where !column.isNull(r) {
                var t = text
                guard let m = t.withUTF8({ TimestampText.parse($0) }) else {
                    throw PipelineError(.typeMismatch, "row \(r + 1), field `\(field.name)`: `\(text)` is not a timestamp",
                                        hint: "use ISO 8601, e.g. 2026-11-22T10:24:22Z")
                }
                out[r] = m
            }
            return .timestamps(out)
        case (_, .int), (_, .double), (_, .string), (_, .bool), (_, .timestamp):
            if column.nullCount == column.count { return .absent }   // an all-null column fits any type
            throw mismatch()
        }
    }

    private static func size(of source: Source, nulls: [Bool]?) -> Int {
        switch source {
        case .ints(let a): return a.count * 8
        case .doubles(let a): return a.count * 8
        case .bools(let a): return a.count
        case .timestamps(let a): return a.count * TimestampText.width
        case .strings(let a): return a.reduce(0) { $0 + $1.utf8.count }
        case .absent: return 0
        }
    }

    /// Runs `body` with a binder over this plan's columns. The binder reads the columns in
    /// place through buffer pointers (nested `withUnsafeBufferPointer`, so nothing is copied or
    /// retained per value) and copies each row's text into one reusable buffer bound with
    /// SQLITE_STATIC, so binding a row allocates nothing.
    func withRowBinder<R>(_ body: (inout RowBinder) throws -> R) throws -> R {
        try Self.withCursors(fields[...], []) { cursors in
            var binder = RowBinder(cursors: cursors)
            defer { binder.release() }
            return try body(&binder)
        }
    }

    /// Calls `body` with a cursor per field, each valid only inside `body`.
    private static func withCursors<R>(_ rest: ArraySlice<BoundField>, _ done: [RowBinder.FieldCursor],
                                       _ body: ([RowBinder.FieldCursor]) throws -> R) throws -> R {
        guard let field = rest.first else { return try body(done) }
        func next(_ values: RowBinder.Cursor) throws -> R {
            guard let nulls = field.nulls else { return try withCursors(rest.dropFirst(), done + [(values, nil)], body) }
            return try nulls.withUnsafeBufferPointer { try withCursors(rest.dropFirst(), done + [(values, $0)], body) }
        }
        switch field.source {
        case .ints(let a): return try a.withUnsafeBufferPointer { try next(.ints($0)) }
        case .doubles(let a): return try a.withUnsafeBufferPointer { try next(.doubles($0)) }
        case .strings(let a): return try a.withUnsafeBufferPointer { try next(.strings($0)) }
        case .bools(let a): return try a.withUnsafeBufferPointer { try next(.bools($0)) }
        case .timestamps(let a): return try a.withUnsafeBufferPointer { try next(.timestamps($0)) }
        case .absent: return try withCursors(rest.dropFirst(), done + [(.absent, nil)], body)
        }
    }
}

/// See `IngestPlan.withRowBinder`.
struct RowBinder {
    enum Cursor {
        case ints(UnsafeBufferPointer<Int>), doubles(UnsafeBufferPointer<Double>), strings(UnsafeBufferPointer<String>)
        case bools(UnsafeBufferPointer<Bool>), timestamps(UnsafeBufferPointer<Int64>), absent
    }
    /// A field's values and, when it has any, its null flags.
    typealias FieldCursor = (values: Cursor, nulls: UnsafeBufferPointer<Bool>?)

    private let cursors: [FieldCursor]
    private var buffer: UnsafeMutablePointer<CChar>
    private var capacity = 4096

    fileprivate init(cursors: [FieldCursor]) {
        self.cursors = cursors
        buffer = .allocate(capacity: capacity)
    }

    fileprivate func release() { buffer.deallocate() }

    /// Binds `rows` (consecutive rows of the plan) into a multi-row INSERT: row `rows.lowerBound
    /// + k` goes to parameters k·n+1 … k·n+n. Returns the SQLite result code (OK when all bound).
    /// Column by column: the type is switched on once per column, not once per value.
    mutating func bind(rows: Range<Int>, to statement: SQLiteStatement) -> Int32 {
        // Every parameter is rebound below before the next step, so replacing the buffer here
        // never leaves SQLite holding a stale pointer it will read.
        let needed = textBytes(rows: rows)
        if needed > capacity {
            buffer.deallocate()
            capacity = max(needed, capacity * 2)
            buffer = .allocate(capacity: capacity)
        }
        var used = 0
        var rc: Int32 = 0
        let stride = Int32(cursors.count)
        for (f, (cursor, nulls)) in cursors.enumerated() {
            var i = Int32(f + 1)
            func each(_ bind: (Int) -> Int32) {
                for r in rows {
                    rc |= nulls?[r] == true ? statement.bindNull(at: i) : bind(r)
                    i += stride
                }
            }
            switch cursor {
            case .ints(let p): each { statement.bindInt(Int64(p[$0]), at: i) }
            case .doubles(let p): each { p[$0].isNaN ? statement.bindNull(at: i) : statement.bindDouble(p[$0], at: i) }
            case .bools(let p): each { statement.bindInt(p[$0] ? 1 : 0, at: i) }
            case .absent: each { _ in statement.bindNull(at: i) }
            case .timestamps(let p):
                // Events often share a time with the row before (a person's first events all
                // start the window): the same bytes are bound again instead of formatted again.
                var last: Int64?, lastText = 0
                each { r in
                    if last != p[r] {
                        TimestampText.write(p[r], into: buffer + used)
                        last = p[r]
                        lastText = used
                        used += TimestampText.width
                    }
                    return statement.bindStaticText(buffer + lastText, count: TimestampText.width, at: i)
                }
            case .strings(let p):
                each { r in
                    p[r].utf8.withContiguousStorageIfAvailable { bytes -> Int32 in
                        if let base = bytes.baseAddress { UnsafeMutableRawPointer(buffer + used).copyMemory(from: base, byteCount: bytes.count) }
                        defer { used += bytes.count }
                        return statement.bindStaticText(buffer + used, count: bytes.count, at: i)
                    } ?? statement.bindText(p[r], at: i)
                }
            }
        }
        return rc
    }

    /// Bytes of text (strings and formatted timestamps) `rows` bind at most.
    private func textBytes(rows: Range<Int>) -> Int {
        var total = 0
        for (cursor, _) in cursors {
            switch cursor {
            case .strings(let p): for r in rows { total += p[r].utf8.count }
            case .timestamps: total += rows.count * TimestampText.width
            default: break
            }
        }
        return total
    }
}
