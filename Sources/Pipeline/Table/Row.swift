/// A read-only view of one row, handed to `filter` and computed-column closures.
///
/// Looking a cell up by a name the table does not have is an error with a suggestion, never a
/// silent null, so a typo in a predicate cannot quietly filter everything out.
public struct Row {
    public let table: Table
    public let index: Int
    private let positions: [String: Int]

    init(table: Table, index: Int, positions: [String: Int]) {
        self.table = table
        self.index = index
        self.positions = positions
    }

    /// The cell in the named column.
    public func value(_ name: String) throws -> Value {
        guard let c = positions[name] else { return try table.column(name)[index] }
        return table.columns[c][index]
    }

    /// The cell in the column at `position`.
    public subscript(position: Int) -> Value { table.columns[position][index] }

    /// All cells, in column order.
    public var values: [Value] { table.row(index) }
}

extension Table {
    /// Name → position, built once per operation that looks cells up by name.
    var columnPositions: [String: Int] {
        Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
    }

    /// Every row as a `Row` view, in order.
    public func eachRow() -> [Row] {
        let positions = columnPositions
        return (0..<rowCount).map { Row(table: self, index: $0, positions: positions) }
    }
}
