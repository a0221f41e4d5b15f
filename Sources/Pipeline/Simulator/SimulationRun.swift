import Foundation

/// What a simulation wrote and what it drew.
public struct SimulationReport: Sendable {
    public let users: Int
    public let events: Int
    public let subscribers: Int
    public let propensityScale: Double
    /// Events per `eventType`, most frequent first.
    public let eventCounts: [(type: String, count: Int)]
    public let batches: [Batch]

    public var conversionRate: Double { users == 0 ? 0 : Double(subscribers) / Double(users) }

    /// The event counts as a table (`eventType`, `events`), like the reference's funnel.
    public var eventCountsTable: Table {
        try! Table([Column("eventType", strings: eventCounts.map(\.type)), Column("events", ints: eventCounts.map(\.count))])
    }
}

/// Whether a simulation run adds to the datasets or leaves them holding only this run.
public enum SimulationWrite: String, Sendable {
    /// The first batch replaces the datasets' rows, the rest append: re-running a notebook
    /// gives the same data, never duplicates.
    case replace
    case append
}

extension Simulator {
    /// The schema of simulated experience events: identity `userId` in the ECID namespace.
    public static let eventSchema = Schema(name: "experience_event", kind: .event, fields: [
        Field("_id", .string, required: true), Field("userId", .string, required: true),
        Field("eventType", .string, required: true), Field("timestamp", .timestamp, required: true),
        Field("subscriptionPropensity", .double),
    ], identity: Identity(field: "userId", namespace: "ECID", primary: true))

    /// The schema of simulated profile records (one per user).
    public static let profileSchema = Schema(name: "customer_profile", kind: .profile, fields: [
        Field("userId", .string, required: true), Field("email", .string, required: true),
        Field("firstName", .string), Field("lastName", .string), Field("gender", .string),
        Field("personalEmail", .string), Field("mobilePhone", .string), Field("street", .string),
        Field("city", .string), Field("state", .string), Field("postalCode", .string),
        Field("loyaltyId", .int), Field("loyaltyTier", .string), Field("loyaltyPoints", .int),
        Field("loyaltyJoinDate", .timestamp), Field("truePropensity", .double), Field("subscribed", .bool),
        Field("userNumber", .int),
    ], identity: Identity(field: "userId", namespace: "ECID", primary: true))

    /// Generates every batch and ingests it into `eventsDataset` and `profilesDataset` (created
    /// on the standard schemas if missing; the events dataset is profile-enabled). Generation of
    /// batch k+1 overlaps ingestion of batch k, and WAL checkpoints run beside both (see
    /// `BackgroundCheckpointer`). `progress` is called after each batch.
    ///
    /// Returns once the last batch is committed, without waiting for the checkpoint copying it
    /// into the database file (0.1–0.3 s): committed rows are durable and readable from the log,
    /// and the copy goes on beside whatever the caller does next.
    public func run(into workspace: Workspace, eventsDataset: String = "events", profilesDataset: String? = "profiles",
                    write: SimulationWrite = .replace, progress: ((Int, Int) -> Void)? = nil) throws -> SimulationReport {
        let catalog = workspace.catalog
        try catalog.ensureSchema(Self.eventSchema)
        try catalog.ensureDataset(eventsDataset, schema: Self.eventSchema.name, profileEnabled: true,
                                  description: "Simulated experience events (\(config.mode.rawValue) mode, seed \(config.seed))")
        if let profilesDataset {
            try catalog.ensureSchema(Self.profileSchema)
            try catalog.ensureDataset(profilesDataset, schema: Self.profileSchema.name, profileEnabled: true,
                                      description: "Simulated profile records (seed \(config.seed))")
        }
        let ranges = batchRanges
        let eventsTarget = try catalog.dataset(named: eventsDataset)
        let eventsSchema = try catalog.schema(named: eventsTarget.schema)
        let profilesTarget = try profilesDataset.map { try catalog.dataset(named: $0) }
        let profilesSchema = try profilesTarget.map { try catalog.schema(named: $0.schema) }
        let pipe = BatchPipe()
        let producer = Thread {
            // Ingestion is one thread and the critical path: after the first batch, which has the
            // machine to itself, generation leaves it a core of its own, and the rows are checked
            // and encoded for binding here rather than there.
            for (k, range) in ranges.enumerated() {
                let threads = k == 0 ? self.config.threads : max(1, self.config.threads - 1)
                let batch = self.generate(range, threads: threads)
                let prepared = PreparedBatch(batch: batch, events: Result { try IngestPlan(batch.events, schema: eventsSchema) },
                                             profiles: profilesSchema.map { schema in Result { try IngestPlan(batch.profiles, schema: schema) } })
                guard pipe.put(prepared) else { break }
            }
            pipe.close()
        }
        producer.stackSize = 1 << 22
        producer.start()
        defer { pipe.cancel() }
        let checkpoints = workspace.checkpoints

        var batches: [Batch] = [], events = 0, subscribers = 0, users = 0
        var counts = [Int](repeating: 0, count: EventType.allCases.count)
        while let prepared = pipe.take() {
            let batch = prepared.batch
            let mode: IngestMode = write == .replace && batches.isEmpty ? .replace : .append
            batches.append(try catalog.ingest(try prepared.events.get(), into: eventsTarget, schema: eventsSchema, mode: mode))
            if let profilesTarget, let profilesSchema, let profiles = prepared.profiles {
                batches.append(try catalog.ingest(try profiles.get(), into: profilesTarget, schema: profilesSchema, mode: mode))
            }
            events += batch.events.rowCount
            subscribers += batch.subscribers
            users += batch.users.count
            for i in counts.indices { counts[i] += batch.eventCounts[i] }
            checkpoints.committed()
            progress?(users, config.users)
            // Freeing each batch's columns (some 300,000 strings) adds up to a tenth of a second
            // per 100,000 users; another thread does it so the next batch need not wait.
            DispatchQueue.global(qos: .utility).async { withExtendedLifetime(prepared) {} }
        }
        if ranges.isEmpty, write == .replace {   // zero users: still leave the datasets empty
            try catalog.ingest(SimulatedBatch.emptyEvents, into: eventsDataset, mode: .replace)
        }
        let ordered = EventType.allCases.map { ($0.name, counts[$0.rawValue]) }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        return SimulationReport(users: users, events: events, subscribers: subscribers, propensityScale: propensityScale,
                                eventCounts: ordered, batches: batches)
    }
}

extension SimulatedBatch {
    static var emptyEvents: Table { EventColumns().table() }
}

/// A generated batch with its events and profiles checked and encoded for ingestion.
struct PreparedBatch {
    let batch: SimulatedBatch
    let events: Result<IngestPlan, Error>
    let profiles: Result<IngestPlan, Error>?
}

/// A one-slot hand-off between the generating thread and the ingesting caller, so at most one
/// batch waits in memory while another is written (this is what keeps 1M users in bounded memory).
final class BatchPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var slot: PreparedBatch?
    private var closed = false, cancelled = false

    /// Blocks while the slot is full; false when the consumer has gone away.
    func put(_ batch: PreparedBatch) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while slot != nil, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        slot = batch
        condition.broadcast()
        return true
    }

    func take() -> PreparedBatch? {
        condition.lock(); defer { condition.unlock() }
        while slot == nil, !closed { condition.wait() }
        let batch = slot
        slot = nil
        condition.broadcast()
        return batch
    }

    func close() { condition.lock(); closed = true; condition.broadcast(); condition.unlock() }
    func cancel() { condition.lock(); cancelled = true; condition.broadcast(); condition.unlock() }
}
