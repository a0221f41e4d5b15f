import Language
import Pipeline

/// A chart as a value: displays as SVG; `svg` gives the text and `save(_:)` writes it.
final class ChartObject: HostObject {
    let chart: Chart

    init(_ chart: Chart) { self.chart = chart }

    var typeName: String { "Chart" }
    var doc: String { "An SVG chart; it displays as an image in notebooks." }

    var members: [HostMember] {
        let chart = self.chart
        return [
            .constant("kind", .string(chart.kind), doc: "bar, funnel, histogram, heatmap, line or scatter."),
            .constant("title", .string(chart.title), doc: "The chart's title."),
            .constant("svg", .string(chart.svg), doc: "The SVG document."),
            .method(function("save", [.positional("path", "String")], doc: "Writes the SVG to a file (atomically).") { a in
                try chart.save(to: try a.string(0))
                return .null
            }),
        ]
    }

    func display() -> MimeBundle {
        ["text/plain": "<Chart \(chart.kind)\(chart.title.isEmpty ? "" : ": \(chart.title)")>", "image/svg+xml": chart.svg]
    }
}
