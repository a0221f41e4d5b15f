/// The catalog's own tables inside `platform.db`. They are plain SQL tables, so they can be
/// queried too (`SELECT * FROM propel_batches`); the `propel_` prefix is reserved for them.
enum CatalogStore {
    static let version = 1
    static let reservedPrefixes = ["propel_", "sqlite_"]

    static let ddl = """
    CREATE TABLE IF NOT EXISTS propel_schemas(
        name TEXT PRIMARY KEY COLLATE NOCASE,
        kind TEXT NOT NULL,
        identity_field TEXT,
        identity_namespace TEXT,
        identity_primary BOOLEAN,
        created_at TIMESTAMP NOT NULL);
    CREATE TABLE IF NOT EXISTS propel_fields(
        schema TEXT NOT NULL COLLATE NOCASE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        required BOOLEAN NOT NULL,
        PRIMARY KEY(schema, position));
    CREATE TABLE IF NOT EXISTS propel_datasets(
        name TEXT PRIMARY KEY COLLATE NOCASE,
        schema TEXT NOT NULL COLLATE NOCASE,
        profile_enabled BOOLEAN NOT NULL,
        description TEXT NOT NULL,
        created_at TIMESTAMP NOT NULL);
    CREATE TABLE IF NOT EXISTS propel_batches(
        id TEXT PRIMARY KEY,
        dataset TEXT NOT NULL COLLATE NOCASE,
        status TEXT NOT NULL,
        reason TEXT,
        mode TEXT NOT NULL,
        rows INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL,
        completed_at TIMESTAMP);
    CREATE TABLE IF NOT EXISTS propel_snapshots(
        dataset TEXT NOT NULL COLLATE NOCASE,
        generation INTEGER NOT NULL,
        batch_id TEXT NOT NULL,
        parent_generation INTEGER,
        made_current_at TIMESTAMP NOT NULL,
        rows INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        replaced BOOLEAN NOT NULL,
        PRIMARY KEY(dataset, generation));
    CREATE TABLE IF NOT EXISTS propel_runs(
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        dataset TEXT COLLATE NOCASE,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        compression TEXT,
        rows INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        files INTEGER NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL);
    """

    /// Creates the tables if missing; safe to run from every process that opens the workspace.
    static func migrate(_ db: SQLiteDatabase) throws {
        if try db.scalarInt("PRAGMA user_version") == version { return }
        try db.transaction {
            try db.execute(ddl)
            try db.execute("PRAGMA user_version = \(version)")
        }
    }

    /// The SQL table holding a dataset's rows; the dataset's name itself is a view over it
    /// without the system column.
    static func rowsTable(_ dataset: String) -> String { quote(dataset + "$rows") }

    /// The system column recording which snapshot generation wrote each row.
    static let generationColumn = "_batch"

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func sqlType(_ type: DataType) -> String {
        switch type {
        case .int: return "INTEGER"
        case .double: return "REAL"
        case .string: return "TEXT"
        case .bool: return "BOOLEAN"
        // TEXT affinity (SQLite would otherwise try to read every timestamp as a number);
        // the TIMESTAMP word is what result readers key on.
        case .timestamp: return "TIMESTAMP TEXT"
        }
    }

    /// Dataset, schema and field names are plain SQL identifiers, so SQL never needs quotes.
    static func validateName(_ name: String, what: String) throws {
        let bytes = Array(name.utf8)
        let ok = !bytes.isEmpty && bytes.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 32 >= 97 && $0 | 32 <= 122) || $0 == 95 }
            && !(bytes[0] >= 48 && bytes[0] <= 57)
        guard ok else {
            throw PipelineError(.invalidArgument, "\(what) name `\(name)` is not valid",
                                hint: "use letters, digits and underscores, not starting with a digit")
        }
        if let prefix = reservedPrefixes.first(where: { name.lowercased().hasPrefix($0) }) {
            throw PipelineError(.invalidArgument, "\(what) name `\(name)` uses the reserved prefix `\(prefix)`")
        }
    }
}
