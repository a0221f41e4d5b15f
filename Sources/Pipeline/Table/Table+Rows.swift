/// Converting between tables and rows, for callers that think in records (JSON, the language).
extension Table {
    /// Every row's cells, in column order.
    public var rows: [[Value]] { (0..<rowCount).map(row) }

    /// Every row as a name → cell dictionary.
    public var records: [[String: Value]] {
        (0..<rowCount).map { i in Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0[i]) }) }
    }

    /// A table from row-major cells, inferring each column's type (see `adding`); a row of the
    /// wrong length or a cell of the wrong kind is an error naming the row and column.
    public init(names: [String], rows: [[Value]]) throws {
        for (r, row) in rows.enumerated() where row.count != names.count {
            throw PipelineError(.invalidArgument, "row \(r + 1) has \(row.count) values, expected \(names.count) (\(names.joined(separator: ", ")))")
        }
        let types = try names.indices.map { c in try Table.inferType(of: rows.map { $0[c] }, column: names[c]) }
        try self.init(names: names, types: types, rows: rows)
    }

    /// A table from records. Columns are `names` when given (a record missing one holds null
    /// there; a key not listed is an error naming the record), otherwise every key seen, in order
    /// of first appearance.
    public init(records: [[String: Value]], names: [String]? = nil) throws {
        var order: [String] = names ?? []
        if let names {
            let known = Set(names)
            for (r, record) in records.enumerated() {
                if let extra = record.keys.sorted().first(where: { !known.contains($0) }) {
                    throw PipelineError(.unknownColumn, "record \(r + 1) has the field `\(extra)`, which is not a column",
                                        hint: Suggestion.closest(to: extra, in: names).map { "did you mean `\($0)`?" })
                }
            }
        } else {
            var seen = Set<String>()
            for record in records { for key in record.keys.sorted() where seen.insert(key).inserted { order.append(key) } }
        }
        try self.init(names: order, rows: records.map { record in order.map { record[$0] ?? .null } })
    }
}
