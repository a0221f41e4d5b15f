import Foundation

/// A local platform instance: a folder holding `platform.db` (the catalog and every dataset's
/// rows, SQLite in WAL mode) and `storage/` (export and import files).
///
/// All notebooks of a run open the same workspace one after another; opening is idempotent and
/// safe while another process has it open (writers wait for each other's transactions).
public final class Workspace {
    public static let environmentVariable = "PROPEL_WORKSPACE"
    public static let defaultFolder = "workspace"

    public let root: URL
    public let database: SQLiteDatabase
    public let catalog: Catalog
    /// SQL over this workspace's datasets.
    public let sql: QueryService
    /// Runs the WAL checkpoints of `database` on a thread of its own, so that no commit waits for
    /// one (see `BackgroundCheckpointer`).
    let checkpoints: BackgroundCheckpointer

    public var storage: URL { root.appendingPathComponent("storage", isDirectory: true) }
    public var databasePath: String { database.path }

    /// Opens or creates the workspace at `path`; without one, at `$PROPEL_WORKSPACE`, else
    /// `./workspace`.
    public init(path: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let chosen = path ?? environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultFolder
        root = URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath, isDirectory: true).standardizedFileURL
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: root.appendingPathComponent("storage", isDirectory: true), withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.io, "cannot create the workspace folder `\(root.path)`: \(error.localizedDescription)")
        }
        do {
            database = try SQLiteDatabase(path: root.appendingPathComponent("platform.db").path)
            try Self.configure(database)
            catalog = try Catalog(database: database)
            sql = try QueryService(database: database, catalog: catalog)
            // Last: once its thread runs, only `deinit` (which a failed init skips) stops it.
            checkpoints = try BackgroundCheckpointer(for: database)
        } catch let error as SQLiteError {
            throw PipelineError(.io, "cannot open the workspace database in `\(root.path)`: \(error.message)")
        }
    }

    deinit { checkpoints.stop() }

    /// WAL lets readers in other processes work during a write, and with synchronous=NORMAL a
    /// commit survives a process crash (only an OS crash could lose the last commits).
    /// 16 KiB pages (taken by new databases only) mean a quarter of the log frames, headers and
    /// checksums 4 KiB pages cost a bulk load. Once the log has been checkpointed, its file is cut
    /// back to 64 MiB: a simulation that checkpoints in the background leaves it large.
    private static func configure(_ db: SQLiteDatabase) throws {
        try db.execute("""
            PRAGMA page_size = 16384;
            PRAGMA journal_mode = WAL;
            PRAGMA journal_size_limit = 67108864;
            PRAGMA synchronous = NORMAL;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -131072;
            """)
    }
}
