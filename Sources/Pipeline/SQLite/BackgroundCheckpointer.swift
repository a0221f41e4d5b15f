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
/// Once a copy is complete, the writer empties the log itself, before its next statement
/// outside a transaction (`SQLiteDatabase.idleHook`). A log left full — step 1's 170 MB — costs
/// every later process: the first to open the workspace replays all of it to rebuild the log's
/// index (0.3 s), then reads those pages from the log, not the memory-mapped file, until a copy
/// runs again. Never this connection empties it: a log reset by another connection moves the
/// writer's `PRAGMA data_version` as a commit by another connection would, which would make
/// the caches keyed on it (`SQLiteDatabase.changeStamp()`: the events the query service keeps,
/// `IngestedEvents`) forget what they could still prove current.
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
    /// The last checkpoint copied the whole log (and nothing was committed since it started).
    private var logCopied = false
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
        writer.idleHook = { [unowned self] in emptyLogIfCopied() }
        Self.live.insert(self)
        let thread = Thread { [self] in run() }
        thread.name = "propel-checkpoint"
        thread.start()
    }

    /// Asks for a checkpoint of everything committed so far; returns at once.
    func committed() {
        condition.lock()
        requested += 1
        logCopied = false
        condition.broadcast()
        condition.unlock()
    }

    /// Runs the checkpoints asked for, stops the thread, empties the log (`finish()`) and gives
    /// the writer SQLite's automatic checkpoints back. Call once.
    func stop() {
        Self.live.remove(self)
        writer.idleHook = nil
        sqlite3_wal_autocheckpoint(writer.handle, Self.pages)
        finish()
    }

    /// Runs the checkpoints asked for, stops the thread, then copies what is left and empties the
    /// log from this object's connection, unless another connection still reads it. No cache of
    /// the writer's needs protecting any more: this runs when the workspace goes away or the
    /// process exits — a kernel exits without releasing its workspace, and step 1's copy of its
    /// last batches is often still running when its notebook's last cell ends; finishing it here
    /// spares the next process the replay of a full log and its reads through the log.
    private func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
        sqlite3_wal_checkpoint_v2(checkpointer.handle, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
    }

    /// The checkpointers alive in this process, finished by an `atexit` handler.
    private static let live = LiveCheckpointers()

    private final class LiveCheckpointers: @unchecked Sendable {
        private let lock = NSLock()
        private var members: [ObjectIdentifier: BackgroundCheckpointer] = [:]
        private var registered = false

        func insert(_ member: BackgroundCheckpointer) {
            lock.lock()
            defer { lock.unlock() }
            members[ObjectIdentifier(member)] = member
            guard !registered else { return }
            registered = true
            atexit { BackgroundCheckpointer.live.finishAll() }
        }

        func remove(_ member: BackgroundCheckpointer) {
            lock.lock()
            members[ObjectIdentifier(member)] = nil
            lock.unlock()
        }

        private func finishAll() {
            lock.lock()
            let all = members.values
            members = [:]
            lock.unlock()
            for member in all { member.finish() }
        }
    }

    /// On the writer's thread, outside a transaction: empties the log when the last checkpoint
    /// copied all of it. The writer's own reset leaves its `changeStamp()` as it was. A copy is
    /// tried once: a reader of another connection still on the log (busy) keeps it until the next
    /// copy; a statement of the writer's own still stepping (locked) until the next statement.
    private func emptyLogIfCopied() {
        condition.lock()
        let copied = logCopied
        condition.unlock()
        guard copied else { return }
        sqlite3_busy_timeout(writer.handle, 0)
        let rc = sqlite3_wal_checkpoint_v2(writer.handle, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
        sqlite3_busy_timeout(writer.handle, writer.busyTimeout)
        if rc & 0xff != SQLITE_LOCKED {
            condition.lock()
            logCopied = false
            condition.unlock()
        }
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
            var frames: Int32 = 0, copied: Int32 = 0
            let rc = sqlite3_wal_checkpoint_v2(checkpointer.handle, nil, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied)
            condition.lock()
            completed = target
            logCopied = rc == SQLITE_OK && frames > 0 && copied == frames && requested == target
            condition.broadcast()
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
