import CSQLite

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

    /// Steps `statement` (columns userId, eventType, timestamp, _id) to the end and returns the
    /// training set table, 19 columns in the query's order, sorted by timestamp then userId.
    func build(from statement: SQLiteStatement) throws -> Table {
        let reader = try EventReader(statement)
        let events = reader.events
        let byUser = reader.byUser()

        let formFilled = reader.typeIndex(EventType.formFilledOut.name)
        let featureTypes = ReferenceQueries.countFeatures.map { reader.typeIndex($0.eventType) }
        let recencyTypes = ReferenceQueries.recencyFeatures.map { reader.typeIndex($0.eventType) }
        var out = Output(features: featureTypes.count, recency: recencyTypes.count)

        for (user, range) in byUser.ranges.enumerated() where !range.isEmpty {
            var rows = Array(byUser.order[range])
            rows.sort { a, b in
                let x = events[a], y = events[b]
                return x.time != y.time ? x.time < y.time : x.id.utf8.lexicographicallyPrecedes(y.id.utf8)
            }
            let subscriptions = rows.reduce(0) { $0 + (events[$1].type == formFilled ? 1 : 0) }
            let drawn = Int(Self.seededUniform(seed: seed, key: reader.userNames[user]) * Double(rows.count))   // 0-based
            let anchor: Int
            switch subscriptions {
            case 0: anchor = drawn
            case 1: anchor = rows.firstIndex { events[$0].type == formFilled }!
            default: continue   // the query keeps no row for a person who subscribed twice
            }
            var counts = [Int](repeating: 0, count: featureTypes.count)
            var lastSeen = [Int64?](repeating: nil, count: recencyTypes.count)
            for r in rows[...anchor] {
                let type = events[r].type
                for (k, t) in featureTypes.enumerated() where t == type { counts[k] += 1 }
                for (k, t) in recencyTypes.enumerated() where t == type { lastSeen[k] = events[r].time }
            }
            let at = events[rows[anchor]]
            out.append(user: reader.userNames[user], type: reader.typeNames[Int(at.type)], time: at.time,
                       subscriptions: subscriptions, counts: counts,
                       minutesSince: lastSeen.map { $0.map { Int((at.time - $0) / 60_000_000) } },
                       randomRow: (anchor - drawn + rows.count) % rows.count + 1)
        }
        return try out.table()
    }

    /// `seeded_random(seed, key)` for an integer seed and a text key (see `SQLiteArguments.hashUniform`).
    static func seededUniform(seed: Int, key: String) -> Double {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count + 10)
        withUnsafeBytes(of: Int64(seed).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(0xff)
        bytes.append(contentsOf: key.utf8)
        bytes.append(0xff)
        return SQLiteArguments.uniform(hashing: bytes)
    }

    /// The result columns, filled one person at a time.
    private struct Output {
        var users: [String] = [], types: [String] = [], times: [Int64] = [], subscriptions: [Int] = []
        var counts: [[Int]], minutes: [[Int]], minuteNulls: [[Bool]], randomRows: [Int] = []

        init(features: Int, recency: Int) {
            counts = Array(repeating: [], count: features)
            minutes = Array(repeating: [], count: recency)
            minuteNulls = Array(repeating: [], count: recency)
        }

        mutating func append(user: String, type: String, time: Int64, subscriptions: Int, counts c: [Int],
                             minutesSince: [Int?], randomRow: Int) {
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
            let order = users.indices.sorted { a, b in
                times[a] != times[b] ? times[a] < times[b] : users[a].utf8.lexicographicallyPrecedes(users[b].utf8)
            }
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
