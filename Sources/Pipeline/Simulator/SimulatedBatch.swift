/// The events and profiles of one range of users.
public struct SimulatedBatch: Sendable {
    public let users: Range<Int>
    /// `_id`, `userId` (ECID), `eventType`, `timestamp`, `subscriptionPropensity` (the true
    /// probability of subscribing at that event), time-ordered per user.
    public let events: Table
    /// One row per user; `truePropensity` and `subscribed` are the ground truth.
    public let profiles: Table
    public let subscribers: Int
    public let eventCounts: [Int]   // indexed by EventType.rawValue
}

/// Column buffers for the events of a range of users.
struct EventColumns {
    var ids: [String] = [], users: [String] = [], types: [String] = [], times: [Int64] = [], propensity: [Double] = []
    var counts = [Int](repeating: 0, count: EventType.allCases.count)

    mutating func append(_ other: EventColumns) {
        ids += other.ids; users += other.users; types += other.types; times += other.times; propensity += other.propensity
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    func table() -> Table {
        try! Table([
            Column("_id", strings: ids), Column("userId", strings: users), Column("eventType", strings: types),
            Column("timestamp", timestamps: times), Column("subscriptionPropensity", doubles: propensity),
        ])
    }
}

/// Event ids: 13 Crockford base-32 characters (64 random bits) — unique in practice, and short
/// enough that Swift stores them inline without a heap allocation.
enum EventID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    static func make(_ bits: UInt64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 13) { buffer in
            var v = bits
            for i in stride(from: 12, through: 0, by: -1) { buffer[i] = alphabet[Int(v & 31)]; v >>= 5 }
            return String(decoding: buffer, as: UTF8.self)
        }
    }
}
