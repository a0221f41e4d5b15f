/// The file formats tables are written to and read from.
public enum FileFormat: String, Sendable, CaseIterable {
    case csv
    /// JSON Lines; files are named `.json`, as the reference's exports are (`.jsonl` and `.ndjson` read too).
    case jsonLines = "json"
    case parquet

    /// The extension written, without the dot.
    public var fileExtension: String { rawValue }

    /// The format a user names (`"csv"`, `"json"`, `"jsonl"`, `"parquet"`), or an error listing them.
    public init(named name: String) throws {
        switch name.lowercased() {
        case "csv": self = .csv
        case "json", "jsonl", "jsonlines", "ndjson": self = .jsonLines
        case "parquet": self = .parquet
        default:
            throw PipelineError(.invalidArgument, "unknown file format `\(name)`", hint: "use \"csv\", \"json\" or \"parquet\"")
        }
    }

    /// The format a file's name says it has (`part-00000.gz.parquet` is Parquet), if any.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if name.hasSuffix(".csv") { self = .csv }
        else if name.hasSuffix(".json") || name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { self = .jsonLines }
        else if name.hasSuffix(".parquet") { self = .parquet }
        else { return nil }
    }
}
