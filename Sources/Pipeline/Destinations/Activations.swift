import Foundation
import JSON

/// One activation of an audience to a destination, as recorded in `propel_activations`.
public struct Activation: Sendable, Equatable {
    public enum Status: String, Sendable { case delivered, failed }
    public var id: String
    public var destination: String
    public var audience: String
    public var status: Status
    public var rows: Int
    public var batches: Int
    public var deliveredBatches: Int
    public var attempts: Int
    /// The folder (storage-relative) holding the members file.
    public var folder: String
    public var error: String?
    public var startedAt: Timestamp
    public var finishedAt: Timestamp
}

/// Activation from code. The members are always written first, atomically, to
/// `storage/activations/<destination>/<audience>/<timestamp>/`; a file destination is then
/// done, a webhook sends that file's rows in batches with retries and exponential backoff.
/// Every activation is recorded; a failed webhook keeps its file and delivered-batch count,
/// so `retry` resumes where it stopped and nothing is lost or sent twice.
public final class Activations {
    let workspace: Workspace
    private var db: SQLiteDatabase { workspace.database }
    /// How retries wait; tests pass a recorder instead of sleeping.
    public var sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.database.execute("""
            CREATE TABLE IF NOT EXISTS propel_activations(
                id TEXT PRIMARY KEY, destination TEXT NOT NULL, audience TEXT NOT NULL, status TEXT NOT NULL,
                rows INTEGER NOT NULL, batches INTEGER NOT NULL, delivered_batches INTEGER NOT NULL,
                attempts INTEGER NOT NULL, folder TEXT NOT NULL, error TEXT, destination_kind TEXT NOT NULL,
                url TEXT, batch_size INTEGER, max_attempts INTEGER, backoff REAL,
                started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL);
            """)
    }

    @discardableResult
    public func activate(_ evaluation: AudienceEvaluation, to destination: Destination) throws -> Activation {
        let started = Timestamp(Date())
        let stamp = started.description.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let folder = "activations/\(destination.name)/\(evaluation.audience.name)/\(stamp)"
        let format: FileFormat
        if case .file(let f) = destination.kind { format = f } else { format = .jsonLines }
        let fileName = format == .csv ? "members.csv" : "members.jsonl"
        let bytes = format == .csv ? CSVWriter.bytes(evaluation.members) : JSONLinesWriter.bytes(evaluation.members)
        try AtomicWrite.replace(workspace.storage.appendingPathComponent("\(folder)/\(fileName)"), with: Data(bytes))
        var record = Activation(id: SortableID.next(), destination: destination.name, audience: evaluation.audience.name,
                                status: .delivered, rows: evaluation.members.rowCount, batches: 1, deliveredBatches: 1,
                                attempts: 1, folder: folder, error: nil, startedAt: started, finishedAt: started)
        guard case .webhook(let url, let size, let maxAttempts, let backoff) = destination.kind else {
            record.finishedAt = Timestamp(Date())
            try save(record, destination)
            return record
        }
        record.batches = max(1, (record.rows + size - 1) / size)
        record.deliveredBatches = 0
        record.attempts = 0
        return try deliver(record, destination, url: url, size: size, maxAttempts: maxAttempts, backoff: backoff)
    }

    /// Sends the undelivered batches of a failed webhook activation again.
    @discardableResult
    public func retry(_ id: String) throws -> Activation {
        guard let (record, destination) = try load(id) else { throw PipelineError(.destination, "no activation with id `\(id)`") }
        guard record.status == .failed else { return record }
        guard case .webhook(let url, let size, let maxAttempts, let backoff) = destination.kind else { return record }
        return try deliver(record, destination, url: url, size: size, maxAttempts: maxAttempts, backoff: backoff)
    }

    private func deliver(_ start: Activation, _ destination: Destination, url: URL, size: Int, maxAttempts: Int, backoff: Double) throws -> Activation {
        var record = start
        let file = workspace.storage.appendingPathComponent("\(record.folder)/members.jsonl")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PipelineError(.destination, "the members file `\(file.path)` of activation \(record.id) is gone")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        record.error = nil
        while record.deliveredBatches < record.batches {
            let k = record.deliveredBatches
            let slice = lines[min(k * size, lines.count)..<min((k + 1) * size, lines.count)]
            var body = Data("{\"audience\":\(Self.quoted(record.audience)),\"activation\":\(Self.quoted(record.id)),\"batch\":\(k + 1),\"batches\":\(record.batches),\"members\":[".utf8)
            for (i, line) in slice.enumerated() { if i > 0 { body.append(UInt8(ascii: ",")) }; body.append(contentsOf: line) }
            body.append(contentsOf: Array("]}".utf8))
            var wait = backoff, failure: String?
            for attempt in 1...maxAttempts {
                record.attempts += 1
                failure = WebhookClient.post(body, to: url)
                if failure == nil { break }
                if attempt < maxAttempts { sleep(wait); wait *= 2 }
            }
            if let failure {
                record.status = .failed
                record.error = "batch \(k + 1) of \(record.batches): \(failure) after \(maxAttempts) attempts"
                break
            }
            record.deliveredBatches += 1
        }
        if record.deliveredBatches == record.batches { record.status = .delivered }
        record.finishedAt = Timestamp(Date())
        try save(record, destination)
        return record
    }

    private func save(_ r: Activation, _ d: Destination) throws {
        let s = try db.prepare("INSERT OR REPLACE INTO propel_activations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try s.bind([.string(r.id), .string(r.destination), .string(r.audience), .string(r.status.rawValue), .int(r.rows), .int(r.batches),
                    .int(r.deliveredBatches), .int(r.attempts), .string(r.folder), r.error.map(Value.string) ?? .null]
                   + d.stored + [.timestamp(r.startedAt), .timestamp(r.finishedAt)])
        try s.step()
    }

    private func load(_ id: String) throws -> (Activation, Destination)? {
        try all(where: id).first
    }

    private func all(where id: String? = nil) throws -> [(Activation, Destination)] {
        let s = try db.prepare("SELECT * FROM propel_activations WHERE ?1 IS NULL OR id = ?1 ORDER BY id")
        try s.bind([id.map(Value.string) ?? .null])
        var out: [(Activation, Destination)] = []
        while try s.step() {
            let a = Activation(id: s.text(0), destination: s.text(1), audience: s.text(2), status: Activation.Status(rawValue: s.text(3)) ?? .failed,
                               rows: s.int(4), batches: s.int(5), deliveredBatches: s.int(6), attempts: s.int(7), folder: s.text(8),
                               error: s.isNull(9) ? nil : s.text(9), startedAt: Catalog.timestamp(s, 15) ?? Timestamp(microseconds: 0),
                               finishedAt: Catalog.timestamp(s, 16) ?? Timestamp(microseconds: 0))
            let d = try Destination.stored(name: s.text(1), s, from: 10)
            out.append((a, d))
        }
        return out
    }

    public func activations() throws -> [Activation] { try all().map(\.0) }

    /// Every activation: destination, audience, status, rows, batches delivered, attempts, error.
    public func activationsTable() throws -> Table {
        let a = try activations()
        return try Table([
            Column("activation_id", strings: a.map(\.id)), Column("destination", strings: a.map(\.destination)),
            Column("audience", strings: a.map(\.audience)), Column("status", strings: a.map(\.status.rawValue)),
            Column("rows", ints: a.map(\.rows)), Column("batches", ints: a.map(\.batches)),
            Column("delivered_batches", ints: a.map(\.deliveredBatches)), Column("attempts", ints: a.map(\.attempts)),
            Column("folder", strings: a.map(\.folder)), Column("error", strings: a.map { $0.error ?? "" }, nulls: a.map { $0.error == nil }),
            Column("started_at", timestamps: a.map(\.startedAt.microseconds)), Column("finished_at", timestamps: a.map(\.finishedAt.microseconds)),
        ])
    }

    private static func quoted(_ s: String) -> String { JSONWriter(style: .compact).string(.string(s)) }
}
