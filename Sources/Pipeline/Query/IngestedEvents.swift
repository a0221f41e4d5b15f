import Dispatch

/// The events of datasets this connection has just ingested, kept batch by batch as
/// `EventPart`s, so the first one-pass call after step 1's ingestion (its event counts) need not
/// read back a million rows the process wrote a moment ago.
///
/// An entry stands for the dataset's whole rows table in rowid order, and only at its `stamp`
/// (`SQLiteDatabase.changeStamp()`): it is used only while the connection's stamp is still
/// exactly that. Each committed ingestion (`CommittedIngest`) either extends an entry — its
/// `before` stamp proves nothing changed since the entry was last right — or moves it on
/// unchanged when it wrote another dataset; any entry it cannot prove is dropped.
///
/// A batch's part is built on another thread (`PendingPart`) while the ingesting thread goes on
/// to the next batch: for a bulk load (`Simulator.run`) that thread is the critical path.
struct IngestedEvents {
    private struct Entry {
        var stamp: [Int]
        var parts: [PendingPart]
    }

    private var entries: [String: Entry] = [:]

    /// Follows one committed ingestion.
    mutating func committed(_ ingest: CommittedIngest) {
        for (name, entry) in entries where name != ingest.dataset.name {
            if entry.stamp == ingest.before { entries[name]?.stamp = ingest.after } else { entries[name] = nil }
        }
        let name = ingest.dataset.name
        var parts: [PendingPart]
        if ingest.startedEmpty {
            parts = []
        } else if let entry = entries[name], entry.stamp == ingest.before {
            parts = entry.parts
        } else {
            entries[name] = nil
            return
        }
        entries[name] = nil
        guard ingest.appendedInOrder, Self.hasEventFields(ingest.plan) else { return }
        parts.append(PendingPart(ingest.plan))
        entries[name] = Entry(stamp: ingest.after, parts: parts)
    }

    /// The events of `dataset` (userId, eventType, timestamp, _id) when an entry holds them at
    /// `stamp`; the entry is handed over (the caller's `EventCache` keeps the events from then on).
    mutating func take(_ dataset: String, at stamp: [Int]) -> QueriedEvents? {
        guard let entry = entries.removeValue(forKey: dataset), entry.stamp == stamp else { return nil }
        var parts: [EventPart] = []
        for pending in entry.parts {
            guard let part = pending.part else { return nil }
            parts.append(part)
        }
        return QueriedEvents(parts: parts)
    }

    /// Whether `plan` has the four fields the one-pass calls read, of kinds `part(of:)` may take.
    static func hasEventFields(_ plan: IngestPlan) -> Bool {
        ["userId", "eventType", "timestamp", "_id"].allSatisfy { name in
            plan.fields.contains { bound in
                guard bound.field.name == name else { return false }
                switch bound.source {
                case .absent: return true
                case .text: return name != "timestamp"
                case .timestamps: return name == "timestamp"
                case .ints, .doubles, .bools: return false
                }
            }
        }
    }

    /// The part `plan`'s rows make when its schema has the four fields the one-pass calls read,
    /// typed so that what SQLite stores is exactly what reading it back gives: text as the same
    /// bytes, timestamps in the years `TimestampText` writes and parses back unchanged.
    static func part(of plan: IngestPlan) -> EventPart? {
        func source(_ name: String) -> (IngestPlan.Source, [Bool]?)? {
            plan.fields.first { $0.field.name == name }.map { ($0.source, $0.nulls) }
        }
        guard let user = source("userId"), let type = source("eventType"), let time = source("timestamp"),
              let id = source("_id") else { return nil }
        var times: [Int64]
        switch time.0 {
        case .timestamps(let values, _):
            times = values
            if let nulls = time.1 { for r in times.indices where nulls[r] { times[r] = QueriedEvents.nullTime } }
            guard times.allSatisfy({ $0 == QueriedEvents.nullTime || TimestampText.writableRange.contains($0) }) else { return nil }
        case .absent: times = [Int64](repeating: QueriedEvents.nullTime, count: plan.rowCount)
        default: return nil
        }
        guard let users = TextCursor(user), let types = TextCursor(type), let ids = TextCursor(id) else { return nil }
        var part = EventPart(hasIDs: true)
        for r in 0..<plan.rowCount {
            users.withBytes(r) { user in
                types.withBytes(r) { type in part.append(user: user, type: type, time: times[r], unreadableTime: nil) }
            }
            ids.withBytes(r) { part.append(id: $0) }
        }
        return part
    }

    /// A text field's values (the plan's UTF-8 and where each value starts), or all nulls.
    private struct TextCursor {
        let text: (bytes: [UInt8], starts: [Int])?
        let nulls: [Bool]?

        init?(_ source: (IngestPlan.Source, [Bool]?)) {
            switch source.0 {
            case .text(let bytes, let starts): text = (bytes, starts)
            case .absent: text = nil
            default: return nil
            }
            nulls = source.1
        }

        /// Calls `body` with row `r`'s UTF-8 bytes, nil when it is null.
        @inline(__always) func withBytes(_ r: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
            guard let text, nulls?[r] != true else { return body(nil) }
            text.bytes.withUnsafeBufferPointer { all in
                body(UnsafeBufferPointer(rebasing: all[text.starts[r]..<text.starts[r + 1]]))
            }
        }
    }
}

/// `IngestedEvents.part(of:)` of one plan, built on a global queue from the moment it is made;
/// `part` waits for it. The plan is an immutable value, so building it beside further
/// ingestion reads nothing that changes.
final class PendingPart: @unchecked Sendable {
    private let done = DispatchGroup()
    private var built: EventPart?

    init(_ plan: IngestPlan) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.built = IngestedEvents.part(of: plan)
            self.done.leave()
        }
    }

    /// The part, nil when the plan's rows cannot make one (`part(of:)`).
    var part: EventPart? {
        done.wait()
        return built
    }
}
