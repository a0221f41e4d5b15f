/// New columns computed from each row.
extension Table {
    /// This table with a column `name` holding `compute(row)` for every row (replacing a column of
    /// that name). With no `type`, the type is inferred from the results (Int and Double mix to
    /// Double); a result of another kind is an error naming the row.
    public func adding(_ name: String, type: DataType? = nil, _ compute: (Row) throws -> Value) throws -> Table {
        let positions = columnPositions
        var cells: [Value] = []
        cells.reserveCapacity(rowCount)
        for i in 0..<rowCount { cells.append(try compute(Row(table: self, index: i, positions: positions))) }
        let resolved = try type ?? Table.inferType(of: cells, column: name)
        return try setting(Column(name: name, type: resolved, values: cells))
    }

    /// The narrowest type holding every non-null cell: Int, Double when Ints and Doubles mix, and
    /// String when all are null. Other mixtures are an error naming the first offending row.
    static func inferType(of cells: [Value], column: String) throws -> DataType {
        let (type, conflict) = commonType(of: cells)
        if let row = conflict {
            throw PipelineError(.typeMismatch, "row \(row + 1), column `\(column)`: found \(cells[row].dataType!) `\(cells[row])` after \(type) values",
                                hint: "give every row of a column the same type")
        }
        return type
    }

    /// The common type of `cells`, and the index of the first cell that does not fit it, if any.
    static func commonType(of cells: [Value]) -> (type: DataType, conflict: Int?) {
        var type: DataType?
        for (row, cell) in cells.enumerated() {
            guard let t = cell.dataType else { continue }
            switch (type, t) {
            case (nil, _): type = t
            case (let a?, let b) where a == b: break
            case (.int?, .double), (.double?, .int): type = .double
            default: return (type!, row)
            }
        }
        return (type ?? .string, nil)
    }
}
