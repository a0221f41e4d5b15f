extension Catalog {
    /// Records a finished export (files written under `storage/egress/…`) with its metrics.
    @discardableResult
    public func recordExport(dataset: String?, path: String, format: String, compression: String? = nil,
                             rows: Int, bytes: Int, files: Int, startedAt: Timestamp, finishedAt: Timestamp,
                             error: String? = nil) throws -> RunRecord {
        try record(RunRecord(kind: .export, dataset: dataset, path: path, format: format, compression: compression,
                             rows: rows, bytes: bytes, files: files, status: error == nil ? .success : .failed,
                             error: error, startedAt: startedAt, finishedAt: finishedAt))
    }

    /// Records a finished import (a file read into `dataset`) with its metrics.
    @discardableResult
    public func recordImport(dataset: String, path: String, format: String, rows: Int, bytes: Int, files: Int,
                             startedAt: Timestamp, finishedAt: Timestamp, error: String? = nil) throws -> RunRecord {
        try record(RunRecord(kind: .import, dataset: dataset, path: path, format: format, rows: rows, bytes: bytes,
                             files: files, status: error == nil ? .success : .failed, error: error,
                             startedAt: startedAt, finishedAt: finishedAt))
    }

    @discardableResult
    public func record(_ run: RunRecord) throws -> RunRecord {
        let s = try db.prepare("INSERT INTO propel_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try s.bind([.string(run.id), .string(run.kind.rawValue), run.dataset.map(Value.string) ?? .null, .string(run.path),
                    .string(run.format), run.compression.map(Value.string) ?? .null, .int(run.rows), .int(run.bytes),
                    .int(run.files), .string(run.status.rawValue), run.error.map(Value.string) ?? .null,
                    .timestamp(run.startedAt), .timestamp(run.finishedAt)])
        try s.step()
        return run
    }

    /// Runs of `kind` (all kinds when nil), optionally for one dataset, oldest first.
    public func runs(kind: RunKind? = nil, dataset: String? = nil) throws -> [RunRecord] {
        let s = try db.prepare("""
            SELECT id, kind, dataset, path, format, compression, rows, bytes, files, status, error, started_at, finished_at
            FROM propel_runs WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR dataset = ?2)
            ORDER BY finished_at, id
            """)
        try s.bind([kind.map { .string($0.rawValue) } ?? .null, dataset.map(Value.string) ?? .null])
        var out: [RunRecord] = []
        while try s.step() {
            out.append(RunRecord(kind: RunKind(rawValue: s.text(1)) ?? .export, dataset: s.isNull(2) ? nil : s.text(2),
                                 path: s.text(3), format: s.text(4), compression: s.isNull(5) ? nil : s.text(5),
                                 rows: s.int(6), bytes: s.int(7), files: s.int(8), status: RunStatus(rawValue: s.text(9)) ?? .failed,
                                 error: s.isNull(10) ? nil : s.text(10),
                                 startedAt: Self.timestamp(s, 11) ?? Timestamp(microseconds: 0),
                                 finishedAt: Self.timestamp(s, 12) ?? Timestamp(microseconds: 0), id: s.text(0)))
        }
        return out
    }

    /// The most recent successful export of `dataset`, by finish time (never by folder name).
    public func latestExport(dataset: String) throws -> RunRecord? {
        try runs(kind: .export, dataset: dataset).last { $0.status == .success }
    }
}
