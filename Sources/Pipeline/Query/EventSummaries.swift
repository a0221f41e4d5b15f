/// Step 2's summaries of the events — exactly the rows of `ReferenceQueries.basicStats`,
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

    /// Per event type (a null type is a group of its own, as in GROUP BY): `distinctUsers`
    /// (people with the type) and `distinctEvents` (events with an `_id`), most people first,
    /// ties by type with null first.
    static func funnel(_ events: QueriedEvents) throws -> Table {
        let types = events.typeNames.count
        // Slot `types` holds the null type.
        var people = [Int](repeating: 0, count: types + 1), rows = [Int](repeating: 0, count: types + 1)
        var seenBy = [Int32](repeating: -1, count: types + 1)
        var groups = Set<Int>()
        for i in 0..<events.count {
            let t = Self.slot(events.types[i], types)
            groups.insert(t)
            if !events.ids.isNull(i) { rows[t] += 1 }
        }
        for (user, range) in events.userRanges.enumerated() {
            for i in events.order[range] {
                let t = Self.slot(events.types[Int(i)], types)
                if seenBy[t] != Int32(user) { seenBy[t] = Int32(user); people[t] += 1 }
            }
        }
        let name = { (t: Int) in t == types ? nil : events.typeNames[t] }
        let ordered = groups.sorted { a, b in
            if people[a] != people[b] { return people[a] > people[b] }
            guard let y = name(b) else { return false }
            guard let x = name(a) else { return true }
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return try Table([Column("eventType", strings: ordered.map { name($0) ?? "" }, nulls: ordered.map { name($0) == nil }),
                          Column("distinctUsers", ints: ordered.map { people[$0] }),
                          Column("distinctEvents", ints: ordered.map { rows[$0] })])
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

    private static func slot(_ type: Int32, _ types: Int) -> Int { type == QueriedEvents.null ? types : Int(type) }
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
