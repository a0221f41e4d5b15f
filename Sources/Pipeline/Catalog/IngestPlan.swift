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

    /// Binds row `r` into `statement` parameters 1…fields.count.
    @inline(__always)
    func bind(row r: Int, to statement: SQLiteStatement) -> Int32 {
        var rc: Int32 = 0
        for (k, f) in fields.enumerated() {
            let i = Int32(k + 1)
            if let n = f.nulls, n[r] { rc |= statement.bindNull(at: i); continue }
            switch f.source {
            case .ints(let a): rc |= statement.bindInt(Int64(a[r]), at: i)
            case .doubles(let a): rc |= a[r].isNaN ? statement.bindNull(at: i) : statement.bindDouble(a[r], at: i)
            case .strings(let a): rc |= statement.bindText(a[r], at: i)
            case .bools(let a): rc |= statement.bindInt(a[r] ? 1 : 0, at: i)
            case .timestamps(let a): rc |= statement.bindTimestamp(a[r], at: i)
            case .absent: rc |= statement.bindNull(at: i)
            }
        }
        return rc
    }
}
