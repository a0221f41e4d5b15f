/// Ordering rows by one or more columns.
extension Table {
    /// One sort key: a column and a direction. Nulls always sort last, whatever the direction.
    public struct SortKey: Sendable {
        public var column: String
        public var ascending: Bool
        public init(_ column: String, ascending: Bool = true) {
            self.column = column
            self.ascending = ascending
        }
    }

    /// The rows ordered by `keys` (the first key decides, later keys break ties). Stable: rows
    /// that tie on every key keep their original order.
    public func sorted(by keys: [SortKey]) throws -> Table {
        let comparators = try keys.map { key in (try column(key.column).rowComparator(), key.ascending) }
        let order = (0..<rowCount).sorted { a, b in
            for (compare, ascending) in comparators {
                let (result, nullInvolved) = compare(a, b)
                if result != 0 { return nullInvolved || ascending ? result < 0 : result > 0 }
            }
            return a < b
        }
        return gathering(order)
    }

    /// Sorted by one column.
    public func sorted(by column: String, ascending: Bool = true) throws -> Table {
        try sorted(by: [SortKey(column, ascending: ascending)])
    }
}

extension Column {
    /// Compares two rows of this column: the sign of the order, and whether a null decided it
    /// (nulls sort last in both directions, so the caller must not flip that result).
    func rowComparator() -> (Int, Int) -> (Int, Bool) {
        let nulls = self.nulls
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        let values: (Int, Int) -> Int
        switch storage {
        case .int(let a): values = { sign(a[$0], a[$1]) }
        case .double(let a): values = { Value.compareDoubles(a[$0], a[$1]) }
        case .string(let a): values = { sign(a[$0], a[$1]) }
        case .bool(let a): values = { a[$0] == a[$1] ? 0 : (a[$0] ? 1 : -1) }
        case .timestamp(let a): values = { sign(a[$0], a[$1]) }
        }
        guard let nulls else { return { (values($0, $1), false) } }
        return { x, y in
            switch (nulls[x], nulls[y]) {
            case (false, false): return (values(x, y), false)
            case (true, true): return (0, false)
            case (true, false): return (1, true)
            case (false, true): return (-1, true)
            }
        }
    }
}
