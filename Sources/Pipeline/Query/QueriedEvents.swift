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
    /// Empty when `_id` was not read.
    private(set) var ids: [String?] = []
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
        hasIDs = statement.columnCount > 3
        let handle = statement.handle
        var userIndex: [BinaryText: Int32] = [:], typeBytes: [[UInt8]] = []
        // Events are stored person by person, so comparing with the previous row avoids most lookups.
        var lastUser: [UInt8] = [], lastUserIndex = Self.null
        var personEvents = 0
        while try statement.step() {
            let user: Int32
            if sqlite3_column_type(handle, 0) == SQLITE_NULL {
                user = Self.null
            } else {
                let bytes = statement.bytes(0)
                if lastUserIndex != Self.null, Self.equal(lastUser, bytes) {
                    user = lastUserIndex
                } else {
                    let key = BinaryText(String(decoding: bytes, as: UTF8.self))
                    if let known = userIndex[key] { user = known } else {
                        user = Int32(userNames.count)
                        userIndex[key] = user
                        userNames.append(key.text)
                    }
                    lastUser = Array(bytes)
                    lastUserIndex = user
                }
            }
            let type: Int32
            if sqlite3_column_type(handle, 1) == SQLITE_NULL {
                type = Self.null
            } else {
                let bytes = statement.bytes(1)
                if let known = typeBytes.firstIndex(where: { Self.equal($0, bytes) }) { type = Int32(known) } else {
                    type = Int32(typeNames.count)
                    typeBytes.append(Array(bytes))
                    typeNames.append(String(decoding: bytes, as: UTF8.self))
                }
            }
            var time = Self.nullTime, unreadable = false
            switch sqlite3_column_type(handle, 2) {
            case SQLITE_NULL: break
            case SQLITE_INTEGER: time = sqlite3_column_int64(handle, 2)
            default:
                if let micros = TimestampText.parse(statement.bytes(2)) { time = micros } else { unreadable = true }
            }
            if user != Self.null {
                personEvents += 1
                if timelineProblem == nil {
                    if type == Self.null {
                        timelineProblem = PipelineError(.schemaViolation, "event \(personEvents): the event type is null")
                    } else if unreadable {
                        timelineProblem = PipelineError(.typeMismatch, "event \(personEvents): `\(statement.text(2))` is not a timestamp")
                    } else if time == Self.nullTime {
                        timelineProblem = PipelineError(.schemaViolation, "event \(personEvents): the timestamp is null")
                    }
                }
            }
            users.append(user)
            types.append(type)
            times.append(time)
            if hasIDs { ids.append(sqlite3_column_type(handle, 3) == SQLITE_NULL ? nil : statement.text(3)) }
        }
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

    @inline(__always) private static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { a in
            a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
        }
    }
}

/// Text compared and hashed by its UTF-8 bytes, as SQLite's default BINARY collation compares:
/// Swift's `String` equality would merge canonically equivalent spellings that SQL counts apart.
struct BinaryText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: BinaryText, b: BinaryText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
