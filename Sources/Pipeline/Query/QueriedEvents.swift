import CSQLite
import Foundation

/// The events of a query (columns userId, eventType, timestamp and optionally _id) read
/// straight from SQLite's buffers into columns, people and event types interned — what the
/// one-pass computations over the events start from (`TrainingSetBuilder`,
/// `CooccurrenceBuilder`, `EventSummaries`). `QueryService` keeps the last one read while the
/// database is unchanged, so step 2's computations read the events once between them.
///
/// Nulls are kept, so counts over every row agree with SQL: a null person or event type is
/// `QueriedEvents.null`, a null or unreadable timestamp `QueriedEvents.nullTime`. The
/// computations that follow people's timelines call `requireTimelines()`, which reports such
/// an event by number.
struct QueriedEvents {
    static let null: Int32 = -1
    static let nullTime = Int64.min

    /// Per event: index into `userNames`, index into `typeNames`, microseconds, `_id`.
    private(set) var users: [Int32] = []
    private(set) var types: [Int32] = []
    private(set) var times: [Int64] = []
    /// `_id` values as UTF-8, back to back (see `IDColumn`); empty when `_id` was not read.
    private(set) var ids = IDColumn()
    let hasIDs: Bool
    private(set) var userNames: [String] = []
    private(set) var typeNames: [String] = []
    /// `order[userRanges[u]]` are person u's events in reading order (a stable counting sort).
    private(set) var order: [Int32] = []
    private(set) var userRanges: [Range<Int>] = []
    /// The first event of a person whose type or timestamp is unusable for a timeline.
    private var timelineProblem: PipelineError?

    var count: Int { users.count }

    /// Steps `statement` (userId, eventType, timestamp[, _id]) to the end.
    init(_ statement: SQLiteStatement) throws {
        try self.init(parts: [EventPart(statement)])
    }

    /// The events of `parts` (consecutive slices of one query's rows, in order) as if one
    /// statement had read them all: people and types interned across the parts.
    init(parts: [EventPart]) {
        hasIDs = parts.allSatisfy(\.hasIDs)
        var people = TextInterner(), personEvents = 0
        if let first = parts.first {
            // The first part's numbering is kept as it is; later parts are mapped onto it.
            users = first.users
            types = first.types
            times = first.times
            ids = first.ids
            people = first.people
            typeNames = first.typeNames
        }
        for (k, part) in parts.enumerated() {
            if k > 0 {
                let userMap = part.people.names.map { people.index(of: $0) }
                let typeMap = part.typeNames.map { name -> Int32 in
                    if let known = typeNames.firstIndex(where: { $0.utf8.elementsEqual(name.utf8) }) { return Int32(known) }
                    typeNames.append(name)
                    return Int32(typeNames.count - 1)
                }
                users += part.users.map { $0 == Self.null ? $0 : userMap[Int($0)] }
                types += part.types.map { $0 == Self.null ? $0 : typeMap[Int($0)] }
                times += part.times
                if hasIDs { ids.append(contentsOf: part.ids) }
            }
            if timelineProblem == nil, let problem = part.timelineProblem {
                timelineProblem = PipelineError(problem.kind, "event \(personEvents + problem.event): \(problem.message)")
            }
            personEvents += part.personEvents
        }
        userNames = people.names
        groupByUser()
    }

    /// The index of an event type's name, -1 when no event has it.
    func typeIndex(_ name: String) -> Int32 { typeNames.firstIndex(of: name).map(Int32.init) ?? Self.null }

    /// Throws for the first event of a person with a null type or a null or unreadable
    /// timestamp (events are numbered among those with a person).
    func requireTimelines() throws {
        if let timelineProblem { throw timelineProblem }
    }

    private mutating func groupByUser() {
        var starts = [Int](repeating: 0, count: userNames.count + 1)
        for u in users where u != Self.null { starts[Int(u) + 1] += 1 }
        for u in userNames.indices { starts[u + 1] += starts[u] }
        var next = starts
        order = [Int32](repeating: 0, count: starts[userNames.count])
        for (i, u) in users.enumerated() where u != Self.null {
            order[next[Int(u)]] = Int32(i)
            next[Int(u)] += 1
        }
        userRanges = userNames.indices.map { starts[$0]..<starts[$0 + 1] }
    }
}

/// The rows one statement (userId, eventType, timestamp[, _id]) returns — or one ingested batch
/// holds (`IngestedEvents`) — people and event types interned within the part. `QueriedEvents`
/// joins parts, so two connections can each read half of the events at once.
struct EventPart {
    private(set) var users: [Int32] = []
    private(set) var types: [Int32] = []
    private(set) var times: [Int64] = []
    private(set) var ids = IDColumn()
    let hasIDs: Bool
    /// The people, numbered in reading order.
    private(set) var people = TextInterner()
    private(set) var typeNames: [String] = []
    /// Events with a person.
    private(set) var personEvents = 0
    /// The first event with a person that cannot be on a timeline: its number among this
    /// part's events with a person, and what is wrong.
    private(set) var timelineProblem: (event: Int, kind: PipelineError.Kind, message: String)?

    // Events are stored person by person, and runs of one type or one time are common, so
    // comparing with the previous row avoids most lookups and parses.
    private var typeBytes: [[UInt8]] = []
    private var lastUser: [UInt8] = [], lastUserIndex = QueriedEvents.null
    private var lastType = QueriedEvents.null

    init(hasIDs: Bool) { self.hasIDs = hasIDs }

    /// Steps `statement` to the end; `expectedRows`, when known, sizes the columns up front
    /// (growing them by doubling copies and faults in each buffer again).
    init(_ statement: SQLiteStatement, expectedRows: Int = 0) throws {
        self.init(hasIDs: statement.columnCount > 3)
        users.reserveCapacity(expectedRows)
        types.reserveCapacity(expectedRows)
        times.reserveCapacity(expectedRows)
        if hasIDs { ids.reserveCapacity(expectedRows) }
        let handle = statement.handle
        // The last timestamp's text, overwritten in place (no allocation per row).
        var lastTime: [UInt8] = [], lastMicros = QueriedEvents.nullTime
        lastTime.reserveCapacity(64)
        while try statement.step() {
            var time = QueriedEvents.nullTime, unreadable = false
            switch sqlite3_column_type(handle, 2) {
            case SQLITE_NULL: break
            case SQLITE_INTEGER: time = sqlite3_column_int64(handle, 2)
            default:
                let bytes = Self.text(handle, 2) ?? UnsafeBufferPointer(start: nil, count: 0)
                if lastMicros != QueriedEvents.nullTime, Self.equal(lastTime, bytes) {
                    time = lastMicros
                } else if let micros = TimestampText.parse(bytes) {
                    time = micros
                    Self.overwrite(&lastTime, with: bytes)
                    lastMicros = micros
                } else {
                    unreadable = true
                }
            }
            append(user: Self.text(handle, 0), type: Self.text(handle, 1), time: time, unreadableTime: unreadable ? statement.text(2) : nil)
            if hasIDs { ids.append(Self.text(handle, 3)) }
        }
    }

    /// Column `i`'s text as bytes (valid until the next step), nil when it is null — one call
    /// fewer per value than asking for its type first: SQLite gives no text pointer for a null
    /// value (nor when out of memory, which is told apart by the type and then reads as empty text).
    @inline(__always) private static func text(_ handle: OpaquePointer, _ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        if let p = sqlite3_column_text(handle, i) { return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i))) }
        return sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : UnsafeBufferPointer(start: nil, count: 0)
    }

    /// Makes `buffer` a copy of `bytes`, in place when the length is the same (timestamps and
    /// people's ids mostly are).
    @inline(__always) private static func overwrite(_ buffer: inout [UInt8], with bytes: UnsafeBufferPointer<UInt8>) {
        guard buffer.count == bytes.count, bytes.count > 0, let source = bytes.baseAddress else {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source, count: bytes.count) }
    }

    /// Adds one event: its person and type as UTF-8 (nil for null), its time in microseconds
    /// (`QueriedEvents.nullTime` for null or unreadable) and, when unreadable, the stored text.
    /// The `_id` column is appended by the caller.
    @inline(__always)
    mutating func append(user userBytes: UnsafeBufferPointer<UInt8>?, type typeText: UnsafeBufferPointer<UInt8>?,
                         time: Int64, unreadableTime: String?) {
        var user = QueriedEvents.null
        if let bytes = userBytes {
            if lastUserIndex != QueriedEvents.null, Self.equal(lastUser, bytes) {
                user = lastUserIndex
            } else {
                user = people.index(of: bytes)
                Self.overwrite(&lastUser, with: bytes)
                lastUserIndex = user
            }
        }
        var type = QueriedEvents.null
        if let bytes = typeText {
            if lastType != QueriedEvents.null, Self.equal(typeBytes[Int(lastType)], bytes) {
                type = lastType
            } else if let known = typeBytes.firstIndex(where: { Self.equal($0, bytes) }) {
                type = Int32(known)
            } else {
                type = Int32(typeNames.count)
                typeBytes.append(Array(bytes))
                typeNames.append(String(decoding: bytes, as: UTF8.self))
            }
            lastType = type
        }
        if user != QueriedEvents.null {
            personEvents += 1
            if timelineProblem == nil {
                if type == QueriedEvents.null {
                    timelineProblem = (personEvents, .schemaViolation, "the event type is null")
                } else if let unreadableTime {
                    timelineProblem = (personEvents, .typeMismatch, "`\(unreadableTime)` is not a timestamp")
                } else if time == QueriedEvents.nullTime {
                    timelineProblem = (personEvents, .schemaViolation, "the timestamp is null")
                }
            }
        }
        users.append(user)
        types.append(type)
        times.append(time)
    }

    /// Adds one event's `_id` (nil for null); only for parts with IDs.
    @inline(__always) mutating func append(id: UnsafeBufferPointer<UInt8>?) { ids.append(id) }

    @inline(__always) private static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { a in
            a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
        }
    }
}

/// Text values stored back to back as UTF-8 with their starts, so a million short `_id`s cost
/// one buffer instead of a million strings, and compare and hash as bytes — SQLite's BINARY
/// collation — with `memcmp`.
struct IDColumn: Equatable {
    /// The values are `bytes[0..<used]`; the rest is zeroed room to grow into, so an append is
    /// one copy into place (`Array.append(contentsOf:)` of a buffer cost some 120 instructions).
    private var bytes: [UInt8] = []
    /// Value i is `bytes[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var nulls: [Bool] = []

    var count: Int { nulls.count }
    private var used: Int { starts[starts.count - 1] }

    static func == (a: IDColumn, b: IDColumn) -> Bool {
        a.starts == b.starts && a.nulls == b.nulls && a.bytes[..<a.used] == b.bytes[..<b.used]
    }

    /// Room for `values` more values of up to about 40 bytes (an `_id` is a 36-character UUID).
    mutating func reserveCapacity(_ values: Int) {
        bytes.reserveCapacity(used + 40 * values)
        starts.reserveCapacity(starts.count + values)
        nulls.reserveCapacity(nulls.count + values)
    }

    mutating func append(_ value: UnsafeBufferPointer<UInt8>?) {
        var end = used
        if let value, let source = value.baseAddress, value.count > 0 {
            if bytes.count < end + value.count {
                bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, end + value.count - bytes.count, 4096)))
            }
            bytes.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: end).update(from: source, count: value.count) }
            end += value.count
        }
        starts.append(end)
        nulls.append(value == nil)
    }

    mutating func append(contentsOf other: IDColumn) {
        let offset = used
        bytes.removeSubrange(offset...)
        bytes += other.bytes[..<other.used]
        starts += other.starts.dropFirst().map { $0 + offset }
        nulls += other.nulls
    }

    func isNull(_ i: Int) -> Bool { nulls[i] }

    /// Orders value `a` before `b` as SQL's ORDER BY does: nulls first, then bytes.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        if nulls[b] { return false }
        if nulls[a] { return true }
        let la = starts[a + 1] - starts[a], lb = starts[b + 1] - starts[b]
        let c = bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[a], $0.baseAddress! + starts[b], min(la, lb)) }
        return c != 0 ? c < 0 : la < lb
    }

    /// The number of distinct non-null values, by open addressing on a hash of the bytes. A slot
    /// holds a value's number plus one (0: empty) under the hash's high half, so a probe reads
    /// one word, and the bytes are compared only when those 32 bits of hash agree.
    func distinctCount() -> Int {
        var size = 16
        while size < 2 * count { size <<= 1 }
        let mask = size - 1
        var slots = [UInt64](repeating: 0, count: size)
        // Every value empty: one distinct value if any is not null.
        guard used > 0 else { return nulls.contains(false) ? 1 : 0 }
        var distinct = 0
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for i in 0..<count where !nulls[i] {
                let start = starts[i], length = starts[i + 1] - start
                let hash = ByteHash.of(UnsafeBufferPointer(start: base + start, count: length))
                let tag = hash & 0xffff_ffff_0000_0000
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = slots[slot]
                    if entry == 0 {
                        slots[slot] = tag | UInt64(i + 1)
                        distinct += 1
                        break
                    }
                    if entry & 0xffff_ffff_0000_0000 == tag {
                        let other = Int(entry & 0xffff_ffff) - 1
                        if starts[other + 1] - starts[other] == length, memcmp(base + starts[other], base + start, length) == 0 { break }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return distinct
    }
}
