extension Chart {
    /// One line per `y` column against the numeric `x` column, drawn in row order (so ROC and PR
    /// curves keep their vertical steps); a null breaks a line. A legend names the series.
    public static func line(_ table: Table, x: String, y: [String], text: ChartText = ChartText()) throws -> Chart {
        guard !y.isEmpty else { throw PipelineError(.invalidArgument, "a line chart needs at least one y column") }
        let xs = try table.chartNumbers(x, for: "line")
        let series = try y.map { try table.chartNumbers($0, for: "line") }
        let xPresent = xs.filter { !$0.isNaN }, yPresent = series.flatMap { $0 }.filter { !$0.isNaN }
        let xScale = NiceScale(xPresent.min() ?? 0, xPresent.max() ?? 1)
        let yScale = NiceScale(yPresent.min() ?? 0, yPresent.max() ?? 1)
        var text = text
        text.xLabel = text.xLabel ?? x
        text.yLabel = text.yLabel ?? (y.count == 1 ? y[0] : nil)
        var frame = PlotFrame(text: text, leftGutter: PlotFrame.gutter(for: yScale), bottomGutter: 20,
                              legendWidth: y.count > 1 ? PlotFrame.legendWidth(y) : 0)
        frame.numericYAxis(yScale)
        frame.numericXAxis(xScale)
        frame.baseline()
        for (k, values) in series.enumerated() {
            var run: [(Double, Double)] = []
            for i in values.indices {
                if xs[i].isNaN || values[i].isNaN {
                    frame.svg.path(run, stroke: Palette.category(k))
                    run = []
                } else {
                    run.append((xScale.position(xs[i], from: frame.left, to: frame.right),
                                yScale.position(values[i], from: frame.bottom, to: frame.top)))
                }
            }
            frame.svg.path(run, stroke: Palette.category(k))
        }
        if y.count > 1 { frame.legend(y.enumerated().map { ($1, Palette.category($0)) }, marker: .line) }
        return frame.chart("line")
    }
}
