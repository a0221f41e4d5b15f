/// A table checked against a schema and turned into per-field columns ready to bind: wrong
/// types, unparsable timestamps, missing required values and unknown columns are found here,
/// before anything is written, and reported with the row (1-based) and field.
///
/// Text (strings, and timestamps in their `TimestampText` form) is encoded here into one
/// contiguous buffer per field, so binding a value is only handing SQLite a pointer and a length.
/// A plan is a plain value that needs no database: a bulk load (`Simulator.run`) builds the next
/// batch's plan on another thread while the current batch is written.
struct IngestPlan: Sendable {
    enum Source: Sendable {
        case ints([Int]), doubles([Double]), bools([Bool])
        /// Variable-length text: value r is `bytes[starts[r]..<starts[r + 1]]`.
        case text(bytes: [UInt8], starts: [Int])
        /// Timestamps, with their `TimestampText` form: value r is `text[r·width..<(r + 1)·width]`.
        case timestamps(micros: [Int64], text: [UInt8])
        case absent
    }

    struct BoundField: Sendable {
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
            bytes += IngestPlan.size(of: source)
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
        case (.string, .string(let a)): return text(a)
        case (.bool, .bool(let a)): return .bools(a)
        case (.timestamp, .timestamp(let a)): return timestamps(a)
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
            return timestamps(out)
        case (_, .int), (_, .double), (_, .string), (_, .bool), (_, .timestamp):
            if column.nullCount == column.count { return .absent }   // an all-null column fits any type
            throw mismatch()
        }
    }

    /// The strings' UTF-8 back to back. One spare byte at the end keeps the buffer's address
    /// valid when every string is empty (SQLite would take a null pointer for NULL, not '').
    private static func text(_ strings: [String]) -> Source {
        var total = 0
        for s in strings { total += s.utf8.count }
        var starts = [Int](repeating: 0, count: strings.count + 1)
        let bytes = [UInt8](unsafeUninitializedCapacity: total + 1) { buffer, count in
            var at = 0
            for (r, s) in strings.enumerated() {
                at += s.utf8.withContiguousStorageIfAvailable { utf8 in
                    if let source = utf8.baseAddress { (buffer.baseAddress! + at).update(from: source, count: utf8.count) }
                    return utf8.count
                } ?? s.utf8.reduce(into: 0) { n, byte in buffer[at + n] = byte; n += 1 }
                starts[r + 1] = at
            }
            buffer[at] = 0
            count = at + 1
        }
        return .text(bytes: bytes, starts: starts)
    }

    /// The timestamps formatted. A person's events often share a time with the event before (the
    /// first events all start the window): those bytes are copied rather than formatted again.
    private static func timestamps(_ micros: [Int64]) -> Source {
        let width = TimestampText.width
        let bytes = [UInt8](unsafeUninitializedCapacity: micros.count * width + 1) { buffer, count in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            for (r, t) in micros.enumerated() {
                let out = base + r * width
                if r > 0, micros[r - 1] == t { out.update(from: out - width, count: width) } else { TimestampText.write(t, into: out) }
            }
            buffer[micros.count * width] = 0
            count = micros.count * width + 1
        }
        return .timestamps(micros: micros, text: bytes)
    }

    private static func size(of source: Source) -> Int {
        switch source {
        case .ints(let a): return a.count * 8
        case .doubles(let a): return a.count * 8
        case .bools(let a): return a.count
        case .text(let bytes, _), .timestamps(_, let bytes): return bytes.count - 1
        case .absent: return 0
        }
    }

    /// Runs `body` with a binder over this plan's columns. The binder reads the columns in
    /// place through buffer pointers (nested `withUnsafeBufferPointer`, so nothing is copied or
    /// retained per value), and text is bound with SQLITE_STATIC straight from the plan's buffers.
    func withRowBinder<R>(_ body: (RowBinder) throws -> R) throws -> R {
        try Self.withCursors(fields[...], []) { try body(RowBinder(cursors: $0)) }
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
        case .bools(let a): return try a.withUnsafeBufferPointer { try next(.bools($0)) }
        case .text(let bytes, let starts):
            return try bytes.withUnsafeBufferPointer { b in try starts.withUnsafeBufferPointer { try next(.text(b, $0)) } }
        case .timestamps(_, let text): return try text.withUnsafeBufferPointer { try next(.timestamps($0)) }
        case .absent: return try withCursors(rest.dropFirst(), done + [(.absent, nil)], body)
        }
    }
}

/// See `IngestPlan.withRowBinder`.
struct RowBinder {
    enum Cursor {
        case ints(UnsafeBufferPointer<Int>), doubles(UnsafeBufferPointer<Double>), bools(UnsafeBufferPointer<Bool>)
        case text(UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>), timestamps(UnsafeBufferPointer<UInt8>)
        case absent
    }
    /// A field's values and, when it has any, its null flags.
    typealias FieldCursor = (values: Cursor, nulls: UnsafeBufferPointer<Bool>?)

    private let cursors: [FieldCursor]

    fileprivate init(cursors: [FieldCursor]) { self.cursors = cursors }

    /// Binds `rows` (consecutive rows of the plan) into a multi-row INSERT: row `rows.lowerBound
    /// + k` goes to parameters k·n+1 … k·n+n. Returns the SQLite result code (OK when all bound).
    /// Column by column: the type is switched on once per column, not once per value.
    func bind(rows: Range<Int>, to statement: SQLiteStatement) -> Int32 {
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
            case .text(let bytes, let starts):
                let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
                each { statement.bindStaticText(base + starts[$0], count: starts[$0 + 1] - starts[$0], at: i) }
            case .timestamps(let text):
                let base = UnsafeRawPointer(text.baseAddress!).assumingMemoryBound(to: CChar.self), width = TimestampText.width
                each { statement.bindStaticText(base + $0 * width, count: width, at: i) }
            }
        }
        return rc
    }
}
