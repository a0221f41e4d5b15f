/// A named collection of rows on one schema. Its rows are queried in SQL under the dataset's name.
public struct Dataset: Hashable, Sendable {
    public var name: String
    public var schema: String
    /// Profile-enabled datasets feed the profile store (merged by the schema's identity).
    public var profileEnabled: Bool
    public var description: String
    public var createdAt: Timestamp
}

public enum BatchStatus: String, Sendable {
    /// Being written inside its transaction: only ever visible to the writer itself.
    case staging
    case success
    /// Rejected (validation) or aborted (SQL error); its rows are absent and `reason` says why.
    case failed
}

/// Whether a batch adds to the dataset's rows or replaces all of them.
public enum IngestMode: String, Sendable {
    case append, replace
}

/// One ingestion attempt into a dataset.
public struct Batch: Hashable, Sendable {
    public var id: String
    public var dataset: String
    public var status: BatchStatus
    public var reason: String?
    public var mode: IngestMode
    public var rows: Int
    public var bytes: Int
    public var createdAt: Timestamp
    public var completedAt: Timestamp?
}

/// The state of a dataset after a successful batch. Generations count from 1 per dataset;
/// SQL's `SNAPSHOT BETWEEN a AND b` selects rows written by generations a…b, both inclusive.
public struct Snapshot: Hashable, Sendable {
    public var dataset: String
    public var generation: Int
    public var batchID: String
    public var parentGeneration: Int?
    public var madeCurrentAt: Timestamp
    /// Rows and bytes this snapshot's batch added.
    public var rows: Int
    public var bytes: Int
    /// True when the batch replaced every earlier row.
    public var replaced: Bool
}

public enum RunKind: String, Sendable { case export, `import` }
public enum RunStatus: String, Sendable { case success, failed }

/// One export or import run with its metrics, kept so later steps find "the latest export" by
/// time and can trace lineage (dataset → files → model → scores).
public struct RunRecord: Hashable, Sendable {
    public var id: String
    public var kind: RunKind
    public var dataset: String?
    /// The folder or file written (export) or read (import).
    public var path: String
    public var format: String
    public var compression: String?
    public var rows: Int
    public var bytes: Int
    public var files: Int
    public var status: RunStatus
    public var error: String?
    public var startedAt: Timestamp
    public var finishedAt: Timestamp

    public init(kind: RunKind, dataset: String?, path: String, format: String, compression: String? = nil,
                rows: Int, bytes: Int, files: Int, status: RunStatus = .success, error: String? = nil,
                startedAt: Timestamp, finishedAt: Timestamp, id: String = SortableID.next()) {
        self.id = id
        self.kind = kind
        self.dataset = dataset
        self.path = path
        self.format = format
        self.compression = compression
        self.rows = rows
        self.bytes = bytes
        self.files = files
        self.status = status
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    /// Seconds between start and finish.
    public var duration: Double { Double(finishedAt.microseconds - startedAt.microseconds) / 1_000_000 }
}
