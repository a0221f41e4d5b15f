import Foundation

/// The step-2 computations SQLite is slow at, done in one pass over the events in Swift: each
/// returns exactly the rows of the SQL it stands for (`ReferenceQueries`), which stays the
/// readable definition and is what the tests compare against.
extension QueryService {
    /// The training set of `ReferenceQueries.trainingSet(source, seed:)` — the same rows and
    /// columns — computed by `TrainingSetBuilder` in one pass over each person's events instead
    /// of SQLite's window functions (seconds instead of most of a minute at 100,000 people).
    /// `source` is a dataset, optionally with `SNAPSHOT BETWEEN` and `$name` parameters.
    public func trainingSet(source: String = "events", seed: Int = 42, parameters: [String: Value] = [:]) throws -> QueryResult {
        try overEvents(of: source, withIDs: true, parameters: parameters, definition: ReferenceQueries.trainingSet(source, seed: seed)) {
            try TrainingSetBuilder(seed: seed).build(from: $0)
        }
    }

    /// The event co-occurrence of `ReferenceQueries.cooccurrence(source)` — the same rows —
    /// computed by `CooccurrenceBuilder` in one pass instead of a self-join of every person's
    /// spans (a fraction of a second instead of ten at 100,000 people).
    public func cooccurrence(source: String = "events", parameters: [String: Value] = [:]) throws -> QueryResult {
        try overEvents(of: source, withIDs: false, parameters: parameters, definition: ReferenceQueries.cooccurrence(source)) {
            try CooccurrenceBuilder().build(from: $0)
        }
    }

    /// The rows of `ReferenceQueries.basicStats(source)` (total rows, distinct people, distinct
    /// events), counted in Swift instead of SQLite's COUNT(DISTINCT …) B-trees.
    public func basicStats(source: String = "events", parameters: [String: Value] = [:]) throws -> QueryResult {
        try overEvents(of: source, withIDs: true, parameters: parameters, definition: ReferenceQueries.basicStats(source),
                       EventSummaries.basicStats)
    }

    /// The rows of `ReferenceQueries.eventCounts(source)` (events and people per event type),
    /// without SQLite's sort of every event for the GROUP BY and its DISTINCT B-trees.
    public func eventCounts(source: String = "events", parameters: [String: Value] = [:]) throws -> QueryResult {
        try overEvents(of: source, withIDs: false, parameters: parameters, definition: ReferenceQueries.eventCounts(source),
                       EventSummaries.eventCounts)
    }

    /// The rows of `ReferenceQueries.funnel(source)` (people and events per event type).
    public func funnel(source: String = "events", parameters: [String: Value] = [:]) throws -> QueryResult {
        try overEvents(of: source, withIDs: true, parameters: parameters, definition: ReferenceQueries.funnel(source),
                       EventSummaries.funnel)
    }

    /// The rows of `ReferenceQueries.correlation(source)` (each per-person event count's
    /// Pearson correlation with subscribing), without SQLite's sort of every event by person.
    public func correlation(source: String = "events", parameters: [String: Value] = [:]) throws -> QueryResult {
        try overEvents(of: source, withIDs: false, parameters: parameters, definition: ReferenceQueries.correlation(source),
                       EventSummaries.correlation)
    }

    /// Reads `userId, eventType, timestamp[, _id]` of `source` (a dataset, optionally with
    /// `SNAPSHOT BETWEEN` and `$name` parameters) — or reuses the events the previous call read,
    /// when it was the same source and nothing in the database has changed since — and hands
    /// them to `compute`; the result is reported as if `definition`, the SQL it equals, had run.
    private func overEvents(of source: String, withIDs: Bool, parameters: [String: Value], definition: String,
                            _ compute: (QueriedEvents) throws -> Table) throws -> QueryResult {
        let start = Date()
        let sql = "SELECT userId, eventType, timestamp\(withIDs ? ", _id" : "") FROM \(source)"
        let context = StatementContext(source: sql, tokens: SQLTokenizer.tokenize(sql)[...], number: 1, total: 1)
        let prepared = try prepare(context, from: 0, parameters: parameters)
        let table: Table
        do {
            table = try compute(try events(prepared, source: source, parameters: parameters, withIDs: withIDs))
        } catch let error as SQLiteError {
            throw report(error, context, offset: nil)
        }
        return QueryResult(statement: definition, outcome: .rows, table: table,
                           warnings: QueryResult.nullColumnWarnings(table), seconds: Date().timeIntervalSince(start))
    }

    private func events(_ prepared: PreparedStatement, source: String, parameters: [String: Value], withIDs: Bool) throws -> QueriedEvents {
        let key = EventCache.Key(source: source, parameters: parameters, database: try databaseState())
        if let cached = eventCache.events(for: key, withIDs: withIDs) { return cached }
        let justIngested = parameters.isEmpty ? ingestedEvents.take(source, at: key.database) : nil
        let events = try justIngested ?? splitRead(source, withIDs: withIDs) ?? QueriedEvents(prepared.statement)
        eventCache.keep(events, for: key)
        return events
    }

    /// The events of `source` read in two halves at once (`SplitEventReader`) when it names a
    /// dataset as a whole; nil for anything else (snapshot ranges, views of views) or when the
    /// reader declines.
    private func splitRead(_ source: String, withIDs: Bool) throws -> QueriedEvents? {
        guard try catalog.datasetExists(source) else { return nil }
        let dataset = try catalog.dataset(named: source)
        // A field named like SQLite's row id would hide it.
        let fields = try catalog.schema(named: dataset.schema).fields.map { $0.name.lowercased() }
        guard !fields.contains(where: { ["rowid", "_rowid_", "oid"].contains($0) }) else { return nil }
        return try splitReader.read(table: CatalogStore.rowsTable(dataset.name), withIDs: withIDs)
    }

    /// `trainingSet(source:seed:parameters:)` written to a new dataset, like `CREATE TABLE name AS`
    /// the featurization query. An existing dataset is a `ConflictError`, unless `replace` is true:
    /// then it is dropped once the rows are computed — dropping first would change the database
    /// and make the events the previous one-pass call read unusable (`EventCache`).
    @discardableResult
    public func createTrainingSet(_ name: String, source: String = "events", seed: Int = 42, replace: Bool = false,
                                  parameters: [String: Value] = [:]) throws -> QueryResult {
        if !replace, try catalog.datasetExists(name) {
            throw PipelineError(.conflict, "dataset `\(name)` already exists", hint: "drop it first, or pick another name")
        }
        let result = try trainingSet(source: source, seed: seed, parameters: parameters)
        if replace { try catalog.dropDataset(name) }
        try catalog.ensureDataset(name, inferringSchemaFrom: result.table, description: "training set of \(source), seed \(seed)")
        try catalog.ingest(result.table, into: name)
        return QueryResult(statement: result.statement, outcome: .created(dataset: name, rows: result.table.rowCount),
                           table: result.table, warnings: result.warnings, seconds: result.seconds)
    }
}
