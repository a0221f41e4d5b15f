/// A small SVG writer. Numbers are written with at most two decimals through integer arithmetic, so
/// the same chart always has the same bytes (no locale, no platform float printing).
struct SVG {
    let width: Double
    let height: Double
    private(set) var body = ""

    static let font = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
    static let ink = "#222222"
    static let mutedInk = "#555555"
    static let grid = "#e6e6e6"
    static let axis = "#9a9a9a"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// `12`, `12.5`, `12.25`: the shortest form with at most two decimals.
    static func number(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let whole = String(abs(hundredths) / 100), fraction = abs(hundredths) % 100
        let sign = hundredths < 0 ? "-" : ""
        if fraction == 0 { return sign + whole }
        return sign + whole + "." + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "") {
        body += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(Swift.max(width, 0)))\" height=\"\(SVG.number(Swift.max(height, 0)))\" fill=\"\(fill)\"\(extra)/>\n"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, extra: String = "") {
        body += "<line x1=\"\(SVG.number(x1))\" y1=\"\(SVG.number(y1))\" x2=\"\(SVG.number(x2))\" y2=\"\(SVG.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.number(width))\"\(extra)/>\n"
    }

    mutating func circle(_ cx: Double, _ cy: Double, radius: Double, fill: String, extra: String = "") {
        body += "<circle cx=\"\(SVG.number(cx))\" cy=\"\(SVG.number(cy))\" r=\"\(SVG.number(radius))\" fill=\"\(fill)\"\(extra)/>\n"
    }

    /// A polyline through `points`.
    mutating func path(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        guard let first = points.first else { return }
        var d = "M\(SVG.number(first.0)) \(SVG.number(first.1))"
        for p in points.dropFirst() { d += "L\(SVG.number(p.0)) \(SVG.number(p.1))" }
        body += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.number(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
    }

    enum Anchor: String { case start, middle, end }

    /// Text at (x, y) on its baseline; `rotate` turns it about that point (degrees, clockwise).
    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                       fill: String = SVG.ink, weight: String? = nil, rotate: Double? = nil) {
        var attributes = "x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" font-size=\"\(SVG.number(size))\" fill=\"\(fill)\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotate { attributes += " transform=\"rotate(\(SVG.number(rotate)) \(SVG.number(x)) \(SVG.number(y)))\"" }
        body += "<text \(attributes)>\(HTML.escape(content))</text>\n"
    }

    mutating func raw(_ element: String) { body += element + "\n" }

    /// The document: a white card (so dark notebook themes show the chart as drawn) holding `body`.
    func document(title: String) -> String {
        let w = SVG.number(width), h = SVG.number(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" font-family=\"\(SVG.font)\">\n"
            + "<title>\(HTML.escape(title))</title>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" rx=\"4\" fill=\"#ffffff\"/>\n"
            + body + "</svg>\n"
    }

    /// Approximate rendered width of `text` at `size` (average glyph ≈ 0.58 em), for layout only.
    static func textWidth(_ text: String, size: Double = 12) -> Double { Double(text.count) * size * 0.58 }

    /// `text` cut to `limit` characters with `…`.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
