/// The outcome of one SQL statement.
public struct QueryResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A query's rows (all of them: results are never capped).
        case rows
        /// `CREATE TABLE … AS` made a new dataset with this many rows.
        case created(dataset: String, rows: Int)
        /// `INSERT INTO` a dataset appended this many rows as a new batch.
        case inserted(dataset: String, rows: Int)
        /// `CREATE TABLE IF NOT EXISTS` found the dataset already there and did nothing.
        case skipped(dataset: String)
        case dropped(dataset: String)
        /// Any other statement; rows changed (0 for DDL).
        case changed(rows: Int)
    }

    /// The statement as written (before snapshot and parameter handling).
    public let statement: String
    public let outcome: Outcome
    /// The rows of a query; empty for other statements.
    public let table: Table
    /// Things worth a look: columns that are null in every row (usually a misspelt filter).
    public let warnings: [String]
    public let seconds: Double

    /// One line saying what happened, e.g. "89,921 rows × 19 columns".
    public var summary: String {
        switch outcome {
        case .rows: return "\(QueryResult.grouped(table.rowCount)) row\(table.rowCount == 1 ? "" : "s") × \(table.columnCount) column\(table.columnCount == 1 ? "" : "s")"
        case .created(let d, let n): return "created dataset `\(d)` with \(QueryResult.grouped(n)) rows"
        case .inserted(let d, let n): return "appended \(QueryResult.grouped(n)) rows to dataset `\(d)`"
        case .skipped(let d): return "dataset `\(d)` already exists; CREATE TABLE IF NOT EXISTS left it unchanged"
        case .dropped(let d): return "dropped dataset `\(d)`"
        case .changed(let n): return n == 0 ? "done" : "\(QueryResult.grouped(n)) rows changed"
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Warnings for columns with no non-null value in a non-empty result.
    static func nullColumnWarnings(_ table: Table) -> [String] {
        guard table.rowCount > 0 else { return [] }
        return table.columns.filter { $0.nullCount == table.rowCount }.map {
            "column `\($0.name)` is null in all \(grouped(table.rowCount)) rows — check the condition that computes it (for example an eventType that does not occur in the data)"
        }
    }
}
