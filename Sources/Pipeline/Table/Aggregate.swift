/// One summary computed per group by `Table.groupBy` (or over the whole table by `aggregate`).
public struct Aggregate: Sendable {
    public enum Function: String, Sendable, CaseIterable {
        /// Non-null cells of the column, or rows when there is no column.
        case count
        case sum, mean, min, max
        /// Distinct non-null values.
        case distinctCount = "distinct"
        /// Sample standard deviation (n − 1 in the denominator, as pandas and SQL's `stddev`).
        case std
    }

    public var function: Function
    public var column: String?
    /// The output column's name.
    public var name: String

    /// `function` over `column`; the output is named `<function>_<column>` unless `name` is given.
    public init(_ function: Function, _ column: String, as name: String? = nil) {
        self.function = function
        self.column = column
        self.name = name ?? "\(function.rawValue)_\(column)"
    }

    /// The number of rows in each group.
    public static func rowCount(as name: String = "count") -> Aggregate {
        var a = Aggregate(.count, "", as: name)
        a.column = nil
        return a
    }

    /// The output type for an input column of `type`, or an error for a summary that makes no
    /// sense there (the mean of text).
    func outputType(for type: DataType?) throws -> DataType {
        switch function {
        case .count, .distinctCount: return .int
        case .min, .max: return type ?? .int
        case .sum:
            switch type {
            case .int?, .bool?: return .int
            case .double?: return .double
            default: throw unsupported(type)
            }
        case .mean, .std:
            switch type {
            case .int?, .bool?, .double?: return .double
            default: throw unsupported(type)
            }
        }
    }

    private func unsupported(_ type: DataType?) -> PipelineError {
        PipelineError(.typeMismatch, "cannot take the \(function.rawValue) of the \(type.map { "\($0)" } ?? "") column `\(column ?? "")`",
                      hint: "\(function.rawValue) needs a numeric column; count, distinct, min and max work on any column")
    }
}
