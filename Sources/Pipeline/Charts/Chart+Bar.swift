extension Chart {
    /// One bar per row: `x` names the bar, `y` is its length (negative values grow the other way
    /// from zero, as correlations need). `horizontal` lists the bars top to bottom, which suits long
    /// names. Values are printed at the bar ends when there are few enough bars to read them.
    public static func bar(_ table: Table, x: String, y: String, horizontal: Bool = false, text: ChartText = ChartText()) throws -> Chart {
        let names = try table.chartLabels(x)
        let values = try table.chartNumbers(y, for: "bar").map { $0.isNaN ? 0 : $0 }
        var text = text
        text.xLabel = text.xLabel ?? (horizontal ? y : x)
        text.yLabel = text.yLabel ?? (horizontal ? x : y)
        let scale = NiceScale(values.min() ?? 0, values.max() ?? 1, includeZero: true)
        let showValues = values.count <= 24
        if horizontal {
            let valueRoom = showValues ? (values.map { SVG.textWidth(valueLabel($0), size: 10) }.max() ?? 0) + 4 : 0
            var frame = PlotFrame(text: text, leftGutter: PlotFrame.labelGutter(names), bottomGutter: 20, legendWidth: valueRoom)
            frame.numericXAxis(scale)
            frame.categoryYAxis(names)
            let band = (frame.bottom - frame.top) / Double(Swift.max(values.count, 1))
            let zero = scale.position(0, from: frame.left, to: frame.right)
            for (i, v) in values.enumerated() {
                let end = scale.position(v, from: frame.left, to: frame.right)
                let y0 = frame.top + band * Double(i) + band * 0.15
                frame.svg.rect(x: Swift.min(zero, end), y: y0, width: abs(end - zero), height: band * 0.7, fill: Palette.category(0))
                if showValues {
                    frame.svg.text(valueLabel(v), x: v < 0 ? end - 4 : end + 4, y: y0 + band * 0.35 + 4, size: 10,
                                   anchor: v < 0 ? .end : .start, fill: SVG.mutedInk)
                }
            }
            frame.svg.line(zero, frame.top, zero, frame.bottom, stroke: SVG.axis)
            return frame.chart("bar")
        }
        let plotWidth = ChartSize.width - 60 - PlotFrame.gutter(for: scale)
        let rotated = PlotFrame.needsRotation(names, plotWidth: plotWidth)
        var frame = PlotFrame(text: text, leftGutter: PlotFrame.gutter(for: scale),
                              bottomGutter: rotated ? PlotFrame.rotatedGutter(names) : 20)
        frame.numericYAxis(scale)
        frame.categoryXAxis(names, rotated: rotated)
        let band = (frame.right - frame.left) / Double(Swift.max(values.count, 1))
        let zero = scale.position(0, from: frame.bottom, to: frame.top)
        for (i, v) in values.enumerated() {
            let end = scale.position(v, from: frame.bottom, to: frame.top)
            let x0 = frame.left + band * Double(i) + band * 0.15
            frame.svg.rect(x: x0, y: Swift.min(zero, end), width: band * 0.7, height: abs(end - zero), fill: Palette.category(0))
            if showValues, SVG.textWidth(valueLabel(v), size: 10) < band {
                frame.svg.text(valueLabel(v), x: x0 + band * 0.35, y: v < 0 ? end + 12 : end - 4, size: 10, anchor: .middle, fill: SVG.mutedInk)
            }
        }
        frame.svg.line(frame.left, zero, frame.right, zero, stroke: SVG.axis)
        return frame.chart("bar")
    }

    /// A bar's value as printed next to it: integers grouped, fractions to three decimals at most
    /// (`0.42`, `-0.071`, `12.5`).
    static func valueLabel(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return CellFormat.grouped(Int(v)) }
        var s = NiceScale.format(v, decimals: abs(v) >= 100 ? 0 : abs(v) >= 1 ? 2 : 3)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
