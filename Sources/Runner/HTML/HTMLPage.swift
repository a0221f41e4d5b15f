import Foundation
import Ink
import JSON
import Notebook

/// Renders an executed notebook as one standalone HTML page (`--html DIR`): markdown rendered,
/// inputs highlighted, HTML tables and SVG charts inline, images as data URIs, errors without
/// terminal codes. No scripts, fonts or stylesheets are fetched from anywhere.
public enum HTMLPage {
    public static func render(_ notebook: Notebook, title: String, result: NotebookResult? = nil) -> String {
        let highlighter = Highlighter(.init(language: notebook.languageName))
        let markdown = MarkdownParser()
        var body = "<header><h1>\(HTML.escape(title))</h1>"
        if let result { body += "<p class=\"status \(result.status == .ok ? "ok" : "failed")\">\(HTML.escape(result.summaryLine))</p>" }
        body += "</header>\n"
        for cell in notebook.cells {
            switch cell.kind {
            case .markdown:
                body += "<section class=\"cell markdown\" id=\"cell-\(HTML.escape(cell.id))\">\(markdown.html(from: cell.source))</section>\n"
            case .raw:
                body += "<section class=\"cell raw\" id=\"cell-\(HTML.escape(cell.id))\"><pre>\(HTML.escape(cell.source))</pre></section>\n"
            case .code:
                let prompt = "In [\(cell.executionCount.map(String.init) ?? "&nbsp;")]:"
                let failed = result?.failure?.cellID == cell.id ? " failed" : ""
                body += "<section class=\"cell code\(failed)\" id=\"cell-\(HTML.escape(cell.id))\">"
                body += "<div class=\"prompt\">\(prompt)</div><pre class=\"input\"><code>\(highlighter.html(cell.source))</code></pre>"
                if !cell.outputs.isEmpty {
                    body += "<div class=\"outputs\">" + cell.outputs.map { output($0, markdown: markdown) }.joined() + "</div>"
                }
                body += "</section>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    /// One output, by the richest mimetype the page can show.
    static func output(_ output: Output, markdown: MarkdownParser) -> String {
        switch output {
        case .stream(let name, let text):
            return "<pre class=\"stream \(HTML.escape(name))\">\(HTML.escape(LineFolder.fold(ANSI.strip(text))))</pre>"
        case .error(let ename, let evalue, let traceback):
            let text = traceback.isEmpty ? "\(ename): \(evalue)" : traceback.map(ANSI.strip).joined(separator: "\n")
            return "<pre class=\"error\">\(HTML.escape(text))</pre>"
        case .displayData(let data, _), .executeResult(_, let data, _):
            return "<div class=\"output\">\(bundle(data, markdown: markdown))</div>"
        }
    }

    static func bundle(_ data: MimeBundle, markdown: MarkdownParser) -> String {
        if let svg = data["image/svg+xml"]?.stringValue { return "<div class=\"svg\">\(svg)</div>" }
        if let html = data["text/html"]?.stringValue { return html }
        for mime in ["image/png", "image/jpeg", "image/gif"] {
            if let base64 = data[mime]?.stringValue {
                let clean = base64.filter { !$0.isWhitespace }
                return "<img alt=\"output\" src=\"data:\(mime);base64,\(clean)\">"
            }
        }
        if let md = data["text/markdown"]?.stringValue { return markdown.html(from: md) }
        if let json = data.first(where: { Output.isJSONMime($0.key) })?.value {
            return "<pre>\(HTML.escape(JSONWriter(style: .python(indent: 2), sortKeys: true).string(json)))</pre>"
        }
        if let text = data["text/plain"]?.stringValue { return "<pre>\(HTML.escape(ANSI.strip(text)))</pre>" }
        return ""
    }

    static let style = """
        body{margin:0;background:#fafafa;color:#1f2328;font:15px/1.55 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif}\
        main{max-width:1000px;margin:0 auto;padding:24px}\
        header h1{font-size:1.6em;margin:0 0 4px}.status{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;padding:6px 10px;border-radius:6px}\
        .status.ok{background:#e6f4ea;color:#1a7f37}.status.failed{background:#ffebe9;color:#cf222e}\
        .cell{margin:14px 0}.cell.code{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}\
        .cell.failed{border-color:#cf222e}.prompt{font:12px ui-monospace,Menlo,Consolas,monospace;color:#57606a}\
        pre{font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word;margin:6px 0}\
        pre.input{background:#f6f8fa;padding:8px;border-radius:4px}.outputs{border-top:1px dashed #d0d7de;margin-top:6px;overflow-x:auto}\
        pre.stderr{background:#fff8e1}pre.error{background:#ffebe9;color:#82071e;padding:8px;border-radius:4px}\
        .kw{color:#cf222e}.str{color:#0a3069}.com{color:#6e7781;font-style:italic}.num{color:#0550ae}\
        table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:right}\
        th{background:#f6f8fa}img,svg{max-width:100%;height:auto}
        """
}

/// HTML escaping for text and attribute values.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
