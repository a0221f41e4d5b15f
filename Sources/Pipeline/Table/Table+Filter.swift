/// Keeping the rows that satisfy a condition.
extension Table {
    /// How a column's cells are compared with a value in `filter(_:_:_:)`.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        func holds(_ order: Int) -> Bool {
            switch self {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            }
        }
    }

    /// The rows for which `predicate` is true, in their original order.
    public func filter(_ predicate: (Row) throws -> Bool) rethrows -> Table {
        let positions = columnPositions
        var keep: [Int] = []
        for i in 0..<rowCount where try predicate(Row(table: self, index: i, positions: positions)) {
            keep.append(i)
        }
        return gathering(keep)
    }

    /// The rows whose `column` compares with `value` as `comparison` says. As in SQL, a null cell
    /// satisfies no comparison (use `droppingNulls` / `onlyNulls` to test for nulls), and comparing
    /// a column with a value of another kind (text with a number) is an error naming the column.
    public func filter(_ column: String, _ comparison: Comparison, _ value: Value) throws -> Table {
        let c = try self.column(column)
        guard !value.isNull else {
            throw PipelineError(.invalidArgument, "cannot compare column `\(column)` with null",
                                hint: "use droppingNulls([\"\(column)\"]) or onlyNulls(\"\(column)\")")
        }
        if Value.compare(c.zero, value) == nil {
            throw PipelineError(.typeMismatch, "cannot compare the \(c.type) column `\(column)` with the \(value.dataType!) value `\(value)`")
        }
        var keep: [Int] = []
        keep.reserveCapacity(rowCount)
        for i in 0..<rowCount {
            if let order = Value.compare(c[i], value), comparison.holds(order) { keep.append(i) }
        }
        return gathering(keep)
    }

    /// The rows whose `column` holds one of `values`.
    public func filter(_ column: String, in values: [Value]) throws -> Table {
        let c = try self.column(column)
        let wanted = Set(values.map(\.groupKey))
        return gathering((0..<rowCount).filter { !c.isNull($0) && wanted.contains(c[$0].groupKey) })
    }

    /// The rows with no null in any of `columns` (every column when empty).
    public func droppingNulls(_ columns: [String] = []) throws -> Table {
        let checked = try (columns.isEmpty ? columnNames : columns).map { try column($0) }.filter { $0.nulls != nil }
        return gathering((0..<rowCount).filter { i in !checked.contains { $0.isNull(i) } })
    }

    /// The rows where `column` is null.
    public func onlyNulls(_ column: String) throws -> Table {
        let c = try self.column(column)
        return gathering((0..<rowCount).filter { c.isNull($0) })
    }
}

extension Column {
    /// A cell of the column's kind, for checking what it can be compared with.
    var zero: Value {
        switch storage {
        case .int: return .int(0)
        case .double: return .double(0)
        case .string: return .string("")
        case .bool: return .bool(false)
        case .timestamp: return .timestamp(Timestamp(microseconds: 0))
        }
    }
}

extension Value {
    /// A hashable key under which Int and Double cells that are numerically equal coincide
    /// (so `in: [1]` matches 1.0, and joins on mixed numeric keys work); integers stay exact.
    var groupKey: Value {
        if case .double(let d) = self, d.rounded() == d, abs(d) < 9.2e18 { return .int(Int(d)) }
        return self
    }
}
