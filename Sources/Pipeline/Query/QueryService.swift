import Foundation

/// SQL over the workspace's datasets: SQLite's dialect plus the reference's functions
/// (`QueryFunctions`), `SNAPSHOT BETWEEN` ranges (`SnapshotRewriter`), `$name` parameters, and
/// statements that create or append to datasets through the catalog:
///
/// - `CREATE TABLE [IF NOT EXISTS] name AS SELECT …` makes a new dataset (schema inferred from
///   the result) holding the rows as its first batch. Without IF NOT EXISTS an existing dataset
///   is a `ConflictError`, with it the statement does nothing.
/// - `INSERT INTO dataset [(columns)] SELECT …|VALUES …` appends the rows as a new batch,
///   validated against the dataset's schema.
/// - `DROP TABLE [IF EXISTS] dataset` drops the dataset and its catalog records.
///
/// Everything else goes to SQLite unchanged. Scripts run statement by statement; the first
/// failure stops the script and names the statement with a caret at the failing position.
public final class QueryService {
    private let db: SQLiteDatabase
    let catalog: Catalog
    private let functions = QueryFunctions()
    /// The events of the last one-pass computation (see `EventCache`).
    var eventCache = EventCache()
    /// The events this connection has just ingested (see `IngestedEvents`).
    var ingestedEvents = IngestedEvents()
    /// Reads a dataset's events on two connections at once for the one-pass computations.
    let splitReader: SplitEventReader

    init(database: SQLiteDatabase, catalog: Catalog) throws {
        db = database
        splitReader = SplitEventReader(database: database)
        self.catalog = catalog
        try functions.register(on: db)
        catalog.ingestObserver = { [weak self] in self?.ingestedEvents.committed($0) }
    }

    /// Resets the stream behind `rand()` / `randn()` (also `SELECT setseed(n)` in SQL).
    public func seed(_ value: UInt64) { functions.reseed(value) }

    func databaseState() throws -> [Int] { try db.changeStamp() }

    /// Runs every statement of `sql` and returns the last one's result.
    @discardableResult
    public func run(_ sql: String, parameters: [String: Value] = [:]) throws -> QueryResult {
        guard let last = try script(sql, parameters: parameters).last else {
            throw PipelineError(.sql, "no SQL statement to run")
        }
        return last
    }

    /// Runs every statement of `sql` in order and returns each one's result.
    public func script(_ sql: String, parameters: [String: Value] = [:]) throws -> [QueryResult] {
        let tokens = SQLTokenizer.tokenize(sql)
        let statements = SQLTokenizer.statements(tokens)
        var results: [QueryResult] = []
        for (n, statement) in statements.enumerated() {
            let start = Date()
            let context = StatementContext(source: sql, tokens: statement, number: n + 1, total: statements.count)
            let (outcome, table) = try execute(context, parameters: parameters)
            results.append(QueryResult(statement: context.text, outcome: outcome, table: table,
                                       warnings: QueryResult.nullColumnWarnings(table),
                                       seconds: Date().timeIntervalSince(start)))
        }
        return results
    }

    /// Runs `select` and appends its rows to `dataset`, creating the dataset (schema inferred)
    /// when it does not exist yet — the reference's "CTAS on the first run, INSERT INTO on later
    /// runs" template as one idempotent call.
    @discardableResult
    public func createOrAppend(_ select: String, into dataset: String, parameters: [String: Value] = [:]) throws -> QueryResult {
        let table = try run(select, parameters: parameters).table
        let existed = try catalog.datasetExists(dataset)
        if !existed { try catalog.ensureDataset(dataset, inferringSchemaFrom: table) }
        try catalog.ingest(table, into: dataset, mode: .append)
        return QueryResult(statement: select, outcome: existed ? .inserted(dataset: dataset, rows: table.rowCount)
                               : .created(dataset: dataset, rows: table.rowCount),
                           table: .empty, warnings: QueryResult.nullColumnWarnings(table), seconds: 0)
    }

    // MARK: Statements

    struct StatementContext {
        let source: String
        let tokens: ArraySlice<SQLToken>
        let number: Int
        let total: Int
        var text: String {
            let bytes = Array(source.utf8)
            guard let first = tokens.first, let last = tokens.last else { return "" }
            return String(decoding: bytes[first.range.lowerBound..<last.range.upperBound], as: UTF8.self)
        }
        func keyword(_ i: Int) -> String { i < tokens.count ? tokens[tokens.startIndex + i].keyword : "" }
        func token(_ i: Int) -> SQLToken? { i < tokens.count ? tokens[tokens.startIndex + i] : nil }
    }

    private func execute(_ s: StatementContext, parameters: [String: Value]) throws -> (QueryResult.Outcome, Table) {
        // CREATE TABLE [IF NOT EXISTS] name AS …
        if s.keyword(0) == "CREATE", s.keyword(1) == "TABLE" {
            let ifNotExists = s.keyword(2) == "IF" && s.keyword(3) == "NOT" && s.keyword(4) == "EXISTS"
            let at = ifNotExists ? 5 : 2
            if let nameToken = s.token(at), let name = nameToken.identifier, s.keyword(at + 1) == "AS" {
                if try catalog.datasetExists(name) {
                    if ifNotExists { return (.skipped(dataset: try catalog.dataset(named: name).name), .empty) }
                    throw PipelineError(.conflict, "dataset `\(name)` already exists",
                                        hint: "use CREATE TABLE IF NOT EXISTS to keep it, INSERT INTO to append, or DROP TABLE first")
                }
                let table = try query(s, from: at + 2, parameters: parameters)
                try catalog.ensureDataset(name, inferringSchemaFrom: table, description: "CREATE TABLE AS: " + s.text)
                try catalog.ingest(table, into: name)
                return (.created(dataset: name, rows: table.rowCount), table)
            }
        }
        // INSERT INTO dataset [(columns)] …
        if s.keyword(0) == "INSERT", s.keyword(1) == "INTO", let name = s.token(2)?.identifier, try catalog.datasetExists(name) {
            var at = 3, columns: [String]?
            if s.token(at)?.text == "(" {
                var names: [String] = []
                at += 1
                while let t = s.token(at), t.text != ")" {
                    if let id = t.identifier { names.append(id) }
                    at += 1
                }
                columns = names
                at += 1
            }
            var table = try query(s, from: at, parameters: parameters)
            table = try alignColumns(table, to: name, columns: columns)
            try catalog.ingest(table, into: name)
            return (.inserted(dataset: try catalog.dataset(named: name).name, rows: table.rowCount), .empty)
        }
        // DROP TABLE [IF EXISTS] dataset
        if s.keyword(0) == "DROP", s.keyword(1) == "TABLE" {
            let ifExists = s.keyword(2) == "IF" && s.keyword(3) == "EXISTS"
            if let name = s.token(ifExists ? 4 : 2)?.identifier, try catalog.datasetExists(name) {
                let canonical = try catalog.dataset(named: name).name
                try catalog.dropDataset(canonical)
                return (.dropped(dataset: canonical), .empty)
            }
        }
        let statement = try prepare(s, from: 0, parameters: parameters)
        let table = try read(statement, s)
        return (statement.columnCount > 0 ? .rows : .changed(rows: statement.isReadOnly ? 0 : db.changes), table)
    }

    /// Runs the statement's tokens from index `from` on as a query and returns its rows.
    private func query(_ s: StatementContext, from: Int, parameters: [String: Value]) throws -> Table {
        guard from < s.tokens.count else {
            throw PipelineError(.sql, "expected a SELECT (or VALUES) after `\(s.text)`")
        }
        return try read(try prepare(s, from: from, parameters: parameters), s)
    }

    func prepare(_ s: StatementContext, from: Int, parameters: [String: Value]) throws -> PreparedStatement {
        let tokens = s.tokens.dropFirst(from)
        let rewritten = try SnapshotRewriter.rewrite(s.source, tokens: tokens, base: tokens.first!.range.lowerBound) { name in
            guard try self.catalog.datasetExists(name) else { return nil }
            let dataset = try self.catalog.dataset(named: name)
            return (dataset.name, try self.catalog.schema(named: dataset.schema).fields.map(\.name))
        }
        let statement: SQLiteStatement
        do {
            statement = try db.prepare(rewritten.text)
        } catch let error as SQLiteError {
            throw report(error, s, offset: error.offset.map(rewritten.originalOffset))
        }
        for i in stride(from: 1, through: statement.parameterCount, by: 1) {
            guard let full = statement.parameterName(i) else {
                throw PipelineError(.sql, "positional `?` parameters are not supported; name them, e.g. $from_snapshot")
            }
            let name = String(full.dropFirst())
            guard let value = parameters[name] else {
                let at = tokens.first { $0.kind == .parameter && $0.text == full }?.range.lowerBound
                let known = parameters.keys.sorted()
                var error = report(SQLiteError(code: 1, message: "no value for parameter \(full)"), s, offset: at)
                if let close = Suggestion.closest(to: name, in: known) {
                    error = PipelineError(.sql, error.message, hint: "did you mean $\(close)?")
                }
                throw error
            }
            try statement.bind(value, at: i)
        }
        return PreparedStatement(statement: statement, rewritten: rewritten)
    }

    struct PreparedStatement {
        let statement: SQLiteStatement
        let rewritten: RewrittenSQL
        var columnCount: Int { statement.columnCount }
        var isReadOnly: Bool { statement.isReadOnly }
    }

    private func read(_ p: PreparedStatement, _ s: StatementContext) throws -> Table {
        do {
            return try p.statement.readTable(typeHints: ExpressionTypes.hints(s.tokens))
        } catch let error as SQLiteError {
            throw report(error, s, offset: error.offset.map(p.rewritten.originalOffset))
        }
    }

    /// The rows of an INSERT's source renamed to the dataset's fields: by the explicit column
    /// list, else by position when the names do not already match.
    private func alignColumns(_ table: Table, to dataset: String, columns: [String]?) throws -> Table {
        let fields = try catalog.schema(named: try catalog.dataset(named: dataset).schema).fields.map(\.name)
        let names: [String]
        if let columns {
            guard columns.count == table.columnCount else {
                throw PipelineError(.sql, "INSERT INTO \(dataset) names \(columns.count) columns but the query returns \(table.columnCount)")
            }
            names = columns
        } else if Set(table.columnNames).isSubset(of: Set(fields)) {
            return table
        } else {
            guard table.columnCount <= fields.count else {
                throw PipelineError(.sql, "the query returns \(table.columnCount) columns but dataset `\(dataset)` has \(fields.count) fields")
            }
            names = Array(fields.prefix(table.columnCount))
        }
        return try Table(zip(table.columns, names).map { column, name in
            var renamed = column
            renamed.name = name
            return renamed
        })
    }

    func report(_ error: SQLiteError, _ s: StatementContext, offset: Int?) -> PipelineError {
        let base = s.tokens.first?.range.lowerBound ?? 0
        let datasets = (try? catalog.datasets().map(\.name)) ?? []
        return SQLErrorReport.make(error, statement: s.text, offset: offset.map { $0 - base }, number: s.number,
                                   of: s.total, datasets: datasets)
    }
}
