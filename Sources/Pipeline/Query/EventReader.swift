import CSQLite

/// The events of a query (columns userId, eventType, timestamp and optionally _id) read
/// straight from SQLite's buffers into compact rows, people and event types interned — what
/// the one-pass computations over each person's timeline (`TrainingSetBuilder`,
/// `CooccurrenceBuilder`) start from.
struct EventReader {
    struct Event {
        let user: Int32
        /// Index into `typeNames`.
        let type: Int32
        let time: Int64
        let id: String
    }

    private(set) var events: [Event] = []
    private(set) var userNames: [String] = []
    private(set) var typeNames: [String] = []
    private var userIndex: [String: Int32] = [:]
    private var typeIndexes: [String: Int32] = [:]
    /// The UTF-8 of `typeNames`: the type changes almost every row, and comparing bytes with the
    /// handful of known types costs no String or allocation.
    private var typeBytes: [[UInt8]] = []
    // Events are stored person by person, so comparing with the previous row avoids most lookups.
    private var lastUser: [UInt8] = [], lastUserIndex: Int32 = -1

    /// Steps `statement` to the end. Events without a person are left out (SQL's joins on the
    /// person leave them out too); a null type or timestamp, or an unreadable timestamp, is an
    /// error naming the event.
    init(_ statement: SQLiteStatement) throws {
        let hasID = statement.columnCount > 3
        while try statement.step() {
            guard !statement.isNull(0) else { continue }
            let user = Self.intern(statement.bytes(0), &lastUser, &lastUserIndex, &userIndex, &userNames)
            guard !statement.isNull(1) else { throw PipelineError(.schemaViolation, "event \(events.count + 1): the event type is null") }
            let type = internType(statement.bytes(1))
            let time: Int64
            switch statement.storageClass(2) {
            case SQLITE_NULL: throw PipelineError(.schemaViolation, "event \(events.count + 1): the timestamp is null")
            case SQLITE_INTEGER: time = Int64(statement.int(2))
            default:
                guard let micros = TimestampText.parse(statement.bytes(2)) else {
                    throw PipelineError(.typeMismatch, "event \(events.count + 1): `\(statement.text(2))` is not a timestamp")
                }
                time = micros
            }
            events.append(Event(user: user, type: type, time: time, id: hasID && !statement.isNull(3) ? statement.text(3) : ""))
        }
    }

    /// The index of an event type's name, -1 when no event has it.
    func typeIndex(_ name: String) -> Int32 { typeIndexes[name] ?? -1 }

    /// Event indices grouped by person (a counting sort, stable): `order[ranges[u]]` are person u's events.
    func byUser() -> (order: [Int], ranges: [Range<Int>]) {
        let users = userNames.count
        var starts = [Int](repeating: 0, count: users + 1)
        for e in events { starts[Int(e.user) + 1] += 1 }
        for u in 0..<users { starts[u + 1] += starts[u] }
        var next = starts, order = [Int](repeating: 0, count: events.count)
        for (i, e) in events.enumerated() {
            order[next[Int(e.user)]] = i
            next[Int(e.user)] += 1
        }
        return (order, (0..<users).map { starts[$0]..<starts[$0 + 1] })
    }

    private mutating func internType(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if typeBytes.count <= 64, let i = typeBytes.firstIndex(where: { $0.count == bytes.count && $0.elementsEqual(bytes) }) {
            return Int32(i)
        }
        let name = String(decoding: bytes, as: UTF8.self)
        if let known = typeIndexes[name] { return known }
        typeIndexes[name] = Int32(typeNames.count)
        typeNames.append(name)
        typeBytes.append(Array(bytes))
        return Int32(typeNames.count - 1)
    }

    private static func intern(_ bytes: UnsafeBufferPointer<UInt8>, _ last: inout [UInt8], _ lastIndex: inout Int32,
                               _ index: inout [String: Int32], _ names: inout [String]) -> Int32 {
        if lastIndex >= 0, last.elementsEqual(bytes) { return lastIndex }
        let name = String(decoding: bytes, as: UTF8.self)
        let i: Int32
        if let known = index[name] { i = known } else {
            i = Int32(names.count)
            index[name] = i
            names.append(name)
        }
        last = Array(bytes)
        lastIndex = i
        return i
    }
}
