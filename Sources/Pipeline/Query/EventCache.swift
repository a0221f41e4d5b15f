/// The events the last one-pass computation read (`QueryService+OnePass`), kept so the next
/// one over the same source — step 2 runs five — does not read ~1M rows again.
///
/// An entry is only reused while the database is provably unchanged: its key holds the source
/// text, the parameters and `SQLiteDatabase.changeStamp()`, which moves on any commit by another
/// connection, any row this connection changes and any schema change.
struct EventCache {
    struct Key: Equatable {
        let source: String
        let parameters: [String: Value]
        let database: [Int]
    }

    private var entry: (key: Key, events: QueriedEvents)?

    /// The kept events for `key`, when they include `_id` or it is not needed.
    func events(for key: Key, withIDs: Bool) -> QueriedEvents? {
        guard let entry, entry.key == key, entry.events.hasIDs || !withIDs else { return nil }
        return entry.events
    }

    mutating func keep(_ events: QueriedEvents, for key: Key) {
        entry = (key, events)
    }
}
