import JSON

/// Writes tables as JSON Lines: one object per row, keys in column order, nulls as `null`,
/// timestamps as ISO 8601 strings in UTC, non-finite doubles as `null` (JSON has no NaN).
public enum JSONLinesWriter {
    public static func bytes(_ table: Table) -> [UInt8] {
        let writer = JSONWriter(style: .compact)
        let keys = table.columnNames.map { writer.bytes(.string($0)) + [UInt8(ascii: ":")] }
        var out: [UInt8] = []
        out.reserveCapacity(table.rowCount * table.columnCount * 12)
        for i in 0..<table.rowCount {
            out.append(UInt8(ascii: "{"))
            for (c, column) in table.columns.enumerated() {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: keys[c])
                if column.isNull(i) { out.append(contentsOf: "null".utf8); continue }
                switch column.storage {
                case .int(let a): out.append(contentsOf: String(a[i]).utf8)
                case .double(let a): out.append(contentsOf: JSONWriter.format(a[i]).utf8)
                case .string(let a): out.append(contentsOf: writer.bytes(.string(a[i])))
                case .bool(let a): out.append(contentsOf: (a[i] ? "true" : "false").utf8)
                case .timestamp(let a): out.append(contentsOf: writer.bytes(.string(Timestamp(microseconds: a[i]).description)))
                }
            }
            out.append(contentsOf: "}\n".utf8)
        }
        return out
    }
}
