import Foundation
import Language
import Pipeline

/// Functions available without a module prefix: opening the workspace, loud checks, building a
/// table from columns, and the number formatting notebooks print with.
enum Globals {
    static func functions(_ context: Context) -> [NativeFunction] {
        [
            function("open", [Parameter(label: "workspace", name: "path", type: "String")], returns: "Workspace",
                     doc: "Opens the workspace folder (creating it the first time) and makes it current for every module and %%sql.") { a in
                .object(WorkspaceObject(try context.open(try a.string(0))))
            },
            function("check", [.positional("condition", "Bool"), .positional("message", "String")],
                     doc: "Raises CheckError with the message when the condition is false: a notebook's loud plausibility check.") { a in
                guard try a.bool(0) else { throw LanguageError("CheckError", try a.string(1)) }
                return .null
            },
            function("table", [.positional("columns", "[String: [Any]]")], returns: "Table",
                     doc: "A table from columns, e.g. table([\"name\": [\"a\", \"b\"], \"n\": [1, 2]]); types are inferred and nil is a null.") { a in
                TableObject.value(try table(from: try a.dictionary(0)))
            },
            function("format", [.positional("value", "Double"), .labeled("digits", "Int", default: 2)], returns: "String",
                     doc: "The number with a fixed number of decimals and thousands separators: format(1234.567) is \"1,234.57\".") { a in
                .string(grouped(try a.double(0), digits: try a.int(1)))
            },
            function("percent", [.positional("fraction", "Double"), .labeled("digits", "Int", default: 1)], returns: "String",
                     doc: "A fraction as a percentage: percent(0.148) is \"14.8 %\".") { a in
                .string(grouped(try a.double(0) * 100, digits: try a.int(1)) + " %")
            },
        ]
    }

    static func table(from columns: OrderedDictionary) throws -> Table {
        var names: [String] = []
        var cells: [[Pipeline.Value]] = []
        for (key, value) in columns.pairs {
            guard let name = key.stringValue else {
                throw LanguageError.typeError("column names must be strings, got \(key.typeName)")
            }
            guard let items = value.arrayValue else {
                throw LanguageError.typeError("column `\(name)` must be an array of values, got \(value.typeName)")
            }
            if let first = cells.first, first.count != items.count {
                throw LanguageError.valueError("column `\(name)` has \(items.count) values, but `\(names[0])` has \(first.count)")
            }
            names.append(name)
            cells.append(try items.map { try Cells.require($0, "a value of column `\(name)`") })
        }
        let rowCount = cells.first?.count ?? 0
        return try Table(names: names, rows: (0..<rowCount).map { r in cells.map { $0[r] } })
    }

    /// `1234.567` with 2 digits is `1,234.57`; non-finite numbers print as Swift does.
    static func grouped(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.description }
        let places = max(0, min(digits, 15))
        let fixed = String(format: "%.\(places)f", abs(value))
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let sign = value < 0 && fixed.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }
}
