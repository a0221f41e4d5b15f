import Foundation
import Language
import Pipeline

/// `sql`: the query service over the workspace's datasets, and the reference's featurization query.
enum SQLModule {
    static func make(_ context: Context) -> NativeModule {
        module("sql", doc: "SQL over the workspace's datasets: SQLite's dialect plus corr, stddev, percentile, median, seeded_random, time_between_previous_match, SNAPSHOT BETWEEN, CREATE TABLE … AS and INSERT INTO datasets.", [
            .method(function("query", [.positional("text", "String"), .labeled("params", "[String: Any]", default: .dictionary(OrderedDictionary()))],
                             returns: "Table?",
                             doc: "Runs SQL (one statement or a script) with $name parameters; the last statement's rows as a table (nil for a statement without rows, whose outcome is printed).") { a in
                let parameters = try a.dictionary(1).pairs.map { pair -> (String, Pipeline.Value) in
                    let name = pair.key.stringValue ?? ""
                    return (name, try Cells.require(pair.value, "parameter `\(name)`"))
                }
                return try run(try a.string(0), parameters: Dictionary(parameters, uniquingKeysWith: { $1 }), context: context, host: a.host)
            }),
            .method(function("createTable", [.positional("name", "String"), Parameter(label: "as", name: "query", type: "String"),
                                             .labeled("replace", "Bool", default: false)],
                             returns: "Dataset",
                             doc: "Creates a dataset from a query's rows (CREATE TABLE … AS); replace: true drops an existing one first, otherwise an existing one is a ConflictError.") { a in
                let name = try a.string(0)
                let workspace = try context.workspace()
                if try a.bool(2) { try workspace.catalog.dropDataset(name) }
                let result = try workspace.sql.run("CREATE TABLE \(name) AS \(try a.string(1))")
                warn(result.warnings, host: a.host)
                return try CatalogModule.dataset(name, workspace.catalog)
            }),
            .method(function("createTrainingSet", [.positional("name", "String"), .labeled("source", "String", default: "events"),
                                                   .labeled("seed", "Int", default: 42), .labeled("replace", "Bool", default: false)],
                             returns: "Dataset",
                             doc: "Creates a dataset holding exactly the rows of trainingSetQuery(source:seed:), computed in one pass over each person's events (much faster than the window query); replace: true drops an existing one first.") { a in
                let name = try a.string(0)
                let workspace = try context.workspace()
                let result = try bridging { try workspace.sql.createTrainingSet(name, source: try a.string(1), seed: try a.int(2), replace: try a.bool(3)) }
                warn(result.warnings, host: a.host)
                return try CatalogModule.dataset(name, workspace.catalog)
            }),
            .method(function("cooccurrence", [.labeled("source", "String", default: "events")], returns: "Table",
                             doc: "Event co-occurrence: for each ordered pair of event types, the people who had the first at or before some event of the later one, and that as a share of the people who had the first (eventType_First, eventType_Later, users, probability). The rows of cooccurrenceQuery(source:), computed in one pass.") { a in
                TableObject.value(try bridging { try context.workspace().sql.cooccurrence(source: try a.string(0)).table })
            }),
            .method(function("cooccurrenceQuery", [.labeled("source", "String", default: "events")], returns: "String",
                             doc: "The co-occurrence as SQL: the definition cooccurrence(source:) computes.") { a in
                .string(ReferenceQueries.cooccurrence(try a.string(0)))
            }),
            .method(function("trainingSetQuery", [.labeled("source", "String", default: "events"), .labeled("seed", "Int", default: 42)],
                             returns: "String",
                             doc: "The featurization query: one row per person with the label (subscriptionOccurred), 7 running counts and 7 recency features.") { a in
                .string(ReferenceQueries.trainingSet(try a.string(0), seed: try a.int(1)))
            }),
            .constant("featureColumns", .array(ReferenceQueries.featureColumns.map(Language.Value.string)),
                      doc: "The 14 feature columns of the training set, in order."),
        ]
        + summary("stats", query: "statsQuery", what: "Total rows, distinct people and distinct events (totalRows, distinctUsers, distinctEvents)",
                  compute: { try $0.basicStats(source: $1) }, definition: ReferenceQueries.basicStats, context)
        + summary("eventCounts", query: "eventCountsQuery", what: "Per event type, its events and the people who had it, most events first (eventType, events, users)",
                  compute: { try $0.eventCounts(source: $1) }, definition: ReferenceQueries.eventCounts, context)
        + summary("funnel", query: "funnelQuery", what: "Per event type, the people who had it and its events, most people first (eventType, distinctUsers, distinctEvents)",
                  compute: { try $0.funnel(source: $1) }, definition: ReferenceQueries.funnel, context)
        + summary("correlations", query: "correlationsQuery", what: "Pearson correlation of each per-person event count with subscribing, strongest first (feature, pearsonCorrelation)",
                  compute: { try $0.correlation(source: $1) }, definition: ReferenceQueries.correlation, context))
    }

    /// `sql.<name>(source:)`, the rows of a step-2 query computed in one pass over the events
    /// (much faster than SQLite's DISTINCT and GROUP BY over every event), and
    /// `sql.<query>(source:)`, that query's SQL.
    private static func summary(_ name: String, query: String, what: String,
                                compute: @escaping (QueryService, String) throws -> QueryResult,
                                definition: @escaping (String) -> String, _ context: Context) -> [HostMember] {
        [
            .method(function(name, [.labeled("source", "String", default: "events")], returns: "Table",
                             doc: "\(what): the rows of \(query)(source:), computed in one pass over the events.") { a in
                TableObject.value(try bridging { try compute(try context.workspace().sql, try a.string(0)).table })
            }),
            .method(function(query, [.labeled("source", "String", default: "events")], returns: "String",
                             doc: "The SQL \(name)(source:) computes.") { a in
                .string(definition(try a.string(0)))
            }),
        ]
    }

    /// Runs SQL on the current workspace: rows become a table; other statements print what they
    /// did. Warnings (a column null in every row) go to stderr, where they cannot be missed.
    static func run(_ text: String, parameters: [String: Pipeline.Value], context: Context, host: Language.Host) throws -> Language.Value {
        let result = try bridging { try context.workspace().sql.run(text, parameters: parameters) }
        warn(result.warnings, host: host)
        guard result.outcome == .rows else {
            host.write(result.summary + "\n", to: .output)
            return .null
        }
        return TableObject.value(result.table)
    }

    static func warn(_ warnings: [String], host: Language.Host) {
        for warning in warnings { host.write("warning: \(warning)\n", to: .error) }
    }
}
