/// Summaries of the events — exactly the rows of `ReferenceQueries.basicStats`, `.eventCounts`,
/// `.funnel` and `.correlation` — from one pass over `QueriedEvents`.
///
/// SQLite answers COUNT(DISTINCT …) and GROUP BY by sorting or by inserting every one of ~1M
/// rows into a temporary B-tree, seconds per query at 100,000 people; here the events are
/// already interned and grouped by person, so each summary is a count over arrays.
enum EventSummaries {
    /// `totalRows` (events with an `_id`), `distinctUsers`, `distinctEvents`: one row.
    static func basicStats(_ events: QueriedEvents) throws -> Table {
        let present = (0..<events.count).reduce(0) { $0 + (events.ids.isNull($1) ? 0 : 1) }
        return try Table([Column("totalRows", ints: [present]), Column("distinctUsers", ints: [events.userNames.count]),
                          Column("distinctEvents", ints: [events.ids.distinctCount()])])
    }

    /// Per event type (a null type is a group of its own, as in GROUP BY): `events` (all its
    /// rows) and `users` (distinct people), most events first, ties by type with null first.
    static func eventCounts(_ events: QueriedEvents) throws -> Table {
        let groups = TypeGroups(events, countingRow: { _ in true })
        return try groups.table(orderedBy: groups.rows, ("events", groups.rows), ("users", groups.people))
    }

    /// Per event type (a null type is a group of its own, as in GROUP BY): `distinctUsers`
    /// (people with the type) and `distinctEvents` (events with an `_id`), most people first,
    /// ties by type with null first.
    static func funnel(_ events: QueriedEvents) throws -> Table {
        let groups = TypeGroups(events, countingRow: { !events.ids.isNull($0) })
        return try groups.table(orderedBy: groups.people, ("distinctUsers", groups.people), ("distinctEvents", groups.rows))
    }

    /// The event types present (a null type is a group of its own, in slot `names.count`), with
    /// the people who had each and how many of its rows `countingRow` accepts.
    private struct TypeGroups {
        let names: [String]
        private(set) var present: [Bool]
        private(set) var people: [Int], rows: [Int]

        init(_ events: QueriedEvents, countingRow: (Int) -> Bool) {
            names = events.typeNames
            let types = names.count
            people = [Int](repeating: 0, count: types + 1)
            rows = people
            present = [Bool](repeating: false, count: types + 1)
            for i in 0..<events.count {
                let t = EventSummaries.slot(events.types[i], types)
                present[t] = true
                if countingRow(i) { rows[t] += 1 }
            }
            var seenBy = [Int32](repeating: -1, count: types + 1)
            for (user, range) in events.userRanges.enumerated() {
                for i in events.order[range] {
                    let t = EventSummaries.slot(events.types[Int(i)], types)
                    if seenBy[t] != Int32(user) { seenBy[t] = Int32(user); people[t] += 1 }
                }
            }
        }

        /// `eventType` and the two counts, larger `key` first, ties by type with null first.
        func table(orderedBy key: [Int], _ first: (name: String, counts: [Int]), _ second: (name: String, counts: [Int])) throws -> Table {
            let name = { (t: Int) in t == names.count ? nil : names[t] }
            let ordered = present.indices.filter { present[$0] }.sorted { a, b in
                if key[a] != key[b] { return key[a] > key[b] }
                guard let y = name(b) else { return false }
                guard let x = name(a) else { return true }
                return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
            return try Table([Column("eventType", strings: ordered.map { name($0) ?? "" }, nulls: ordered.map { name($0) == nil }),
                              Column(first.name, ints: ordered.map { first.counts[$0] }),
                              Column(second.name, ints: ordered.map { second.counts[$0] })])
        }
    }

    /// Pearson correlation of each per-person count of `ReferenceQueries.correlationFeatures`
    /// with the person's count of `web.formFilledOut` (rows without a person form one more group,
    /// as GROUP BY makes them): `feature`, `pearsonCorrelation` (null when either side is
    /// constant), strongest first, nulls last.
    static func correlation(_ events: QueriedEvents) throws -> Table {
        let features = ReferenceQueries.correlationFeatures
        let target = events.typeIndex(EventType.formFilledOut.name)
        let featureOf = (0..<events.typeNames.count).map { t in
            features.firstIndex { $0.eventType == events.typeNames[t] } ?? -1
        }
        var sums = features.map { _ in CorrelationSums() }
        var counts = [Int](repeating: 0, count: features.count)
        func addPerson(_ rows: some Sequence<Int32>) {
            for k in counts.indices { counts[k] = 0 }
            var subscriptions = 0
            for i in rows {
                let t = events.types[Int(i)]
                guard t != QueriedEvents.null else { continue }
                if t == target { subscriptions += 1 }
                let k = featureOf[Int(t)]
                if k >= 0 { counts[k] += 1 }
            }
            for k in counts.indices { sums[k].add(Double(subscriptions), Double(counts[k])) }
        }
        for range in events.userRanges { addPerson(events.order[range]) }
        let nobody = (0..<Int32(events.count)).filter { events.users[Int($0)] == QueriedEvents.null }
        if !nobody.isEmpty { addPerson(nobody) }

        let values = sums.map(\.correlation)
        let ordered = features.indices.sorted { a, b in
            guard let y = values[b] else { return values[a] != nil }
            guard let x = values[a] else { return false }
            return x > y
        }
        return try Table([Column("feature", strings: ordered.map { features[$0].name }),
                          Column("pearsonCorrelation", doubles: ordered.map { values[$0] ?? 0 }, nulls: ordered.map { values[$0] == nil })])
    }

    fileprivate static func slot(_ type: Int32, _ types: Int) -> Int { type == QueriedEvents.null ? types : Int(type) }
}

/// The running sums of `corr(x, y)` (`CorrelationAggregate`), the same arithmetic in one place.
struct CorrelationSums {
    private(set) var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0

    mutating func add(_ x: Double, _ y: Double, sign: Double = 1) {
        n += sign; sx += sign * x; sy += sign * y; sxx += sign * x * x; syy += sign * y * y; sxy += sign * x * y
    }

    /// Nil with fewer than two rows or when either side is constant (as in PostgreSQL and Spark).
    var correlation: Double? {
        guard n >= 2 else { return nil }
        let vx = n * sxx - sx * sx, vy = n * syy - sy * sy
        guard vx > 0, vy > 0 else { return nil }
        return max(-1, min(1, (n * sxy - sx * sy) / (vx * vy).squareRoot()))
    }
}
