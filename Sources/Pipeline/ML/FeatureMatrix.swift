/// Model input: one contiguous `[Double]` per feature (column-major), NaN for missing, so the
/// solvers stream over features the way the table stores them.
public struct FeatureMatrix: Sendable {
    public let names: [String]
    public var columns: [[Double]]
    public let rowCount: Int

    public init(names: [String], columns: [[Double]]) {
        precondition(names.count == columns.count, "one name per feature column")
        let n = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == n }, "feature columns differ in length")
        self.names = names
        self.columns = columns
        self.rowCount = n
    }

    /// The named numeric columns of `table` (ints, doubles, bools, timestamps; nulls become NaN).
    /// A string column or a missing name is an error naming it.
    public init(table: Table, features: [String]) throws {
        guard !features.isEmpty else { throw PipelineError(.invalidArgument, "no feature columns given") }
        var cols: [[Double]] = []
        for name in features {
            let column = try table.column(name)
            guard let values = column.doubles else {
                throw PipelineError(.typeMismatch, "feature `\(name)` is a \(column.type) column; features must be numeric",
                                    hint: "encode it as numbers first, or leave it out of the features")
            }
            cols.append(values)
        }
        self.init(names: features, columns: cols)
    }

    public var featureCount: Int { columns.count }

    /// The rows at `indices`, in that order.
    public func gathering(_ indices: [Int]) -> FeatureMatrix {
        FeatureMatrix(names: names, columns: columns.map { c in indices.map { c[$0] } })
    }
}

/// The label of a binary classification problem: 0 or 1 per row.
public enum BinaryLabel {
    /// The column as 0/1: bools, or numbers that are all 0 or 1. Nulls and other values are
    /// errors naming the first offending row, because silently dropping rows changes the problem.
    public static func values(of table: Table, column name: String) throws -> [Double] {
        let column = try table.column(name)
        guard let values = column.doubles else {
            throw PipelineError(.typeMismatch, "label `\(name)` is a \(column.type) column; a label must be 0/1 or Bool")
        }
        for (row, v) in values.enumerated() where v != 0 && v != 1 {
            let shown = v.isNaN ? "null" : "\(v)"
            throw PipelineError(.invalidArgument, "label `\(name)` row \(row + 1) is \(shown); a label must be 0 or 1")
        }
        return values
    }
}
