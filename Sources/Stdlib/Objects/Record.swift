import Language
import Pipeline

/// A library result shown as a small summary — a simulation, an export, an import run, a scoring
/// run: named, documented fields readable as members (`simulation.conversion`), rendered as a
/// titled two-column HTML table and as `Type(field: value, …)` text. `payload` keeps the library
/// value the record describes, for functions that take the record back as an argument.
final class Record: HostObject {
    struct Field {
        let name: String
        let value: Language.Value
        let doc: String
    }

    let typeName: String
    let title: String
    let fields: [Field]
    let methods: [NativeFunction]
    let payload: Any?

    init(_ typeName: String, title: String, fields: [Field], methods: [NativeFunction] = [], payload: Any? = nil) {
        self.typeName = typeName
        self.title = title
        self.fields = fields
        self.methods = methods
        self.payload = payload
    }

    var members: [HostMember] {
        fields.map { field in HostMember.constant(field.name, field.value, doc: field.doc) } + methods.map(HostMember.method)
    }

    /// The field's value, or nil.
    subscript(_ name: String) -> Language.Value? { fields.first { $0.name == name }?.value }

    func display() -> MimeBundle {
        let text = "\(typeName)(" + fields.map { "\($0.name): \(Summary.plain($0.value))" }.joined(separator: ", ") + ")"
        let rows = fields.map { field in
            "<tr><th style=\"text-align:left;padding-right:1em\">\(HTML.escape(field.name))</th>"
                + "<td style=\"text-align:left\">\(Summary.html(field.value))</td></tr>"
        }.joined()
        let html = "<div><div style=\"font-weight:600;margin-bottom:4px\">\(HTML.escape(title))</div><table>\(rows)</table></div>"
        return ["text/plain": text, "text/html": html]
    }
}

/// Short human forms of values inside summaries: grouped integers, rounded doubles.
enum Summary {
    static func plain(_ value: Language.Value) -> String {
        switch value {
        case .null: return "nil"
        case .int(let i): return CellFormat.grouped(i)
        case .double(let d): return CellFormat.number(d)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return items.map(plain).joined(separator: ", ")
        case .object(let o): return o.typeName
        default: return value.typeName
        }
    }

    /// HTML for a summary cell: a nested object's own rendering (a table of event counts), else
    /// the escaped short form.
    static func html(_ value: Language.Value) -> String {
        if case .object(let o) = value, let html = o.display()["text/html"] { return html }
        return HTML.escape(plain(value))
    }
}
