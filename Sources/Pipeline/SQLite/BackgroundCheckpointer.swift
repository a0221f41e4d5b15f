import CSQLite
import Foundation

/// Moves a connection's WAL checkpoints off its thread. A connection in WAL mode normally runs a
/// checkpoint inside the commit that takes the log past 1,000 pages: it copies the log into the
/// database file and waits for two fsyncs — about a third of a bulk load's time, and 0.6 s of
/// the 0.9 s commit of a 100,000-profile store rebuild. While a `BackgroundCheckpointer` lives,
/// such a commit only asks for the checkpoint: a second connection on a thread of its own runs
/// it, copying what is committed while the writer's caller goes on. `committed()` asks for one
/// whatever the log's size (a bulk load does, after each batch).
///
/// The log is started afresh by the writer itself, as SQLite does when a write transaction
/// begins after a complete copy — never by this connection: a log reset by another connection
/// moves the writer's `PRAGMA data_version` as a commit by another connection would, which
/// would make the caches keyed on it (`SQLiteDatabase.changeStamp()`: the events the query
/// service keeps, `IngestedEvents`) forget what they could still prove current.
///
/// Atomicity and durability are unchanged: a checkpoint only copies committed transactions, a
/// commit never waited for a checkpoint's fsyncs in WAL mode with synchronous=NORMAL, and a
/// process killed mid-checkpoint leaves the log, which the next connection replays or ignores as
/// SQLite does. A checkpoint deferred this way is at most delayed: the next commit that finds
/// the log still long asks again.
final class BackgroundCheckpointer: @unchecked Sendable {
    /// Log pages at which a commit asks for a checkpoint: SQLite's own automatic threshold.
    static let pages: Int32 = 1000

    private let writer: SQLiteDatabase
    private let checkpointer: SQLiteDatabase
    private let condition = NSCondition()
    private var requested = 0, completed = 0
    private var stopping = false, stopped = false

    /// Opens the second connection on `writer`'s file and hands it the writer's automatic
    /// checkpoints.
    init(for writer: SQLiteDatabase) throws {
        self.writer = writer
        checkpointer = try SQLiteDatabase(path: writer.path)
        // A connection opens the log only in its first read; until then a checkpoint on it
        // finds no log and does nothing.
        _ = try checkpointer.scalarInt("SELECT count(*) FROM sqlite_schema")
        // Checkpoints never wait for another connection (see `run`).
        sqlite3_busy_timeout(checkpointer.handle, 0)
        // Replaces SQLite's automatic checkpoint hook (`stop()` puts it back). Unretained: the
        // hook is removed before this object can go away.
        sqlite3_wal_hook(writer.handle, { context, _, _, pages in
            if pages >= BackgroundCheckpointer.pages {
                Unmanaged<BackgroundCheckpointer>.fromOpaque(context!).takeUnretainedValue().committed()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
        let thread = Thread { [self] in run() }
        thread.name = "propel-checkpoint"
        thread.start()
    }

    /// Asks for a checkpoint of everything committed so far; returns at once.
    func committed() {
        condition.lock()
        requested += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Runs the checkpoints asked for, stops the thread and gives the writer SQLite's automatic
    /// checkpoints back. Call once.
    func stop() {
        sqlite3_wal_autocheckpoint(writer.handle, Self.pages)
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            while requested == completed, !stopping { condition.wait() }
            if requested == completed { break }
            let target = requested
            condition.unlock()
            // PASSIVE never blocks the writer nor waits for readers; frames it cannot copy yet
            // are copied by the next request.
            sqlite3_wal_checkpoint_v2(checkpointer.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            condition.lock()
            completed = target
            condition.broadcast()
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
