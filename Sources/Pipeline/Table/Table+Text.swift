/// Plain-text rendering: what `text/plain` shows in a terminal and in notebook outputs.
extension Table: CustomStringConvertible {
    public var description: String { text() }

    /// A shape line, then aligned columns under their names and types; longer tables show their
    /// first and last `maxRows / 2` rows around a `…` row. Nulls read `null`.
    public func text(maxRows: Int = 20) -> String {
        let shown = DisplayRows(rowCount: rowCount, maxRows: maxRows)
        var grid: [[String]] = [[""] + columnNames, [""] + columns.map { $0.type.description }]
        for position in shown.positions {
            if let i = position {
                grid.append([String(i)] + columns.map { CellFormat.text($0[i]) ?? "null" })
            } else {
                grid.append([String](repeating: "…", count: columnCount + 1))
            }
        }
        let widths = (0...columnCount).map { c in grid.map { $0[c].count }.max() ?? 0 }
        let rightAligned = [true] + columns.map { CellFormat.isNumeric($0.type) }
        var lines = [shapeLine]
        for row in grid {
            let cells = row.enumerated().map { c, cell -> String in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned[c] ? pad + cell : cell + pad
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// `1,234 rows × 5 columns`.
    var shapeLine: String {
        "\(CellFormat.grouped(rowCount)) row\(rowCount == 1 ? "" : "s") × \(columnCount) column\(columnCount == 1 ? "" : "s")"
    }
}

/// Which rows a rendering shows: all of them, or the head and tail around one elided gap (`nil`).
struct DisplayRows {
    let positions: [Int?]
    let elided: Int

    init(rowCount: Int, maxRows: Int) {
        if rowCount <= Swift.max(maxRows, 2) {
            positions = Array(0..<rowCount)
            elided = 0
        } else {
            let half = Swift.max(maxRows, 2) / 2
            positions = Array(0..<half) + [nil] + Array(rowCount - half..<rowCount)
            elided = rowCount - 2 * half
        }
    }
}
