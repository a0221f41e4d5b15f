/// The common anatomy of every chart: title, plot area, axis labels, axes with ticks and grid lines,
/// and an optional legend on the right. Charts compute their gutters, then draw into `plot`.
struct PlotFrame {
    var svg: SVG
    let left: Double, top: Double, right: Double, bottom: Double
    let text: ChartText

    static let tickSize = 11.0

    /// - Parameters:
    ///   - leftGutter: room for the y tick labels; `bottomGutter`: for the x tick labels;
    ///   - legendWidth: room on the right for a legend (0 for none).
    init(text: ChartText, leftGutter: Double, bottomGutter: Double, legendWidth: Double = 0,
         width: Double = ChartSize.width, height: Double = ChartSize.height) {
        self.text = text
        svg = SVG(width: width, height: height)
        left = 16 + (text.yLabel == nil ? 0 : 22) + leftGutter
        top = text.title.isEmpty ? 18 : 46
        right = width - 20 - legendWidth
        bottom = height - 14 - (text.xLabel == nil ? 0 : 22) - bottomGutter
        if !text.title.isEmpty {
            svg.text(SVG.clip(text.title, 90), x: 16, y: 26, size: 16, weight: "600")
        }
        if let x = text.xLabel {
            svg.text(x, x: (left + right) / 2, y: height - 14, size: 12, anchor: .middle, fill: SVG.mutedInk)
        }
        if let y = text.yLabel {
            svg.text(y, x: 24, y: (top + bottom) / 2, size: 12, anchor: .middle, fill: SVG.mutedInk, rotate: -90)
        }
    }

    /// Width the labels of `scale` need on a y axis.
    static func gutter(for scale: NiceScale) -> Double {
        (scale.ticks.map { SVG.textWidth(scale.label($0), size: tickSize) }.max() ?? 0) + 10
    }

    /// Horizontal grid lines and labels for a numeric y axis.
    mutating func numericYAxis(_ scale: NiceScale) {
        for t in scale.ticks {
            let y = scale.position(t, from: bottom, to: top)
            svg.line(left, y, right, y, stroke: t == 0 && scale.lower < 0 ? SVG.axis : SVG.grid)
            svg.text(scale.label(t), x: left - 6, y: y + 4, size: PlotFrame.tickSize, anchor: .end, fill: SVG.mutedInk)
        }
    }

    /// Vertical grid lines and labels for a numeric x axis.
    mutating func numericXAxis(_ scale: NiceScale) {
        for t in scale.ticks {
            let x = scale.position(t, from: left, to: right)
            svg.line(x, top, x, bottom, stroke: t == 0 && scale.lower < 0 ? SVG.axis : SVG.grid)
            svg.text(scale.label(t), x: x, y: bottom + 16, size: PlotFrame.tickSize, anchor: .middle, fill: SVG.mutedInk)
        }
    }

    /// The baseline under the plot.
    mutating func baseline() { svg.line(left, bottom, right, bottom, stroke: SVG.axis) }

    /// Category labels centred under bands of the x axis, turned 40° when they would overlap.
    mutating func categoryXAxis(_ labels: [String], rotated: Bool) {
        let band = (right - left) / Double(Swift.max(labels.count, 1))
        for (i, label) in labels.enumerated() {
            let x = left + band * (Double(i) + 0.5)
            if rotated {
                svg.text(SVG.clip(label, 30), x: x, y: bottom + 12, size: PlotFrame.tickSize, anchor: .end, fill: SVG.mutedInk, rotate: -40)
            } else {
                svg.text(label, x: x, y: bottom + 16, size: PlotFrame.tickSize, anchor: .middle, fill: SVG.mutedInk)
            }
        }
    }

    /// Whether `labels` need turning to fit under `count` bands across the plot width.
    static func needsRotation(_ labels: [String], plotWidth: Double) -> Bool {
        let band = plotWidth / Double(Swift.max(labels.count, 1))
        return labels.contains { SVG.textWidth($0, size: tickSize) > band - 4 }
    }

    /// The extra bottom room turned labels need.
    static func rotatedGutter(_ labels: [String]) -> Double {
        let longest = labels.map { SVG.textWidth(SVG.clip($0, 30), size: tickSize) }.max() ?? 0
        return longest * 0.64 + 16
    }

    /// Category labels at the middle of bands down the y axis, right-aligned against the plot.
    mutating func categoryYAxis(_ labels: [String]) {
        let band = (bottom - top) / Double(Swift.max(labels.count, 1))
        for (i, label) in labels.enumerated() {
            svg.text(SVG.clip(label, 32), x: left - 6, y: top + band * (Double(i) + 0.5) + 4, size: PlotFrame.tickSize, anchor: .end, fill: SVG.ink)
        }
    }

    static func labelGutter(_ labels: [String]) -> Double {
        (labels.map { SVG.textWidth(SVG.clip($0, 32), size: tickSize) }.max() ?? 0) + 10
    }

    /// Width a legend with these entries needs.
    static func legendWidth(_ entries: [String]) -> Double {
        entries.isEmpty ? 0 : Swift.min((entries.map { SVG.textWidth(SVG.clip($0, 22), size: 11) }.max() ?? 0) + 34, 190)
    }

    /// Swatches and names, top right, one per line.
    mutating func legend(_ entries: [(String, String)], marker: LegendMarker = .square) {
        let x = right + 14
        for (i, (name, colour)) in entries.enumerated() {
            let y = top + 6 + Double(i) * 18
            switch marker {
            case .square: svg.rect(x: x, y: y - 9, width: 12, height: 12, fill: colour, extra: " rx=\"2\"")
            case .line: svg.line(x, y - 3, x + 14, y - 3, stroke: colour, width: 2.5)
            case .dot: svg.circle(x + 6, y - 3, radius: 4.5, fill: colour)
            }
            svg.text(SVG.clip(name, 22), x: x + 20, y: y + 1, size: 11, fill: SVG.ink)
        }
    }

    enum LegendMarker { case square, line, dot }

    func chart(_ kind: String) -> Chart {
        Chart(kind: kind, title: text.title, svg: svg.document(title: text.title.isEmpty ? kind : text.title))
    }
}
