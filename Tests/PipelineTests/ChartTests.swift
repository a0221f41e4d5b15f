import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Pipeline
import XCTest

/// Charts are checked for structure and determinism here; how they look is checked by eye from the
/// PNGs `PROPEL_CHART_SAMPLES=<folder>` makes these tests write (rsvg-convert them).
final class ChartTests: XCTestCase {
    let events = ["web.webpagedetails.pageViews", "web.formFilledOut", "commerce.productViews",
                  "commerce.purchases", "directMarketing.emailOpened"]

    func samples() throws -> [String: Chart] {
        let correlations = try Table([Column("event", strings: events), Column("corr", doubles: [0.42, 1, 0.18, -0.07, 0.31])])
        let funnel = try Table([Column("stage", strings: ["emailSent", "emailOpened", "emailClicked", "formFilledOut"]),
                                Column("users", ints: [9500, 4100, 1290, 310])])
        var generator = SplitMix64(seed: 3)
        let scores = try Table([Column("propensity", doubles: (0..<5000).map { _ in
            let u = Double(generator.next() % 10_000) / 10_000
            return u * u
        } + [0], nulls: (0...5000).map { $0 == 5000 })])
        var pairs: [[Value]] = []
        for a in events { for b in events { pairs.append([.string(a), .string(b), .double(a == b ? 1 : Double((a.count * 7 + b.count * 3) % 10) / 10)]) } }
        let cooccurrence = try Table(names: ["first", "second", "probability"], rows: pairs)
        let allTypes = events + ["web.webinteraction.linkClicks", "commerce.productListAdds", "commerce.productListRemovals",
                                 "commerce.checkouts", "decisioning.propositionDisplay", "decisioning.propositionInteract",
                                 "directMarketing.emailSent", "directMarketing.emailClicked"]
        let large = try Table(names: ["first", "second", "p"], rows: allTypes.flatMap { a in
            allTypes.map { b in [.string(a), .string(b), .double(Double((a.count * 31 + b.count * 17) % 100) / 100)] }
        })
        let thresholds = stride(from: 0.0, through: 1.0, by: 0.05).map { $0 }
        let roc = try Table([Column("fpr", doubles: thresholds), Column("logistic", doubles: thresholds.map { pow($0, 0.35) }),
                             Column("boosted", doubles: thresholds.map { pow($0, 0.25) }), Column("chance", doubles: thresholds)])
        let trials = try Table(names: ["trial", "loss", "model"], rows: (0..<40).map { i in
            [.int(i), .double(0.3 + Double((i * 37) % 17) / 60), .string(["logistic", "boosted", "forest"][i % 3])]
        })
        return [
            "bar-horizontal": try Chart.bar(correlations, x: "event", y: "corr", horizontal: true,
                                            text: ChartText(title: "Correlation with web.formFilledOut", xLabel: "Pearson r")),
            "bar-vertical": try Chart.bar(correlations, x: "event", y: "corr", text: ChartText(title: "Correlation by event type")),
            "funnel": try Chart.funnel(funnel, stage: "stage", value: "users", text: ChartText(title: "Email funnel")),
            "histogram": try Chart.histogram(scores, column: "propensity", bins: 20, text: ChartText(title: "Profiles per propensity bucket")),
            "heatmap": try Chart.heatmap(cooccurrence, x: "second", y: "first", value: "probability",
                                         text: ChartText(title: "P(second | first)")),
            "heatmap-13x13": try Chart.heatmap(large, x: "second", y: "first", value: "p",
                                               text: ChartText(title: "Event co-occurrence probability")),
            "line": try Chart.line(roc, x: "fpr", y: ["logistic", "boosted", "chance"],
                                   text: ChartText(title: "ROC curves", xLabel: "false positive rate", yLabel: "true positive rate")),
            "scatter": try Chart.scatter(trials, x: "trial", y: "loss", color: "model", text: ChartText(title: "Search trials")),
        ]
    }

    func testSameDataGivesSameBytesAndWellFormedSVG() throws {
        let first = try samples(), second = try samples()
        for (name, chart) in first {
            XCTAssertEqual(chart.svg, second[name]!.svg, name)
            XCTAssertTrue(chart.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), name)
            XCTAssertFalse(chart.svg.contains("<script"), name)
            XCTAssertFalse(chart.svg.contains("nan") || chart.svg.contains("inf"), name)
            let parser = XMLParser(data: Data(chart.svg.utf8))
            XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
        }
        if let folder = ProcessInfo.processInfo.environment["PROPEL_CHART_SAMPLES"] {
            for (name, chart) in first { try chart.save(to: folder + "/" + name + ".svg") }
        }
    }

    func testChartsCarryTitlesLabelsAndLegends() throws {
        let charts = try samples()
        XCTAssertTrue(charts["line"]!.svg.contains(">false positive rate</text>"))
        XCTAssertTrue(charts["line"]!.svg.contains(">boosted</text>"), "legend names every series")
        XCTAssertTrue(charts["scatter"]!.svg.contains(">forest</text>"))
        XCTAssertTrue(charts["funnel"]!.svg.contains("1,290 (13.6%)"))
        XCTAssertTrue(charts["histogram"]!.svg.contains("n = 5,000, 1 null"))
        XCTAssertTrue(charts["bar-horizontal"]!.svg.contains(">Correlation with web.formFilledOut</text>"))
        XCTAssertEqual(charts["heatmap"]!.svg.components(separatedBy: "<rect").count - 1, 1 + 25 + 48, "card, cells, legend steps")
    }

    func testTextIsEscapedAndBadColumnsAreNamed() throws {
        let t = try Table([Column("name", strings: ["<a&b>"]), Column("v", ints: [3])])
        let svg = try Chart.bar(t, x: "name", y: "v", text: ChartText(title: "x < y")).svg
        XCTAssertTrue(svg.contains("&lt;a&amp;b&gt;") && svg.contains("x &lt; y"))
        XCTAssertThrowsError(try Chart.bar(t, x: "v", y: "name")) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .typeMismatch)
            XCTAssertTrue("\(error)".contains("`name`"), "\(error)")
        }
        XCTAssertThrowsError(try Chart.histogram(t, column: "vv")) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `v`?")
        }
        XCTAssertThrowsError(try Chart.histogram(t, column: "v", bins: 0))
        XCTAssertThrowsError(try Chart.line(t, x: "v", y: []))
    }

    func testEmptyAndConstantDataStillDraw() throws {
        let empty = try Table([Column("x", doubles: []), Column("y", doubles: [])])
        XCTAssertNoThrow(try Chart.line(empty, x: "x", y: ["y"]))
        XCTAssertNoThrow(try Chart.histogram(try Table([Column("x", ints: [5, 5, 5])]), column: "x"))
        XCTAssertNoThrow(try Chart.scatter(empty, x: "x", y: "y"))
    }

    func testNiceTicks() throws {
        let t = try Table([Column("x", doubles: [0, 0.93]), Column("y", doubles: [3, 1234])])
        let svg = try Chart.line(t, x: "x", y: ["y"]).svg
        for label in [">0.2</text>", ">1.0</text>", ">1,250</text>", ">0</text>"] { XCTAssertTrue(svg.contains(label), label) }
    }
}
