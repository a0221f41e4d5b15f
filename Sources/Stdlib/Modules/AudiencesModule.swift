import Foundation
import Language
import Pipeline

/// `audiences`: audience definitions in the rule language, stored in the workspace; evaluation
/// over the profile store into a membership dataset; and reach analysis before choosing a rule.
enum AudiencesModule {
    static func make(_ context: Context) -> NativeModule {
        func store() throws -> AudienceStore { try AudienceStore(workspace: try context.workspace()) }
        return module("audiences", doc: "Audiences (segments): rules over profile attributes such as `propensity >= 0.2 and propensity <= 0.93` (and / or / not, = != < <= > >=, in [..], exists(x), lower, upper, length, contains, startsWith, endsWith), stored in the workspace, evaluated over the profile store into a membership dataset; reach analysis to choose the bounds.", [
            .method(function("create", [.labeled("name", "String"), .labeled("rule", "String"), .labeled("description", "String", default: ""),
                                        .labeled("ttlDays", "Int", default: 30)],
                             returns: "Audience",
                             doc: "Defines (or redefines) an audience. The rule is parsed now and checked against the profile store's attributes, so a mistake is reported at its exact column.") { a in
                let audience = try Audience(name: try a.string(0), description: try a.string(2), expression: try a.string(1), ttlDays: try a.int(3))
                return .object(record(try store().save(audience)))
            }),
            .method(function("get", [.positional("name", "String")], returns: "Audience", doc: "A stored audience by name.") { a in
                .object(record(try store().audience(named: try a.string(0))))
            }),
            .method(function("remove", [.positional("name", "String")],
                             doc: "Removes a stored audience's definition; its evaluations and membership dataset stay as history.") { a in
                try store().remove(try a.string(0))
                return .null
            }),
            .method(function("list", returns: "Table",
                             doc: "Every stored audience: name, description, rule, TTL and its latest evaluation (dataset, qualified, profiles, seconds, when).") { _ in
                TableObject.value(try store().table())
            }),
            .method(function("evaluate", [.positional("audience", "Any"), Parameter(label: "into", name: "dataset", type: "String?", default: .null)],
                             returns: "AudienceEvaluation",
                             doc: "Evaluates an audience (or its name) over the profile store now and ingests the members into `dataset` (default audience_<name>) as one batch replacing the previous membership; reports the qualified count and the time taken.") { a in
                let (evaluation, stored) = try store().evaluate(try name(of: a[0], "Audience"), into: try a.optionalString(1))
                return .object(Record("AudienceEvaluation", title: "Audience \(stored.audience): \(CellFormat.grouped(stored.qualified)) of \(CellFormat.grouped(stored.total)) profiles qualify", fields: [
                    .init(name: "audience", value: .string(stored.audience), doc: "The audience evaluated."),
                    .init(name: "rule", value: .string(stored.expression), doc: "Its rule."),
                    .init(name: "qualified", value: .int(stored.qualified), doc: "Profiles that qualify."),
                    .init(name: "profiles", value: .int(stored.total), doc: "Profiles evaluated."),
                    .init(name: "seconds", value: .double(stored.seconds), doc: "Time taken by the whole job: reading the profiles, the rule, writing the members."),
                    .init(name: "dataset", value: .string(stored.dataset), doc: "The membership dataset."),
                    .init(name: "batch", value: .string(stored.batch), doc: "The batch holding the members."),
                    .init(name: "members", value: TableObject.value(evaluation.members), doc: "identity, audience, qualified_at, expires_at."),
                ], payload: evaluation))
            }),
            .method(function("reach", [.labeled("attribute", "String", default: "propensity"), .labeled("buckets", "Int", default: 20)],
                             returns: "Reach",
                             doc: "How many profiles a rule on `attribute` (0…1) would reach: equal-width buckets, reach above and below each edge, the reach of every [from, to] interval (matrix and heatmap), and exact counts between any two thresholds.") { a in
                let attribute = try a.string(0)
                let store = ProfileStore(workspace: try context.workspace())
                guard try store.count() > 0 else {
                    throw PipelineError(.audience, "the profile store is empty, so there is no reach to analyse",
                                        hint: "merge the profile-enabled datasets first (profiles.merge())")
                }
                let names = Array(try store.columns().columnNames.dropFirst())
                guard names.contains(attribute) else {
                    throw PipelineError(.unknownColumn, "no profile attribute `\(attribute)`",
                                        hint: Suggestion.closest(to: attribute, in: names).map { "did you mean `\($0)`?" } ?? "attributes: \(names.joined(separator: ", "))")
                }
                // Only the attribute analysed is read, not every attribute of every profile.
                let column = try store.table(attributes: [attribute]).column(attribute)
                guard let scores = column.doubles else {
                    throw LanguageError.typeError("reach needs a numeric attribute; `\(attribute)` is \(column.type)")
                }
                let started = Date()
                let present = (0..<column.count).filter { !column.isNull($0) }.map { scores[$0] }
                let reach = try ReachAnalysis(scores: present, buckets: try a.int(1))
                return .object(try reachRecord(reach, attribute: attribute, started: started))
            }),
        ])
    }

    /// The name of an audience or destination given as its record or as a string.
    static func name(of value: Language.Value, _ typeName: String) throws -> String {
        if let text = value.stringValue { return text }
        if let record = value.objectValue as? Record, record.typeName == typeName, let name = record["name"]?.stringValue { return name }
        throw LanguageError.typeError("expected an \(typeName) or its name, got \(value.typeName)")
    }

    static func record(_ audience: Audience) -> Record {
        Record("Audience", title: "Audience \(audience.name)", fields: [
            .init(name: "name", value: .string(audience.name), doc: "Its name."),
            .init(name: "description", value: .string(audience.description), doc: "What it is for."),
            .init(name: "rule", value: .string(audience.expression), doc: "Who qualifies."),
            .init(name: "ttlDays", value: .int(audience.ttlDays), doc: "How long a qualification lasts."),
        ], payload: audience)
    }

    /// The reach as a record; `seconds` runs from `started` until its tables and charts are built.
    static func reachRecord(_ reach: ReachAnalysis, attribute: String, started: Date) throws -> Record {
        Record("Reach", title: "Reach of \(CellFormat.grouped(reach.total)) profiles by \(attribute)", fields: [
            .init(name: "profiles", value: .int(reach.total), doc: "Profiles with a value."),
            .init(name: "buckets", value: TableObject.value(reach.table),
                  doc: "Per bucket: edges, profiles, reach at or above / at or below it, strictly above / below it."),
            .init(name: "intervals", value: TableObject.value(reach.intervalTable(attribute: attribute)),
                  doc: "Every (from, to) pair of edges with its reach and rule."),
            .init(name: "matrix", value: TableObject.value(reach.matrix), doc: "The interval reach matrix: rows from, columns to."),
            .init(name: "histogram", value: .object(ChartObject(try reach.histogram(attribute: attribute))), doc: "Profiles per bucket."),
            .init(name: "thresholds", value: .object(ChartObject(try reach.thresholds(attribute: attribute))), doc: "Reach above and below each edge."),
            .init(name: "heatmap", value: .object(ChartObject(try reach.heatmap(attribute: attribute))), doc: "The interval matrix as a heatmap."),
            .init(name: "seconds", value: .double(Date().timeIntervalSince(started)), doc: "Time taken, tables and charts included."),
        ], methods: [
            function("between", [.positional("low", "Double"), .positional("high", "Double")], returns: "Int",
                     doc: "Profiles with low ≤ \(attribute) ≤ high, exactly: what the rule `\(attribute) >= low and \(attribute) <= high` qualifies.") { a in
                .int(reach.count(from: try a.double(0), to: try a.double(1)))
            },
        ], payload: reach)
    }
}
