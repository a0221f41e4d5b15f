import Language
import Pipeline

/// A schema as a value: its fields as a table, with the identity field marked.
final class SchemaObject: HostObject {
    let schema: Schema

    init(_ schema: Schema) { self.schema = schema }

    var typeName: String { "Schema" }
    var doc: String { "A named list of typed fields with an identity; every batch ingested into a dataset on it is validated against it." }

    var fieldsTable: Table {
        let identity = schema.identity
        return try! Table(names: ["field", "type", "required", "identity"], rows: schema.fields.map { field in
            [.string(field.name), .string(field.type.description), .bool(field.required),
             field.name == identity?.field ? .string("\(identity!.namespace)\(identity!.primary ? ", primary" : "")") : .null]
        })
    }

    var members: [HostMember] {
        let schema = self.schema, fields = fieldsTable
        return [
            .constant("name", .string(schema.name), doc: "The schema's name."),
            .constant("kind", .string(schema.kind.rawValue), doc: "event, profile or record."),
            .constant("identity", schema.identity.map { .string($0.field) } ?? .null, doc: "The identity field, if any."),
            .property("fields", type: "Table", doc: "The fields with their types.") { TableObject.value(fields) },
        ]
    }

    func display() -> MimeBundle {
        let heading = "Schema \(schema.name) (\(schema.kind.rawValue)), \(schema.fields.count) fields"
        return [
            "text/plain": heading + "\n" + fieldsTable.text(maxRows: 200),
            "text/html": "<div><div style=\"font-weight:600;margin-bottom:4px\">\(HTML.escape(heading))</div>\(fieldsTable.html(maxRows: 200))</div>",
        ]
    }
}
