import Language
import Pipeline

/// A `Pipeline.Table` as Propel sees it: rows by index (`t[0]`), columns by name (`t["age"]`),
/// iteration over rows as dictionaries, and the table operations as documented methods. Renders
/// as an HTML table (shape, types, head and tail) with an aligned text form.
final class TableObject: HostObject {
    let table: Table

    init(_ table: Table) { self.table = table }

    static func value(_ table: Table) -> Language.Value { .object(TableObject(table)) }

    var typeName: String { "Table" }
    var doc: String { "A table of typed columns (Int, Double, String, Bool, Timestamp) with nulls. Rows are `t[i]`, columns `t[\"name\"]`; `for row in t` gives each row as a dictionary." }

    func display() -> MimeBundle {
        ["text/plain": table.text(), "text/html": table.html()]
    }

    func elements() throws -> [Language.Value]? {
        (0..<table.rowCount).map { Cells.row(table, $0) }
    }

    func subscripted(by key: Language.Value) throws -> Language.Value? {
        switch key {
        case .int(let i):
            let index = i < 0 ? table.rowCount + i : i
            guard index >= 0, index < table.rowCount else {
                throw LanguageError.indexError("row \(i) is out of range: the table has \(table.rowCount) rows")
            }
            return Cells.row(table, index)
        case .string(let name):
            return try bridging { Cells.column(try table.column(name)) }
        default:
            throw LanguageError.typeError("a table is subscripted by a row number (Int) or a column name (String), not \(key.typeName)")
        }
    }

    lazy var members: [HostMember] = TableMembers.members(of: table)
}
