import Foundation
import Language
import Pipeline

/// `%%sql [name]`: the rest of the cell runs as SQL on the current workspace; the result is the
/// cell's value and, with a name, also bound to that variable. `$name` in the SQL takes the value
/// of the Propel variable `name`.
enum SQLMagic {
    static func register(on session: Session, context: Context) {
        session.registerCellMagic("sql") { [unowned session] invocation in
            let name = invocation.arguments
            if !name.isEmpty, name.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) == nil {
                throw LanguageError("UsageError", "`%%sql \(name)`: the result's name must be one identifier",
                                    hints: ["write `%%sql` alone, or `%%sql result` to keep the rows in `result`"])
            }
            let result = try SQLModule.run(invocation.body, parameters: try parameters(in: invocation.body, session),
                                           context: context, host: invocation.host)
            if !name.isEmpty { try invocation.bind(name, result) }
            return result
        }
    }

    /// The values of the Propel variables the SQL names as `$name` (names that are not variables
    /// are left for the query service to report).
    static func parameters(in sql: String, _ session: Session) throws -> [String: Pipeline.Value] {
        let pattern = try NSRegularExpression(pattern: #"\$([A-Za-z_][A-Za-z0-9_]*)"#)
        var values: [String: Pipeline.Value] = [:]
        for match in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)) {
            guard let range = Range(match.range(at: 1), in: sql) else { continue }
            let name = String(sql[range])
            if let value = session.value(of: name) {
                values[name] = try Cells.require(value, "the SQL parameter `$\(name)`")
            }
        }
        return values
    }
}
