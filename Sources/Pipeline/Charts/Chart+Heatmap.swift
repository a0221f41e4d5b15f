extension Chart {
    /// A grid with one cell per (`x`, `y`) pair of a long-form table, coloured by `value` on the
    /// viridis scale shown in a legend. Categories keep their order of first appearance; pairs with
    /// no row are left blank; cells show their value when the grid is small enough to read it.
    public static func heatmap(_ table: Table, x: String, y: String, value: String, text: ChartText = ChartText()) throws -> Chart {
        let xs = try table.chartLabels(x), ys = try table.chartLabels(y)
        let values = try table.chartNumbers(value, for: "heatmap")
        let columns = firstAppearanceOrder(xs), rows = firstAppearanceOrder(ys)
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        let present = values.filter { !$0.isNaN }
        let low = present.min() ?? 0, high = present.max() ?? 1
        func t(_ v: Double) -> Double { high > low ? (v - low) / (high - low) : 0.5 }

        var text = text
        text.xLabel = text.xLabel ?? x
        text.yLabel = text.yLabel ?? y
        let plotWidth = ChartSize.width - 100 - PlotFrame.labelGutter(rows)
        let rotated = PlotFrame.needsRotation(columns, plotWidth: plotWidth)
        var frame = PlotFrame(text: text, leftGutter: PlotFrame.labelGutter(rows),
                              bottomGutter: rotated ? PlotFrame.rotatedGutter(columns) : 20, legendWidth: 64,
                              height: Swift.max(ChartSize.height, 120 + Double(rows.count) * 22 + (rotated ? PlotFrame.rotatedGutter(columns) : 0)))
        frame.categoryYAxis(rows)
        frame.categoryXAxis(columns, rotated: rotated)
        let cellWidth = (frame.right - frame.left) / Double(Swift.max(columns.count, 1))
        let cellHeight = (frame.bottom - frame.top) / Double(Swift.max(rows.count, 1))
        let labelled = cellWidth >= 30 && cellHeight >= 14
        let decimals = high - low >= 100 ? 0 : 2
        for i in 0..<values.count where !values[i].isNaN {
            let cx = frame.left + cellWidth * Double(columnIndex[xs[i]]!), cy = frame.top + cellHeight * Double(rowIndex[ys[i]]!)
            frame.svg.rect(x: cx, y: cy, width: cellWidth - 1, height: cellHeight - 1, fill: Palette.sequential(t(values[i])))
            if labelled {
                frame.svg.text(NiceScale.format(values[i], decimals: decimals), x: cx + cellWidth / 2, y: cy + cellHeight / 2 + 4,
                               size: Swift.min(11, cellHeight * 0.6), anchor: .middle, fill: Palette.isLight(t(values[i])) ? SVG.ink : "#ffffff")
            }
        }
        // Colour legend: a bar of 48 steps from high (top) to low, with the scale's ticks.
        let barX = frame.right + 16, barTop = frame.top, barHeight = Swift.min(frame.bottom - frame.top, 240)
        let steps = 48
        for s in 0..<steps {
            let y0 = barTop + barHeight * Double(s) / Double(steps)
            frame.svg.rect(x: barX, y: y0, width: 14, height: barHeight / Double(steps) + 0.5, fill: Palette.sequential(1 - Double(s) / Double(steps - 1)))
        }
        let scale = NiceScale(low, high, count: 4)
        for tick in scale.ticks where tick >= low - 1e-12 && tick <= high + 1e-12 {
            let y = barTop + barHeight * (1 - t(tick))
            frame.svg.line(barX + 14, y, barX + 18, y, stroke: SVG.axis)
            frame.svg.text(scale.label(tick), x: barX + 21, y: y + 4, size: 10, fill: SVG.mutedInk)
        }
        return frame.chart("heatmap")
    }
}
