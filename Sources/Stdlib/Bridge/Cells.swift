import Language
import Pipeline

/// Converting cells between the pipeline (`Pipeline.Value`) and the language (`Language.Value`).
/// Timestamps cross as ISO 8601 strings: the language has no date type, and the text sorts and
/// compares correctly.
enum Cells {
    static func language(_ cell: Pipeline.Value) -> Language.Value {
        switch cell {
        case .null: return .null
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .timestamp(let t): return .string(t.description)
        }
    }

    /// A language value as a cell, or nil when it has no cell form (an array, a closure).
    static func pipeline(_ value: Language.Value) -> Pipeline.Value? {
        switch value {
        case .null: return .null
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    /// Like `pipeline(_:)`, but an error naming `what` when the value cannot be a cell.
    static func require(_ value: Language.Value, _ what: String) throws -> Pipeline.Value {
        guard let cell = pipeline(value) else {
            throw LanguageError.typeError("\(what) must be a number, string, Bool or nil, got \(value.typeName)")
        }
        return cell
    }

    /// A row as an insertion-ordered dictionary column → value.
    static func row(_ table: Table, _ index: Int) -> Language.Value {
        .dictionary(OrderedDictionary(table.columns.map { (.string($0.name), language($0[index])) }))
    }

    /// A column's cells as an array.
    static func column(_ column: Column) -> Language.Value {
        .array((0..<column.count).map { language(column[$0]) })
    }
}
