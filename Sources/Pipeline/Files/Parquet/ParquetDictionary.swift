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
    /// repeat an earlier value (the dictionary would not pay, see `givesUp`) or the column is
    /// boolean (bit-packed already).
    init?(_ column: Column, rows: [Int]) {
        switch column.storage {
        case .int(let a): guard let d = Self.encode(rows, bits: { UInt64(bitPattern: Int64(a[$0])) }) else { return nil }; self = d
        case .timestamp(let a): guard let d = Self.encode(rows, bits: { UInt64(bitPattern: a[$0]) }) else { return nil }; self = d
        // By bit pattern: -0.0 and 0.0 stay distinct, as PLAIN would keep them.
        case .double(let a): guard let d = Self.encode(rows, bits: { a[$0].bitPattern }) else { return nil }; self = d
        case .string(let a): guard let d = Self.encode(rows, key: { a[$0] }) else { return nil }; self = d
        case .bool: return nil
        }
    }

    private init(firstRows: [Int], indices: [UInt32]) {
        self.firstRows = firstRows
        self.indices = indices
    }

    /// Gives up when more than half the rows are distinct, or, after 1,024 rows, nine in ten of
    /// those seen are (ids: the dictionary would not pay, and hashing them all would be wasted).
    private static func givesUp(distinct: Int, seen: Int, total: Int) -> Bool {
        distinct > total / 2 || (seen >= 1_024 && distinct * 10 > seen * 9)
    }

    private static func encode<Key: Hashable>(_ rows: [Int], key: (Int) -> Key) -> ParquetDictionary? {
        var positions: [Key: UInt32] = [:]
        var firstRows: [Int] = [], indices: [UInt32] = []
        indices.reserveCapacity(rows.count)
        for row in rows {
            let k = key(row)
            if let index = positions[k] {
                indices.append(index)
            } else {
                positions[k] = UInt32(firstRows.count)
                indices.append(UInt32(firstRows.count))
                firstRows.append(row)
            }
            if givesUp(distinct: firstRows.count, seen: indices.count, total: rows.count) { return nil }
        }
        return rows.isEmpty ? nil : ParquetDictionary(firstRows: firstRows, indices: indices)
    }

    /// `encode` for numbers, by their 64 bits in an open-addressing table (multiplicative hash,
    /// linear probing): a third of the time a `Dictionary` took.
    private static func encode(_ rows: [Int], bits: (Int) -> UInt64) -> ParquetDictionary? {
        var shift: UInt64 = 54, keys = [UInt64](repeating: 0, count: 1_024), slots = [Int32](repeating: -1, count: 1_024)
        var firstRows: [Int] = [], indices: [UInt32] = []
        indices.reserveCapacity(rows.count)
        func slot(_ k: UInt64) -> Int {
            var h = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[h] >= 0, keys[h] != k { h = (h + 1) & (keys.count - 1) }
            return h
        }
        for row in rows {
            let k = bits(row), h = slot(k)
            if slots[h] >= 0 {
                indices.append(UInt32(slots[h]))
                continue
            }
            keys[h] = k
            slots[h] = Int32(firstRows.count)
            indices.append(UInt32(firstRows.count))
            firstRows.append(row)
            if givesUp(distinct: firstRows.count, seen: indices.count, total: rows.count) { return nil }
            if firstRows.count * 2 > keys.count {   // at most half full: probes stay short
                shift -= 1
                keys = [UInt64](repeating: 0, count: keys.count * 2)
                slots = [Int32](repeating: -1, count: keys.count)
                for (index, first) in firstRows.enumerated() {
                    let k = bits(first), h = slot(k)
                    keys[h] = k
                    slots[h] = Int32(index)
                }
            }
        }
        return rows.isEmpty ? nil : ParquetDictionary(firstRows: firstRows, indices: indices)
    }

    /// The data page's value section: the bit width, then the indices.
    var encodedIndices: [UInt8] { [UInt8(bitWidth)] + RLEHybrid.encode(indices, bitWidth: bitWidth) }
}
