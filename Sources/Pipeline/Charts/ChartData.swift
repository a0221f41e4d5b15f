/// Reading a table's columns as what a chart needs, with errors that name the column.
extension Table {
    /// A numeric column as Doubles (nulls as NaN); text is an error naming the column and chart.
    func chartNumbers(_ name: String, for chart: String) throws -> [Double] {
        let c = try column(name)
        guard c.type != .string, let values = c.doubles else {
            throw PipelineError(.typeMismatch, "the \(chart) chart needs numbers in column `\(name)`, which holds \(c.type)",
                                hint: "choose a numeric column")
        }
        return values
    }

    /// Any column as category labels (null reads `null`).
    func chartLabels(_ name: String) throws -> [String] {
        let c = try column(name)
        return (0..<rowCount).map { c[$0].isNull ? "null" : c[$0].description }
    }
}

/// Distinct labels in order of first appearance: the order categories are drawn in.
func firstAppearanceOrder(_ labels: [String]) -> [String] {
    var seen = Set<String>()
    return labels.filter { seen.insert($0).inserted }
}
