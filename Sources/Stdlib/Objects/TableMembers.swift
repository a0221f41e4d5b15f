import Language
import Pipeline

/// The documented properties and methods of `Table` values. They close over the table (a value),
/// never over its host object, so members never keep an object alive.
enum TableMembers {
    static func members(of table: Table) -> [HostMember] {
        [
            .property("count", type: "Int", doc: "Number of rows.") { .int(table.rowCount) },
            .property("columns", type: "[String]", doc: "Column names, in order.") {
                .array(table.columnNames.map(Language.Value.string))
            },
            .property("types", type: "[String: String]", doc: "Column name → type (Int, Double, String, Bool, Timestamp).") {
                .dictionary(OrderedDictionary(table.columns.map { (.string($0.name), .string($0.type.description)) }))
            },
            .method(function("head", [.positional("n", "Int", default: 5)], returns: "Table",
                              doc: "The first `n` rows.") { a in
                TableObject.value(table.head(try a.int(0)))
            }),
            .method(function("tail", [.positional("n", "Int", default: 5)], returns: "Table",
                              doc: "The last `n` rows.") { a in
                TableObject.value(table.tail(try a.int(0)))
            }),
            .method(function("describe", returns: "Table",
                              doc: "Per column: count, nulls, mean, std, min, quartiles, max (numbers); distinct values (text).") { _ in
                TableObject.value(table.describe())
            }),
            .method(function("select", [.positional("columns", "[String]")], returns: "Table",
                              doc: "Only these columns, in this order.") { a in
                TableObject.value(try table.select(try strings(a, 0)))
            }),
            .method(function("filter", [.positional("isIncluded")], returns: "Table",
                              doc: "The rows for which the closure, given the row as a dictionary, returns true.") { a in
                let predicate = a[0]
                return TableObject.value(try table.filter { row in
                    try a.checkInterrupt()
                    let kept = try a.call(predicate, [Cells.row(table, row.index)])
                    guard let keep = kept.boolValue else {
                        throw LanguageError.typeError("the filter closure must return a Bool, got \(kept.typeName)")
                    }
                    return keep
                })
            }),
            .method(function("sort", [.labeled("by", "String"), .labeled("descending", "Bool", default: false)],
                              returns: "Table", doc: "The rows ordered by a column; nulls last.") { a in
                TableObject.value(try table.sorted(by: try a.string(0), ascending: !(try a.bool(1))))
            }),
            .method(function("column", [.positional("name", "String")], returns: "[Any]",
                              doc: "A column's values as an array (same as `t[\"name\"]`).") { a in
                Cells.column(try table.column(try a.string(0)))
            }),
            .method(function("adding", [.positional("name", "String"), .positional("values", "[Any]")], returns: "Table",
                              doc: "The table with a new (or replaced) column; one value per row.") { a in
                let name = try a.string(0)
                let values = try a.array(1)
                guard values.count == table.rowCount else {
                    throw LanguageError.valueError("column `\(name)` has \(values.count) values, the table \(table.rowCount) rows")
                }
                let cells = try values.map { try Cells.require($0, "a value of column `\(name)`") }
                return TableObject.value(try table.adding(name) { cells[$0.index] })
            }),
            .method(function("groupBy", [.positional("keys", "[String]"), .positional("aggregates", "[String: String]")],
                              returns: "Table",
                              doc: "One row per group with aggregates named by the keys: [\"people\": \"count\", \"age\": \"mean(age)\"] (count, sum, mean, min, max, distinct, std).") { a in
                let aggregates = try a.dictionary(1).pairs.map { pair in
                    try aggregate(named: pair.key.stringValue ?? "", pair.value.stringValue ?? "")
                }
                return TableObject.value(try table.groupBy(try strings(a, 0), aggregates))
            }),
            .method(function("join", [.positional("other", "Table"), .labeled("on", "String"), .labeled("kind", "String", default: "inner")],
                              returns: "Table", doc: "Joins with another table on a shared column (`inner` or `left`).") { a in
                let other = try a.object(0, as: TableObject.self).table
                guard let kind = Table.JoinKind(rawValue: try a.string(2)) else {
                    throw LanguageError.argumentError("join kind must be \"inner\" or \"left\", got \"\(try a.string(2))\"")
                }
                return TableObject.value(try table.join(other, on: [try a.string(1)], kind: kind))
            }),
            .method(function("sample", [.positional("n", "Int"), .labeled("seed", "Int", default: 0)], returns: "Table",
                              doc: "`n` rows drawn without replacement; the same seed gives the same rows.") { a in
                TableObject.value(try table.sample(n: try a.int(0), seed: UInt64(bitPattern: Int64(try a.int(1)))))
            }),
            .method(function("sum", [.positional("column", "String")], returns: "Double",
                              doc: "The sum of a numeric column, ignoring nulls.") { a in
                try summary(table, .sum, try a.string(0))
            }),
            .method(function("mean", [.positional("column", "String")], returns: "Double",
                              doc: "The mean of a numeric column, ignoring nulls.") { a in
                try summary(table, .mean, try a.string(0))
            }),
        ]
    }

    private static func strings(_ a: Arguments, _ i: Int) throws -> [String] {
        try a.array(i).map { element in
            guard let s = element.stringValue else {
                throw LanguageError.typeError("`\(a.function.selector)` needs column names (String), got \(element.typeName)")
            }
            return s
        }
    }

    /// `"count"` or `"mean(age)"` as an aggregate whose output column is `name`.
    private static func aggregate(named name: String, _ spec: String) throws -> Aggregate {
        if spec == "count" { return .rowCount(as: name) }
        guard let open = spec.firstIndex(of: "("), spec.hasSuffix(")"),
              let function = Aggregate.Function(rawValue: String(spec[..<open])) else {
            throw LanguageError.argumentError("`\(spec)` is not an aggregate",
                                              hints: ["write \"count\" or \"<function>(<column>)\" with count, sum, mean, min, max, distinct or std"])
        }
        let column = String(spec[spec.index(after: open)..<spec.index(before: spec.endIndex)])
        return Aggregate(function, column, as: name)
    }

    private static func summary(_ table: Table, _ function: Aggregate.Function, _ column: String) throws -> Language.Value {
        let result = try table.aggregate([Aggregate(function, column, as: "value")])
        return Cells.language(result.columns[0][0])
    }
}
