extension Chart {
    /// One point per row with numeric `x` and `y` (rows with a null are left out); with `color`,
    /// points are coloured by that column's values (order of first appearance) and a legend names them.
    public static func scatter(_ table: Table, x: String, y: String, color: String? = nil, text: ChartText = ChartText()) throws -> Chart {
        let xs = try table.chartNumbers(x, for: "scatter"), ys = try table.chartNumbers(y, for: "scatter")
        let groups = try color.map { try table.chartLabels($0) }
        let categories = groups.map(firstAppearanceOrder) ?? []
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let rows = xs.indices.filter { !xs[$0].isNaN && !ys[$0].isNaN }
        let xScale = NiceScale(rows.map { xs[$0] }.min() ?? 0, rows.map { xs[$0] }.max() ?? 1)
        let yScale = NiceScale(rows.map { ys[$0] }.min() ?? 0, rows.map { ys[$0] }.max() ?? 1)
        var text = text
        text.xLabel = text.xLabel ?? x
        text.yLabel = text.yLabel ?? y
        var frame = PlotFrame(text: text, leftGutter: PlotFrame.gutter(for: yScale), bottomGutter: 20,
                              legendWidth: PlotFrame.legendWidth(categories))
        frame.numericYAxis(yScale)
        frame.numericXAxis(xScale)
        frame.baseline()
        let radius = rows.count > 2000 ? 2.0 : 3.5
        for i in rows {
            let colour = Palette.category(groups.map { index[$0[i]]! } ?? 0)
            frame.svg.circle(xScale.position(xs[i], from: frame.left, to: frame.right),
                             yScale.position(ys[i], from: frame.bottom, to: frame.top), radius: radius, fill: colour,
                             extra: " fill-opacity=\"0.75\"")
        }
        if !categories.isEmpty { frame.legend(categories.enumerated().map { ($1, Palette.category($0)) }, marker: .dot) }
        return frame.chart("scatter")
    }
}
