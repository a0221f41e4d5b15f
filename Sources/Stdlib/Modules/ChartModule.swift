import Language
import Pipeline

/// `chart`: deterministic SVG charts of tables.
enum ChartModule {
    static func make() -> NativeModule {
        let text: [Parameter] = [.labeled("title", "String", default: ""), .labeled("xLabel", "String?", default: .null),
                                 .labeled("yLabel", "String?", default: .null)]
        return module("chart", doc: "SVG charts of tables (bar, funnel, histogram, heatmap, line, scatter) that render in notebooks, on GitHub and in browsers.", [
            .method(function("bar", [table, .labeled("x", "String"), .labeled("y", "String"),
                                     .labeled("horizontal", "Bool", default: false)] + text, returns: "Chart",
                             doc: "One bar per row: category column x, value column y.") { a in
                chart(try Chart.bar(try rows(a), x: try a.string(1), y: try a.string(2), horizontal: try a.bool(3),
                                    text: try labels(a, from: 4)))
            }),
            .method(function("funnel", [table, .labeled("stage", "String"), .labeled("value", "String"),
                                        .labeled("title", "String", default: "")], returns: "Chart",
                             doc: "Stages in row order, each bar labelled with its share of the first.") { a in
                chart(try Chart.funnel(try rows(a), stage: try a.string(1), value: try a.string(2),
                                       text: ChartText(title: try a.string(3))))
            }),
            .method(function("histogram", [table, .labeled("column", "String"), .labeled("bins", "Int", default: 20)] + text,
                             returns: "Chart", doc: "The distribution of a numeric column.") { a in
                chart(try Chart.histogram(try rows(a), column: try a.string(1), bins: try a.int(2), text: try labels(a, from: 3)))
            }),
            .method(function("heatmap", [table, .labeled("x", "String"), .labeled("y", "String"), .labeled("value", "String")] + text,
                             returns: "Chart", doc: "A grid of x × y cells coloured by value, with a colour legend.") { a in
                chart(try Chart.heatmap(try rows(a), x: try a.string(1), y: try a.string(2), value: try a.string(3),
                                        text: try labels(a, from: 4)))
            }),
            .method(function("line", [table, .labeled("x", "String"), .labeled("y", "[String]")] + text, returns: "Chart",
                             doc: "One line per y column against x, with a legend (ROC, reach and calibration curves).") { a in
                let series = try a.array(2).map { v -> String in
                    guard let s = v.stringValue else { throw LanguageError.typeError("y must list column names, got \(v.typeName)") }
                    return s
                }
                return chart(try Chart.line(try rows(a), x: try a.string(1), y: series, text: try labels(a, from: 3)))
            }),
            .method(function("scatter", [table, .labeled("x", "String"), .labeled("y", "String"),
                                         .labeled("color", "String?", default: .null)] + text, returns: "Chart",
                             doc: "Points at (x, y), optionally coloured by a category column.") { a in
                chart(try Chart.scatter(try rows(a), x: try a.string(1), y: try a.string(2), color: try a.optionalString(3),
                                        text: try labels(a, from: 4)))
            }),
        ])
    }

    private static let table = Parameter.positional("table", "Table")

    private static func rows(_ a: Arguments) throws -> Table { try a.object(0, as: TableObject.self).table }

    private static func labels(_ a: Arguments, from i: Int) throws -> ChartText {
        ChartText(title: try a.string(i), xLabel: try a.optionalString(i + 1), yLabel: try a.optionalString(i + 2))
    }

    static func chart(_ chart: Chart) -> Language.Value { .object(ChartObject(chart)) }
}
