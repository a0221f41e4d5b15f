/// Dictionary encoding of one column chunk, as pyarrow and DuckDB write by default: the distinct
/// values once (PLAIN, in a dictionary page) and each row as a small index (RLE / bit-packed).
/// The training set's columns are counts and minutes with a few hundred distinct values: their
/// data pages shrink about tenfold, and gzip — most of an export's time — has that much less to
/// compress. Columns whose values barely repeat (ids) stay PLAIN.
struct ParquetDictionary {
    /// The row of each distinct value's first occurrence, in index order.
    let firstRows: [Int]
    /// Each present row's index into `firstRows`.
    let indices: [UInt32]

    /// Bits per index (at least 1).
    var bitWidth: Int { max(1, UInt32.bitWidth - UInt32(firstRows.count - 1).leadingZeroBitCount) }

    /// The encoding of `rows` (the non-null rows of a chunk), or nil when fewer than half of them
    /// repeat an earlier value (the dictionary would not pay) or the column is boolean (bit-packed
    /// already).
    init?(_ column: Column, rows: [Int]) {
        switch column.storage {
        case .int(let a): guard let d = Self.encode(rows, key: { a[$0] }) else { return nil }; self = d
        case .timestamp(let a): guard let d = Self.encode(rows, key: { a[$0] }) else { return nil }; self = d
        // By bit pattern: -0.0 and 0.0 stay distinct, as PLAIN would keep them.
        case .double(let a): guard let d = Self.encode(rows, key: { a[$0].bitPattern }) else { return nil }; self = d
        case .string(let a): guard let d = Self.encode(rows, key: { a[$0] }) else { return nil }; self = d
        case .bool: return nil
        }
    }

    private init(firstRows: [Int], indices: [UInt32]) {
        self.firstRows = firstRows
        self.indices = indices
    }

    private static func encode<Key: Hashable>(_ rows: [Int], key: (Int) -> Key) -> ParquetDictionary? {
        let limit = rows.count / 2
        guard limit > 0 else { return nil }
        var positions: [Key: UInt32] = [:]
        var firstRows: [Int] = [], indices: [UInt32] = []
        indices.reserveCapacity(rows.count)
        for row in rows {
            let k = key(row)
            if let index = positions[k] {
                indices.append(index)
            } else {
                guard firstRows.count < limit else { return nil }
                positions[k] = UInt32(firstRows.count)
                indices.append(UInt32(firstRows.count))
                firstRows.append(row)
            }
        }
        return ParquetDictionary(firstRows: firstRows, indices: indices)
    }

    /// The data page's value section: the bit width, then the indices.
    var encodedIndices: [UInt8] { [UInt8(bitWidth)] + RLEHybrid.encode(indices, bitWidth: bitWidth) }
}
