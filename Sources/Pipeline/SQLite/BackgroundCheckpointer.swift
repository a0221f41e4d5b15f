import CSQLite
import Foundation

/// Moves WAL checkpoints off a bulk writer's thread. A connection in WAL mode normally runs a
/// checkpoint inside the commit that takes the log past 1,000 pages: it copies the log into the
/// database file and waits for two fsyncs, and during a bulk load that was about a third of the
/// writer's time. While a `BackgroundCheckpointer` lives, the writer's automatic checkpoints are
/// off and a second connection on a thread of its own runs a passive checkpoint after each
/// `committed()` — copying what is committed while the writer goes on appending to the log.
///
/// Atomicity is unchanged: a checkpoint only copies committed transactions, and a process
/// killed mid-way leaves the log, which the next connection replays or ignores as SQLite does.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let writer: SQLiteDatabase
    private let checkpointer: SQLiteDatabase
    private let previousInterval: Int
    private let condition = NSCondition()
    private var requested = 0, completed = 0
    private var stopping = false, stopped = false

    /// Opens the second connection on `writer`'s file and turns the writer's own checkpoints off.
    init(for writer: SQLiteDatabase) throws {
        self.writer = writer
        checkpointer = try SQLiteDatabase(path: writer.path)
        // A connection opens the log only in its first read; until then a checkpoint on it
        // finds no log and does nothing.
        _ = try checkpointer.scalarInt("SELECT count(*) FROM sqlite_schema")
        previousInterval = try writer.scalarInt("PRAGMA wal_autocheckpoint") ?? 1000
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
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

    /// Waits for the requested checkpoints to finish, stops the thread and gives the writer its
    /// automatic checkpoints back. Call once.
    func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
        try? writer.execute("PRAGMA wal_autocheckpoint = \(previousInterval)")
    }

    private func run() {
        condition.lock()
        while true {
            while requested == completed, !stopping { condition.wait() }
            if requested == completed { break }
            let target = requested
            condition.unlock()
            // PASSIVE never blocks the writer nor waits for readers; frames it cannot copy yet
            // are copied by the next request or the writer's next automatic checkpoint.
            sqlite3_wal_checkpoint_v2(checkpointer.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            condition.lock()
            completed = target
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
