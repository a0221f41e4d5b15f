/// Colours chosen to read on the white chart card and to stay distinct for common colour-vision
/// deficiencies: Tableau 10 for categories, viridis for quantities.
enum Palette {
    static let categorical = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                              "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    static func category(_ index: Int) -> String { categorical[index % categorical.count] }

    private static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]

    /// The viridis colour at `t` in 0...1 (dark purple → yellow).
    static func sequential(_ t: Double) -> String {
        let x = Swift.min(Swift.max(t.isFinite ? t : 0, 0), 1) * Double(viridis.count - 1)
        let i = Swift.min(Int(x), viridis.count - 2), f = x - Double(i)
        let (a, b) = (viridis[i], viridis[i + 1])
        return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// Whether dark text reads better than white on the sequential colour at `t`.
    static func isLight(_ t: Double) -> Bool { t > 0.55 }

    private static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { c -> String in
            let v = Int(c.rounded())
            return String([digits[v / 16], digits[v % 16]])
        }.joined()
    }
}
