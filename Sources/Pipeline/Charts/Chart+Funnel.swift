extension Chart {
    /// Stages top to bottom in row order, each a bar centred on the same axis with its width
    /// proportional to its value, labelled with the value and its share of the first stage.
    public static func funnel(_ table: Table, stage: String, value: String, text: ChartText = ChartText()) throws -> Chart {
        let stages = try table.chartLabels(stage)
        let values = try table.chartNumbers(value, for: "funnel").map { $0.isNaN ? 0 : Swift.max($0, 0) }
        var frame = PlotFrame(text: ChartText(title: text.title), leftGutter: PlotFrame.labelGutter(stages), bottomGutter: 0)
        frame.categoryYAxis(stages)
        let widest = values.max() ?? 0, first = values.first ?? 0
        let band = (frame.bottom - frame.top) / Double(Swift.max(values.count, 1))
        let centre = (frame.left + frame.right) / 2, half = (frame.right - frame.left) / 2
        for (i, v) in values.enumerated() {
            let w = widest > 0 ? v / widest * half : 0
            let y0 = frame.top + band * Double(i) + band * 0.1
            frame.svg.rect(x: centre - w, y: y0, width: 2 * w, height: band * 0.8, fill: Palette.category(0), extra: " rx=\"2\"")
            let share = first > 0 ? " (" + NiceScale.format(100 * v / first, decimals: 1) + "%)" : ""
            let label = valueLabel(v) + share
            let inside = SVG.textWidth(label, size: 11) + 8 < 2 * w
            frame.svg.text(label, x: inside ? centre : centre + w + 6, y: y0 + band * 0.4 + 4, size: 11,
                           anchor: inside ? .middle : .start, fill: inside ? "#ffffff" : SVG.ink, weight: inside ? "600" : nil)
        }
        return frame.chart("funnel")
    }
}
