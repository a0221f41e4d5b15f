/// The event co-occurrence of workflow step 2 — exactly the rows of
/// `ReferenceQueries.cooccurrence` — from one pass over the events.
///
/// For every ordered pair of event types (A, B): the people who had an A at or before some B
/// (their first A no later than their last B), and that as a share of the people who had an A.
/// The SQL joins every person's (type, first, last) spans with each other and sorts the
/// millions of pairs to count them; here each person's spans are compared in place and
/// counted into a types × types grid.
struct CooccurrenceBuilder {
    /// The co-occurrence of `events`: `eventType_First`, `eventType_Later`, `users`,
    /// `probability`, ordered by both types.
    func build(from events: QueriedEvents) throws -> Table {
        try events.requireTimelines()
        let types = events.typeNames.count
        var pairs = [Int](repeating: 0, count: types * types), people = [Int](repeating: 0, count: types)
        var first = [Int64](repeating: .max, count: types), last = [Int64](repeating: .min, count: types)
        var seen: [Int] = []
        for range in events.userRanges {
            for i in events.order[range] {
                let t = Int(events.types[Int(i)]), time = events.times[Int(i)]
                if first[t] == .max { seen.append(t) }
                first[t] = min(first[t], time)
                last[t] = max(last[t], time)
            }
            for a in seen {
                people[a] += 1
                for b in seen where first[a] <= last[b] { pairs[a * types + b] += 1 }
            }
            for t in seen { first[t] = .max; last[t] = .min }
            seen.removeAll(keepingCapacity: true)
        }
        let byName = (0..<types).sorted { events.typeNames[$0].utf8.lexicographicallyPrecedes(events.typeNames[$1].utf8) }
        var firsts: [String] = [], laters: [String] = [], users: [Int] = [], probability: [Double] = []
        for a in byName {
            for b in byName where pairs[a * types + b] > 0 {
                firsts.append(events.typeNames[a])
                laters.append(events.typeNames[b])
                users.append(pairs[a * types + b])
                probability.append(Double(pairs[a * types + b]) / Double(people[a]))
            }
        }
        return try Table([Column("eventType_First", strings: firsts), Column("eventType_Later", strings: laters),
                          Column("users", ints: users), Column("probability", doubles: probability)])
    }
}
