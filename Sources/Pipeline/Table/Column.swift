/// A named, typed column: one contiguous Swift array per type plus an optional null mask, so
/// numeric work (statistics, model features, export) runs over plain arrays.
public struct Column: Sendable {
    public enum Storage: Sendable {
        case int([Int])
        case double([Double])
        case string([String])
        case bool([Bool])
        /// Microseconds since the Unix epoch, UTC.
        case timestamp([Int64])
    }

    public var name: String
    public private(set) var storage: Storage
    /// `nulls[i]` is true where row `i` is null; `nil` when the column has no nulls.
    public private(set) var nulls: [Bool]?

    public init(name: String, storage: Storage, nulls: [Bool]? = nil) {
        self.name = name
        self.storage = storage
        self.nulls = nulls.flatMap { $0.contains(true) ? $0 : nil }
        if let n = self.nulls { precondition(n.count == count, "null mask length differs from column length") }
    }

    public init(_ name: String, ints: [Int], nulls: [Bool]? = nil) { self.init(name: name, storage: .int(ints), nulls: nulls) }
    public init(_ name: String, doubles: [Double], nulls: [Bool]? = nil) { self.init(name: name, storage: .double(doubles), nulls: nulls) }
    public init(_ name: String, strings: [String], nulls: [Bool]? = nil) { self.init(name: name, storage: .string(strings), nulls: nulls) }
    public init(_ name: String, bools: [Bool], nulls: [Bool]? = nil) { self.init(name: name, storage: .bool(bools), nulls: nulls) }
    public init(_ name: String, timestamps: [Int64], nulls: [Bool]? = nil) { self.init(name: name, storage: .timestamp(timestamps), nulls: nulls) }

    /// Builds a column of `type` from cells; a cell of another type is an error naming its row.
    /// Ints are accepted in Double columns.
    public init(name: String, type: DataType, values: [Value]) throws {
        var nulls = [Bool](repeating: false, count: values.count)
        func mismatch(_ row: Int, _ value: Value) -> PipelineError {
            PipelineError(.typeMismatch, "row \(row + 1), column `\(name)`: expected \(type), found \(value.dataType.map { "\($0)" } ?? "null") `\(value)`")
        }
        switch type {
        case .int:
            var out = [Int](repeating: 0, count: values.count)
            for (i, v) in values.enumerated() {
                switch v { case .int(let x): out[i] = x; case .null: nulls[i] = true; default: throw mismatch(i, v) }
            }
            self.init(name: name, storage: .int(out), nulls: nulls)
        case .double:
            var out = [Double](repeating: 0, count: values.count)
            for (i, v) in values.enumerated() {
                switch v {
                case .double(let x): out[i] = x
                case .int(let x): out[i] = Double(x)
                case .null: nulls[i] = true
                default: throw mismatch(i, v)
                }
            }
            self.init(name: name, storage: .double(out), nulls: nulls)
        case .string:
            var out = [String](repeating: "", count: values.count)
            for (i, v) in values.enumerated() {
                switch v { case .string(let x): out[i] = x; case .null: nulls[i] = true; default: throw mismatch(i, v) }
            }
            self.init(name: name, storage: .string(out), nulls: nulls)
        case .bool:
            var out = [Bool](repeating: false, count: values.count)
            for (i, v) in values.enumerated() {
                switch v { case .bool(let x): out[i] = x; case .null: nulls[i] = true; default: throw mismatch(i, v) }
            }
            self.init(name: name, storage: .bool(out), nulls: nulls)
        case .timestamp:
            var out = [Int64](repeating: 0, count: values.count)
            for (i, v) in values.enumerated() {
                switch v { case .timestamp(let x): out[i] = x.microseconds; case .null: nulls[i] = true; default: throw mismatch(i, v) }
            }
            self.init(name: name, storage: .timestamp(out), nulls: nulls)
        }
    }

    public var type: DataType {
        switch storage {
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .bool: return .bool
        case .timestamp: return .timestamp
        }
    }

    public var count: Int {
        switch storage {
        case .int(let a): return a.count
        case .double(let a): return a.count
        case .string(let a): return a.count
        case .bool(let a): return a.count
        case .timestamp(let a): return a.count
        }
    }

    public var nullCount: Int { nulls?.reduce(0) { $0 + ($1 ? 1 : 0) } ?? 0 }

    public func isNull(_ row: Int) -> Bool { nulls?[row] ?? false }

    public subscript(row: Int) -> Value {
        if isNull(row) { return .null }
        switch storage {
        case .int(let a): return .int(a[row])
        case .double(let a): return .double(a[row])
        case .string(let a): return .string(a[row])
        case .bool(let a): return .bool(a[row])
        case .timestamp(let a): return .timestamp(Timestamp(microseconds: a[row]))
        }
    }

    /// The values as Doubles with nulls as NaN: the form statistics and models work on.
    /// `nil` for string columns.
    public var doubles: [Double]? {
        var out: [Double]
        switch storage {
        case .int(let a): out = a.map(Double.init)
        case .double(let a): out = a
        case .bool(let a): out = a.map { $0 ? 1 : 0 }
        case .timestamp(let a): out = a.map { Double($0) / 1_000_000 }
        case .string: return nil
        }
        if let n = nulls { for i in out.indices where n[i] { out[i] = .nan } }
        return out
    }

    /// The rows at `indices`, in that order (used by filter, sort, sample and split).
    public func gathering(_ indices: [Int]) -> Column {
        let mask = nulls.map { n in indices.map { n[$0] } }
        switch storage {
        case .int(let a): return Column(name: name, storage: .int(indices.map { a[$0] }), nulls: mask)
        case .double(let a): return Column(name: name, storage: .double(indices.map { a[$0] }), nulls: mask)
        case .string(let a): return Column(name: name, storage: .string(indices.map { a[$0] }), nulls: mask)
        case .bool(let a): return Column(name: name, storage: .bool(indices.map { a[$0] }), nulls: mask)
        case .timestamp(let a): return Column(name: name, storage: .timestamp(indices.map { a[$0] }), nulls: mask)
        }
    }

    /// This column followed by `other`'s rows; the types must agree.
    public func appending(_ other: Column) throws -> Column {
        let mask: [Bool]? = (nulls == nil && other.nulls == nil) ? nil
            : (nulls ?? [Bool](repeating: false, count: count)) + (other.nulls ?? [Bool](repeating: false, count: other.count))
        switch (storage, other.storage) {
        case (.int(let a), .int(let b)): return Column(name: name, storage: .int(a + b), nulls: mask)
        case (.double(let a), .double(let b)): return Column(name: name, storage: .double(a + b), nulls: mask)
        case (.double(let a), .int(let b)): return Column(name: name, storage: .double(a + b.map(Double.init)), nulls: mask)
        case (.string(let a), .string(let b)): return Column(name: name, storage: .string(a + b), nulls: mask)
        case (.bool(let a), .bool(let b)): return Column(name: name, storage: .bool(a + b), nulls: mask)
        case (.timestamp(let a), .timestamp(let b)): return Column(name: name, storage: .timestamp(a + b), nulls: mask)
        default:
            throw PipelineError(.typeMismatch, "cannot append a \(other.type) column to the \(type) column `\(name)`")
        }
    }
}
