/// Writes tables as RFC 4180 CSV: a header row, CRLF line ends, and quotes only where needed.
///
/// A null is an empty field and an empty string is `""`, so the two survive a round trip through
/// `CSVReader`. Doubles use Swift's shortest round-trip form (always with a `.` or exponent, so
/// they read back as Doubles); timestamps are ISO 8601 in UTC; booleans `true` / `false`.
public enum CSVWriter {
    public static func bytes(_ table: Table) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(table.rowCount * table.columnCount * 8 + 64)
        for (c, name) in table.columnNames.enumerated() {
            if c > 0 { out.append(comma) }
            appendField(name, quoteEmpty: true, to: &out)
        }
        out.append(contentsOf: lineEnd)
        for i in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() {
                if c > 0 { out.append(comma) }
                if column.isNull(i) { continue }
                switch column.storage {
                case .int(let a): out.append(contentsOf: String(a[i]).utf8)
                case .double(let a): out.append(contentsOf: a[i].description.utf8)
                case .string(let a): appendField(a[i], quoteEmpty: true, to: &out)
                case .bool(let a): out.append(contentsOf: (a[i] ? "true" : "false").utf8)
                case .timestamp(let a): out.append(contentsOf: Timestamp(microseconds: a[i]).description.utf8)
                }
            }
            out.append(contentsOf: lineEnd)
        }
        return out
    }

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    static let lineEnd: [UInt8] = [13, 10]

    /// A field, quoted when it holds a comma, quote, CR or LF (quotes doubled), or is empty.
    static func appendField(_ text: String, quoteEmpty: Bool, to out: inout [UInt8]) {
        let utf8 = text.utf8
        let needsQuotes = (quoteEmpty && utf8.isEmpty) || utf8.contains { $0 == comma || $0 == quote || $0 == 10 || $0 == 13 }
        guard needsQuotes else { out.append(contentsOf: utf8); return }
        out.append(quote)
        for b in utf8 {
            if b == quote { out.append(quote) }
            out.append(b)
        }
        out.append(quote)
    }
}
