extension Chart {
    /// The distribution of a numeric column in `bins` equal-width bins between its minimum and
    /// maximum (nulls are left out and counted in the corner note).
    public static func histogram(_ table: Table, column: String, bins: Int = 20, text: ChartText = ChartText()) throws -> Chart {
        guard bins > 0 else { throw PipelineError(.invalidArgument, "a histogram needs at least one bin (got \(bins))") }
        let all = try table.chartNumbers(column, for: "histogram")
        let values = all.filter { !$0.isNaN }
        let low = values.min() ?? 0, high = values.max() ?? 1
        let width = high > low ? (high - low) / Double(bins) : 1
        var counts = [Int](repeating: 0, count: bins)
        for v in values { counts[Swift.min(Int((v - low) / width), bins - 1)] += 1 }
        var text = text
        text.xLabel = text.xLabel ?? column
        text.yLabel = text.yLabel ?? "rows"
        let yScale = NiceScale(0, Double(counts.max() ?? 1), includeZero: true)
        let xScale = NiceScale(low, high > low ? high : low + width)
        var frame = PlotFrame(text: text, leftGutter: PlotFrame.gutter(for: yScale), bottomGutter: 20)
        frame.numericYAxis(yScale)
        for t in xScale.ticks where t >= low - 1e-12 && t <= low + width * Double(bins) + 1e-12 {
            let x = position(t, low, width * Double(bins), frame)
            frame.svg.line(x, frame.bottom, x, frame.bottom + 4, stroke: SVG.axis)
            frame.svg.text(xScale.label(t), x: x, y: frame.bottom + 16, size: PlotFrame.tickSize, anchor: .middle, fill: SVG.mutedInk)
        }
        for (i, count) in counts.enumerated() where count > 0 {
            let x0 = position(low + width * Double(i), low, width * Double(bins), frame)
            let x1 = position(low + width * Double(i + 1), low, width * Double(bins), frame)
            let top = yScale.position(Double(count), from: frame.bottom, to: frame.top)
            frame.svg.rect(x: x0 + 0.5, y: top, width: x1 - x0 - 1, height: frame.bottom - top, fill: Palette.category(0))
        }
        frame.baseline()
        let nulls = all.count - values.count
        let note = "n = \(CellFormat.grouped(values.count))" + (nulls > 0 ? ", \(CellFormat.grouped(nulls)) null" : "")
        frame.svg.text(note, x: frame.right, y: frame.top - 6, size: 10, anchor: .end, fill: SVG.mutedInk)
        return frame.chart("histogram")
    }

    private static func position(_ v: Double, _ low: Double, _ span: Double, _ frame: PlotFrame) -> Double {
        frame.left + (v - low) / span * (frame.right - frame.left)
    }
}
