/// The training set of workflow step 2 — exactly the rows of `ReferenceQueries.trainingSet` —
/// computed in one pass over each person's timeline.
///
/// The SQL evaluates fifteen window functions on every one of ~1M events to keep one row per
/// person; SQLite spends most of a minute on that. Here the events are read once, grouped by
/// person and ordered by (timestamp, `_id`) like the query's window, the anchor row is found
/// first (the `web.formFilledOut` row of a subscriber, the seeded random row of anyone else)
/// and the counts and recency features are accumulated only up to it.
struct TrainingSetBuilder {
    let seed: Int

    /// The training set of `events` (read with `_id`): 19 columns in the query's order, sorted
    /// by timestamp then userId.
    func build(from events: QueriedEvents) throws -> Table {
        try events.requireTimelines()
        let formFilled = events.typeIndex(EventType.formFilledOut.name)
        let featureTypes = ReferenceQueries.countFeatures.map { events.typeIndex($0.eventType) }
        let recencyTypes = ReferenceQueries.recencyFeatures.map { events.typeIndex($0.eventType) }
        var out = Output(features: featureTypes.count, recency: recencyTypes.count)
        let times = events.times, types = events.types, ids = events.ids
        // Per event type, the count and recency features it feeds (most feed one, or none).
        var countsOf = [[Int]](repeating: [], count: events.typeNames.count)
        var recencyOf = countsOf
        for (k, t) in featureTypes.enumerated() where t != QueriedEvents.null { countsOf[Int(t)].append(k) }
        for (k, t) in recencyTypes.enumerated() where t != QueriedEvents.null { recencyOf[Int(t)].append(k) }
        // Reused from person to person: no allocation per person.
        var rows: [Int32] = [], counts = [Int](), lastSeen = [Int64?]()

        for (user, range) in events.userRanges.enumerated() where !range.isEmpty {
            rows.removeAll(keepingCapacity: true)
            rows.append(contentsOf: events.order[range])
            // The window's order: timestamp, then `_id` (null first, as SQL sorts it).
            Self.stableSort(&rows) { x, y in times[x] != times[y] ? times[x] < times[y] : ids.precedes(x, y) }
            let subscriptions = rows.reduce(0) { $0 + (types[Int($1)] == formFilled ? 1 : 0) }
            let drawn = Int(Self.seededUniform(seed: seed, key: events.userNames[user]) * Double(rows.count))   // 0-based
            let anchor: Int
            switch subscriptions {
            case 0: anchor = drawn
            case 1: anchor = rows.firstIndex { types[Int($0)] == formFilled }!
            default: continue   // the query keeps no row for a person who subscribed twice
            }
            counts.removeAll(keepingCapacity: true)
            counts.append(contentsOf: repeatElement(0, count: featureTypes.count))
            lastSeen.removeAll(keepingCapacity: true)
            lastSeen.append(contentsOf: repeatElement(nil, count: recencyTypes.count))
            for r in rows[...anchor] {
                let type = Int(types[Int(r)])   // never null: `requireTimelines` checked
                for k in countsOf[type] { counts[k] += 1 }
                for k in recencyOf[type] { lastSeen[k] = times[Int(r)] }
            }
            let at = Int(rows[anchor])
            out.append(user: events.userNames[user], type: events.typeNames[Int(types[at])], time: times[at],
                       subscriptions: subscriptions, counts: counts,
                       minutesSince: lastSeen.map { $0.map { Int((times[at] - $0) / 60_000_000) } },
                       randomRow: (anchor - drawn + rows.count) % rows.count + 1)
        }
        return try out.table()
    }

    /// Sorts `rows` by `precedes` keeping equal rows in their order: by insertion when short — a
    /// person has about ten events, and the library's merge sort costs more to set up than
    /// that takes — else by the library's stable sort.
    @inline(__always)
    static func stableSort(_ rows: inout [Int32], by precedes: (Int, Int) -> Bool) {
        guard rows.count <= 32 else { return rows.sort { precedes(Int($0), Int($1)) } }
        rows.withUnsafeMutableBufferPointer { rows in
            for i in rows.indices.dropFirst() {
                let row = rows[i]
                var j = i
                while j > 0, precedes(Int(row), Int(rows[j - 1])) {
                    rows[j] = rows[j - 1]
                    j -= 1
                }
                rows[j] = row
            }
        }
    }

    /// `seeded_random(seed, key)` for an integer seed and a text key (see `SQLiteArguments.hashUniform`).
    /// The key is laid out on the stack: called once per person, an array per call was most of
    /// its cost.
    static func seededUniform(seed: Int, key: String) -> Double {
        var key = key
        return key.withUTF8 { text in
            withUnsafeTemporaryAllocation(byteCount: text.count + 10, alignment: 8) { buffer in
                let base = buffer.baseAddress!
                base.storeBytes(of: Int64(seed).littleEndian, as: Int64.self)
                base.storeBytes(of: 0xff, toByteOffset: 8, as: UInt8.self)
                if let start = text.baseAddress { (base + 9).copyMemory(from: start, byteCount: text.count) }
                base.storeBytes(of: 0xff, toByteOffset: 9 + text.count, as: UInt8.self)
                return SQLiteArguments.uniform(hashing: UnsafeRawBufferPointer(buffer))
            }
        }
    }

    /// The result columns, filled one person at a time.
    private struct Output {
        var users: [String] = [], types: [String] = [], times: [Int64] = [], subscriptions: [Int] = []
        /// `users` as bytes, which `table()` orders ties in time by with `memcmp`.
        var userBytes = IDColumn()
        var counts: [[Int]], minutes: [[Int]], minuteNulls: [[Bool]], randomRows: [Int] = []

        init(features: Int, recency: Int) {
            counts = Array(repeating: [], count: features)
            minutes = Array(repeating: [], count: recency)
            minuteNulls = Array(repeating: [], count: recency)
        }

        mutating func append(user: String, type: String, time: Int64, subscriptions: Int, counts c: [Int],
                             minutesSince: [Int?], randomRow: Int) {
            var user = user
            user.withUTF8 { userBytes.append($0) }
            users.append(user); types.append(type); times.append(time); self.subscriptions.append(subscriptions)
            for k in c.indices { counts[k].append(c[k]) }
            for k in minutesSince.indices {
                minutes[k].append(minutesSince[k] ?? 0)
                minuteNulls[k].append(minutesSince[k] == nil)
            }
            randomRows.append(randomRow)
        }

        /// Ordered like the query's `ORDER BY timestamp, userId`.
        func table() throws -> Table {
            let order = users.indices.sorted { a, b in times[a] != times[b] ? times[a] < times[b] : userBytes.precedes(a, b) }
            func pick<T>(_ values: [T]) -> [T] { order.map { values[$0] } }
            var columns = [Column("userId", strings: pick(users)), Column("eventType", strings: pick(types)),
                           Column("timestamp", timestamps: pick(times)), Column("subscriptionOccurred", ints: pick(subscriptions))]
            for (k, feature) in ReferenceQueries.countFeatures.enumerated() { columns.append(Column(feature.name, ints: pick(counts[k]))) }
            for (k, feature) in ReferenceQueries.recencyFeatures.enumerated() {
                columns.append(Column(feature.name, ints: pick(minutes[k]), nulls: pick(minuteNulls[k])))
            }
            columns.append(Column("random_row_number_for_user", ints: pick(randomRows)))
            return try Table(columns)
        }
    }
}
