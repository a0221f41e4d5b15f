/// HTML rendering for notebooks: readable in JupyterLab's light and dark themes, on GitHub and in a
/// browser. Styles are inline (no `<style>` element, which sanitizers strip) and use no colours of
/// their own — only opacity and translucent grey — so the theme's text colour always shows through.
extension Table {
    /// A shape line, a header with each column's name and type, then the rows (the first and last
    /// `maxRows / 2` around a row that says how many are hidden). Text is escaped, nulls are shown
    /// in muted italics, numbers right-aligned.
    public func html(maxRows: Int = 20) -> String {
        let shown = DisplayRows(rowCount: rowCount, maxRows: maxRows)
        let cell = "padding:2px 8px;border-bottom:1px solid rgba(128,128,128,0.25);white-space:nowrap;"
        func align(_ c: Column) -> String { CellFormat.isNumeric(c.type) ? "text-align:right;" : "text-align:left;" }
        let muted = "opacity:0.55;font-weight:normal;"

        var out = "<div style=\"overflow-x:auto\">"
        out += "<div style=\"\(muted)font-size:0.85em;margin:2px 0 4px\">\(shapeLine)</div>"
        out += "<table style=\"border-collapse:collapse;font-size:0.9em;font-variant-numeric:tabular-nums\">"
        out += "<thead><tr><th style=\"\(cell)\"></th>"
        for c in columns {
            out += "<th style=\"\(cell)\(align(c))border-bottom:1px solid rgba(128,128,128,0.6)\">\(HTML.escape(c.name))"
            out += "<br><span style=\"\(muted)font-size:0.85em\">\(c.type)</span></th>"
        }
        out += "</tr></thead><tbody>"
        for position in shown.positions {
            guard let i = position else {
                out += "<tr><td colspan=\"\(columnCount + 1)\" style=\"\(cell)\(muted)text-align:center\">… \(CellFormat.grouped(shown.elided)) more rows …</td></tr>"
                continue
            }
            out += "<tr><td style=\"\(cell)\(muted)text-align:right\">\(i)</td>"
            for c in columns {
                if let text = CellFormat.text(c[i]) {
                    out += "<td style=\"\(cell)\(align(c))\">\(HTML.escape(text))</td>"
                } else {
                    out += "<td style=\"\(cell)\(align(c))\"><span style=\"\(muted)font-style:italic\">null</span></td>"
                }
            }
            out += "</tr>"
        }
        out += "</tbody></table></div>"
        return out
    }
}

/// Escaping for text placed in HTML and SVG (element content and quoted attributes).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
