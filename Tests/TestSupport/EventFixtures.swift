import Pipeline

/// The event schema of the workflow, small enough for tests.
public let testEventSchema = Schema(name: "events_schema", kind: .event, fields: [
    Field("_id", .string, required: true), Field("userId", .string, required: true),
    Field("eventType", .string, required: true), Field("timestamp", .timestamp, required: true),
    Field("value", .double),
], identity: Identity(field: "userId", namespace: "ECID"))

/// `count` events of `testEventSchema`, numbered from `offset` (ids, people and times follow it).
public func eventTable(count: Int, offset: Int = 0) throws -> Table {
    try Table([
        Column("_id", strings: (0..<count).map { "e\($0 + offset)" }),
        Column("userId", strings: (0..<count).map { "u\(($0 + offset) % 7)" }),
        Column("eventType", strings: (0..<count).map { $0 % 2 == 0 ? "web.formFilledOut" : "directMarketing.emailSent" }),
        Column("timestamp", timestamps: (0..<count).map { 1_700_000_000_000_000 + Int64($0 + offset) * 60_000_000 }),
        Column("value", doubles: (0..<count).map { Double($0) }),
    ])
}
