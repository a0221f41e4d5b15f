import Foundation
import Language
import Pipeline

/// `profiles`: the profile store — one profile per identity, merged from the profile-enabled
/// profile datasets — and the global `profile(_:)` lookup.
enum ProfilesModule {
    static func make(_ context: Context) -> NativeModule {
        func store() throws -> ProfileStore { ProfileStore(workspace: try context.workspace()) }
        return module("profiles", doc: "The profile store: one profile per identity, merging the attributes of every profile-enabled profile dataset (latest batch wins, a missing value keeps the earlier one). Rebuilt atomically by merge(); audiences are evaluated over it.", [
            .method(function("merge", returns: "ProfileMerge",
                             doc: "Rebuilds the store from the profile-enabled profile datasets in one transaction, checking that every identity read became exactly one profile.") { _ in
                let started = Date()
                let report = try store().rebuild()
                let sources = report.sources.sorted { $0.key < $1.key }
                return .object(Record("ProfileMerge", title: "Merged \(CellFormat.grouped(report.profiles)) profiles", fields: [
                    .init(name: "profiles", value: .int(report.profiles), doc: "Profiles in the store."),
                    .init(name: "rowsRead", value: .int(report.rowsRead), doc: "Rows read from all profile datasets."),
                    .init(name: "attributes", value: .array(report.attributes.map(Language.Value.string)), doc: "The merged attributes."),
                    .init(name: "sources", value: TableObject.value(try Table([Column("dataset", strings: sources.map(\.key)),
                                                                               Column("rows", ints: sources.map(\.value))])),
                          doc: "Rows read per profile dataset."),
                    .init(name: "seconds", value: .double(Date().timeIntervalSince(started)), doc: "Time taken."),
                ], payload: report))
            }),
            .property("count", type: "Int", doc: "Profiles in the store now (0 before the first merge).") {
                .int(try bridging { try store().count() })
            },
            .method(function("table", returns: "Table", doc: "The whole store: `identity`, then every attribute.") { _ in
                TableObject.value(try store().table())
            }),
        ])
    }

    /// `profile(_ id:)`: one person's merged attributes.
    static func globals(_ context: Context) -> [NativeFunction] {
        [
            function("profile", [.positional("id", "String")], returns: "[String: Any]?",
                     doc: "One profile from the store: `identity` then its attributes (nulls left out), or nil for an unknown identity.") { a in
                guard let attributes = try ProfileStore(workspace: try context.workspace()).profile(try a.string(0)) else { return .null }
                let identity = ProfileStore.identityColumn
                let ordered = attributes.sorted { $0.key == identity || ($1.key != identity && $0.key < $1.key) }
                return .dictionary(OrderedDictionary(ordered.map { (.string($0.key), Cells.language($0.value)) }))
            },
        ]
    }
}
