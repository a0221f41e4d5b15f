import Foundation

/// A rendered chart: standalone SVG with no JavaScript, the same bytes for the same data, drawn on
/// a white card so it reads the same in JupyterLab's light and dark themes, on GitHub and in a browser.
public struct Chart: Sendable {
    /// `bar`, `funnel`, `histogram`, `heatmap`, `line` or `scatter`.
    public let kind: String
    public let title: String
    public let svg: String

    /// Writes the SVG to `path` atomically (a temporary file renamed into place).
    public func save(to path: String) throws {
        try AtomicWrite.replace(URL(fileURLWithPath: path), with: Data(svg.utf8))
    }
}

/// The words around a chart: title and axis labels (an axis label defaults to its column's name).
public struct ChartText: Sendable {
    public var title: String
    public var xLabel: String?
    public var yLabel: String?

    public init(title: String = "", xLabel: String? = nil, yLabel: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }
}

/// Chart size in SVG pixels (a notebook output is about 800 px wide).
enum ChartSize {
    static let width = 720.0
    static let height = 420.0
}
