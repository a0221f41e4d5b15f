import Foundation

/// Where an audience's members are sent.
public struct Destination: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Files under `storage/activations/<destination>/<audience>/<timestamp>/` (CSV or JSON Lines).
        case file(FileFormat)
        /// JSON batches POSTed to `url`; a failed POST is retried `maxAttempts` times in all,
        /// waiting `initialBackoff` seconds, then twice as long each time.
        case webhook(url: URL, batchSize: Int, maxAttempts: Int, initialBackoff: Double)
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) throws {
        try ModelRegistry.validate(name, what: "destination name")
        if case .file(let format) = kind, format == .parquet {
            throw PipelineError(.invalidArgument, "file destinations write csv or json, not parquet")
        }
        if case .webhook(let url, let size, let attempts, let backoff) = kind {
            guard ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                throw PipelineError(.invalidArgument, "webhook URL `\(url.absoluteString)` must be http or https")
            }
            guard size >= 1, attempts >= 1, backoff >= 0 else {
                throw PipelineError(.invalidArgument, "webhook batch size and attempts must be at least 1, backoff at least 0")
            }
        }
        self.name = name
        self.kind = kind
    }

    public static func file(_ name: String, format: FileFormat = .csv) throws -> Destination {
        try Destination(name: name, kind: .file(format))
    }

    public static func webhook(_ name: String, url: String, batchSize: Int = 1_000, maxAttempts: Int = 5,
                               initialBackoff: Double = 0.5) throws -> Destination {
        guard let parsed = URL(string: url) else { throw PipelineError(.invalidArgument, "`\(url)` is not a URL") }
        return try Destination(name: name, kind: .webhook(url: parsed, batchSize: batchSize, maxAttempts: maxAttempts,
                                                          initialBackoff: initialBackoff))
    }

    /// The stored form (kind, url, batch size, attempts, backoff): `file:csv` / `file:json`, or
    /// `webhook` with its settings.
    var stored: [Value] {
        switch kind {
        case .file(let format): return [.string("file:\(format.rawValue)"), .null, .null, .null, .null]
        case .webhook(let url, let size, let attempts, let backoff):
            return [.string("webhook"), .string(url.absoluteString), .int(size), .int(attempts), .double(backoff)]
        }
    }

    /// Reads the stored form back from columns `first…first+4` of a row.
    static func stored(name: String, _ s: SQLiteStatement, from first: Int) throws -> Destination {
        let kind = s.text(first)
        guard kind != "webhook" else {
            return try webhook(name, url: s.text(first + 1), batchSize: s.int(first + 2), maxAttempts: s.int(first + 3),
                               initialBackoff: s.double(first + 4))
        }
        return try file(name, format: FileFormat(rawValue: String(kind.dropFirst("file:".count))) ?? .csv)
    }

    /// `file (csv)` or `webhook http://…`, for listings.
    public var summary: String {
        switch kind {
        case .file(let format): return "file (\(format.rawValue))"
        case .webhook(let url, _, _, _): return "webhook \(url.absoluteString)"
        }
    }
}
