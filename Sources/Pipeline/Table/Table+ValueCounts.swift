/// How often each value occurs in a column.
extension Table {
    /// One row per distinct value of `column` (null included when present, so counts add up to the
    /// row count): the value, `count` (`rows` when the column itself is named `count`), and `proportion` of all rows (`share` when that name is taken); most frequent first, ties in
    /// value order.
    public func valueCounts(_ column: String) throws -> Table {
        let countName = column == "count" ? "rows" : "count"
        let counted = try groupBy([column], [.rowCount(as: countName)])
        let shareName = column == "proportion" ? "share" : "proportion"
        let withShare = try counted.adding(shareName, type: .double) { row in
            .double(try row.value(countName).doubleValue! / Double(Swift.max(rowCount, 1)))
        }
        return try withShare.sorted(by: [SortKey(countName, ascending: false)])
    }
}
