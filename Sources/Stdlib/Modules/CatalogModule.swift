import Language
import Pipeline

/// `catalog`: schemas, datasets, batches, snapshots and export/import runs of the current workspace.
enum CatalogModule {
    static func make(_ context: Context) -> NativeModule {
        module("catalog", doc: "The workspace's catalog: schemas, datasets, batches, snapshots and export/import runs.", [
            .method(function("createDataset", [.positional("name", "String"), .labeled("schema", "Schema"),
                                               .labeled("profile", "Bool", default: false),
                                               .labeled("description", "String", default: "")],
                             returns: "Dataset",
                             doc: "Gets or creates a dataset on a schema (creating the schema too); profile: true feeds the profile store.") { a in
                let catalog = try context.catalog
                let schema = try a.object(1, as: SchemaObject.self).schema
                try catalog.ensureSchema(schema)
                try catalog.ensureDataset(try a.string(0), schema: schema.name, profileEnabled: try a.bool(2),
                                          description: try a.string(3))
                return try dataset(try a.string(0), catalog)
            }),
            .method(function("schema", [.positional("name", "String"), .labeled("fields", "[String: String]"),
                                        .labeled("identity", "String?", default: .null),
                                        .labeled("namespace", "String", default: "ECID"),
                                        .labeled("kind", "String", default: "record")],
                             returns: "Schema",
                             doc: "A schema from field name → type (Int, Double, String, Bool, Timestamp); the identity field is required.") { a in
                .object(SchemaObject(try schema(a)))
            }),
            .method(function("dataset", [.positional("name", "String")], returns: "Dataset",
                             doc: "The named dataset: its schema, profile flag, rows and snapshots.") { a in
                try dataset(try a.string(0), try context.catalog)
            }),
            .method(function("table", [.positional("name", "String")], returns: "Table",
                             doc: "A dataset's current rows as a table.") { a in
                TableObject.value(try context.catalog.read(try a.string(0)))
            }),
            .method(function("ingest", [.positional("table", "Table"), Parameter(label: "into", name: "dataset", type: "String"),
                                        .labeled("replace", "Bool", default: false)],
                             returns: "Batch",
                             doc: "Validates a table against the dataset's schema and ingests it as one atomic batch (replace: true replaces the rows).") { a in
                let batch = try context.catalog.ingest(try a.object(0, as: TableObject.self).table, into: try a.string(1),
                                                       mode: try a.bool(2) ? .replace : .append)
                return .object(batchRecord(batch))
            }),
            .method(function("datasets", returns: "Table", doc: "Every dataset with its schema, profile flag and snapshots.") { _ in
                TableObject.value(try context.catalog.datasetsTable())
            }),
            .method(function("schemas", returns: "Table", doc: "Every schema with its fields and identity.") { _ in
                TableObject.value(try context.catalog.schemasTable())
            }),
            .method(function("batches", [.positional("dataset", "String?", default: .null)], returns: "Table",
                             doc: "Ingestion batches (of one dataset, or all), oldest first: id, status, reason, rows, bytes, times.") { a in
                TableObject.value(try context.catalog.batchesTable(dataset: try a.optionalString(0)))
            }),
            .method(function("snapshots", [.positional("dataset", "String")], returns: "Table",
                             doc: "One snapshot per successful batch (the reference's history_meta); ranges over generations are inclusive.") { a in
                TableObject.value(try context.catalog.snapshotsTable(dataset: try a.string(0)))
            }),
            .method(function("exports", returns: "Table", doc: "Every export run with its metrics, oldest first.") { _ in
                TableObject.value(try context.catalog.runsTable(kind: .export))
            }),
            .method(function("imports", returns: "Table", doc: "Every import run with its metrics, oldest first.") { _ in
                TableObject.value(try context.catalog.runsTable(kind: .import))
            }),
        ])
    }

    private static func schema(_ a: Arguments) throws -> Schema {
        let identity = try a.optionalString(2)
        let fields = try a.dictionary(1).pairs.map { pair -> Field in
            let name = pair.key.stringValue ?? ""
            let typeName = pair.value.stringValue ?? ""
            guard let type = DataType.allCases.first(where: { $0.description == typeName }) else {
                throw LanguageError.valueError("field `\(name)` has the unknown type `\(typeName)`",
                                               hints: ["types: " + DataType.allCases.map(\.description).joined(separator: ", ")])
            }
            return Field(name, type, required: name == identity)
        }
        if let identity, !fields.contains(where: { $0.name == identity }) {
            throw LanguageError.valueError("the identity `\(identity)` is not one of the fields")
        }
        guard let kind = SchemaKind(rawValue: try a.string(4)) else {
            throw LanguageError.valueError("schema kind must be event, profile or record, got `\(try a.string(4))`")
        }
        let namespace = try a.string(3)
        return Schema(name: try a.string(0), kind: kind, fields: fields,
                      identity: identity.map { Identity(field: $0, namespace: namespace) })
    }

    static func dataset(_ name: String, _ catalog: Catalog) throws -> Language.Value {
        let dataset = try catalog.dataset(named: name)
        let snapshots = try catalog.snapshots(dataset: dataset.name)
        return .object(Record("Dataset", title: "Dataset \(dataset.name)", fields: [
            .init(name: "name", value: .string(dataset.name), doc: "The dataset's name (its SQL table name)."),
            .init(name: "schema", value: .string(dataset.schema), doc: "The schema its rows follow."),
            .init(name: "profile", value: .bool(dataset.profileEnabled), doc: "Whether it feeds the profile store."),
            .init(name: "rows", value: .int(try catalog.rowCount(dataset.name)), doc: "Rows now."),
            .init(name: "snapshots", value: .int(snapshots.count), doc: "Successful batches so far."),
            .init(name: "createdAt", value: .string(dataset.createdAt.description), doc: "When it was created."),
        ], payload: dataset))
    }

    static func batchRecord(_ batch: Batch) -> Record {
        Record("Batch", title: "Batch \(batch.id) into \(batch.dataset)", fields: [
            .init(name: "id", value: .string(batch.id), doc: "Sortable unique id."),
            .init(name: "dataset", value: .string(batch.dataset), doc: "The dataset written."),
            .init(name: "status", value: .string(batch.status.rawValue), doc: "staging, success or failed."),
            .init(name: "mode", value: .string(batch.mode.rawValue), doc: "append or replace."),
            .init(name: "rows", value: .int(batch.rows), doc: "Rows written."),
            .init(name: "bytes", value: .int(batch.bytes), doc: "Bytes written."),
        ], payload: batch)
    }
}
