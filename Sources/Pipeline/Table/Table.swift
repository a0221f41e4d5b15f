/// The in-memory, column-oriented value everything in the pipeline exchanges: SQL results,
/// simulator output, files read and written, model features and scores.
///
/// A value type: operations return new tables and never mutate what a caller still holds.
public struct Table: Sendable {
    public private(set) var columns: [Column]
    public let rowCount: Int

    /// Columns must have distinct names and equal lengths.
    public init(_ columns: [Column]) throws {
        var seen = Set<String>()
        for c in columns where !seen.insert(c.name).inserted {
            throw PipelineError(.invalidArgument, "duplicate column name `\(c.name)`")
        }
        let count = columns.first?.count ?? 0
        if let bad = columns.first(where: { $0.count != count }) {
            throw PipelineError(.invalidArgument, "column `\(bad.name)` has \(bad.count) rows, expected \(count)")
        }
        self.columns = columns
        self.rowCount = count
    }

    /// A table with no columns and no rows.
    public static let empty = try! Table([])

    /// Builds a table from row-major cells with declared column types (errors name row and column).
    public init(names: [String], types: [DataType], rows: [[Value]]) throws {
        precondition(names.count == types.count, "one type per column name")
        for (r, row) in rows.enumerated() where row.count != names.count {
            throw PipelineError(.invalidArgument, "row \(r + 1) has \(row.count) values, expected \(names.count)")
        }
        try self.init(names.indices.map { c in
            try Column(name: names[c], type: types[c], values: rows.map { $0[c] })
        })
    }

    public var columnNames: [String] { columns.map(\.name) }
    public var columnCount: Int { columns.count }

    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The named column, or an error that lists the closest names.
    public func column(_ name: String) throws -> Column {
        if let i = columnIndex(name) { return columns[i] }
        throw PipelineError(.unknownColumn, "no column `\(name)` in this table",
                            hint: Suggestion.closest(to: name, in: columnNames).map { "did you mean `\($0)`?" }
                                ?? "columns: \(columnNames.joined(separator: ", "))")
    }

    /// One row's cells, in column order.
    public func row(_ index: Int) -> [Value] { columns.map { $0[index] } }

    /// The rows at `indices`, in that order.
    public func gathering(_ indices: [Int]) -> Table {
        try! Table(columns.map { $0.gathering(indices) })
    }

    /// This table with `column` added, or replacing the column of the same name.
    public func setting(_ column: Column) throws -> Table {
        var copy = columns
        if let i = columnIndex(column.name) { copy[i] = column } else { copy.append(column) }
        return try Table(copy)
    }

    /// Rows of `other` appended; its columns must match by name and type.
    public func appending(_ other: Table) throws -> Table {
        guard other.columnNames == columnNames else {
            throw PipelineError(.schemaViolation, "cannot append a table with columns (\(other.columnNames.joined(separator: ", "))) to one with (\(columnNames.joined(separator: ", ")))")
        }
        return try Table(zip(columns, other.columns).map { try $0.appending($1) })
    }
}
