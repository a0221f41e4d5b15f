import Foundation

/// Turns what the user passed into a typed value, honouring the type the `parameters` cell declares
/// (papermill#396: `-p name 007` must stay the string `"007"` when `name` defaults to a string).
/// Undeclared parameters get papermill's own inference.
public enum ParameterTyping {
    public static func resolve(_ name: String, _ input: ParameterInput, declaration: ParameterDeclaration?) throws -> ParameterValue {
        let declared = declaration?.type ?? .unknown
        switch input {
        case .raw(let text):
            return .string(text)
        case .text(let text):
            return try fromText(name, text, declared, declaration)
        case .yaml(let value):
            return try fromYAML(name, value, declared, declaration)
        }
    }

    /// papermill's `_resolve_type`: `True`/`False`/`None`, then Python `int()`, then `float()`, else the text.
    public static func inferred(_ text: String) -> ParameterValue {
        switch text {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        default:
            if let i = pythonInt(text) { return .int(i) }
            if let d = pythonFloat(text) { return .double(d) }
            return .string(text)
        }
    }

    static func fromText(_ name: String, _ text: String, _ declared: DeclaredType, _ declaration: ParameterDeclaration?) throws -> ParameterValue {
        func mismatch() -> ParameterError { ParameterTyping.mismatch(name, "\"\(text)\"", declared, declaration) }
        switch declared {
        case .unknown: return inferred(text)
        case .optional(let wrapped):
            if ["None", "nil", "null"].contains(text) { return .none }
            return try fromText(name, text, wrapped, declaration)
        case .string: return .string(text)
        case .int:
            guard let i = pythonInt(text) else { throw mismatch() }
            return .int(i)
        case .double:
            guard let d = pythonFloat(text) else { throw mismatch() }
            return .double(d)
        case .bool:
            switch text {
            case "True", "true": return .bool(true)
            case "False", "false": return .bool(false)
            default: throw mismatch()
            }
        case .list, .dict:
            guard let parsed = try? YAMLValue.parse(text) else { throw mismatch() }
            return try fromYAML(name, parsed, declared, declaration)
        }
    }

    static func fromYAML(_ name: String, _ value: YAMLValue, _ declared: DeclaredType, _ declaration: ParameterDeclaration?) throws -> ParameterValue {
        switch (declared, value) {
        case (.unknown, _): return value.resolved
        case (.optional, .scalar(.none, _)): return .none
        case (.optional(let wrapped), _): return try fromYAML(name, value, wrapped, declaration)
        case (.string, .scalar(.string(let s), _)): return .string(s)
        case (.string, .scalar(_, let text)), (.int, .scalar(_, let text)), (.double, .scalar(_, let text)), (.bool, .scalar(_, let text)):
            return try fromText(name, text, declared, declaration)
        case (.list, .list), (.dict, .dict): return value.resolved
        default:
            throw mismatch(name, value.resolved.description, declared, declaration)
        }
    }

    static func mismatch(_ name: String, _ shown: String, _ declared: DeclaredType, _ declaration: ParameterDeclaration?) -> ParameterError {
        let line = declaration.map { " (the parameters cell declares `\($0.line.trimmingCharacters(in: .whitespaces))`)" } ?? ""
        return ParameterError("parameter '\(name)': \(shown) is not a valid \(declared)\(line)")
    }

    /// Python's `int(text)`: surrounding whitespace, a sign, digits with single underscores.
    static func pythonInt(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard SourceScan.isIntegerLiteral(t) else { return nil }
        return Int(t.replacingOccurrences(of: "_", with: ""))
    }

    /// Python's `float(text)`: decimal forms plus `inf`, `infinity`, `nan` in any case.
    static func pythonFloat(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var body = Substring(t)
        let negative = body.first == "-"
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        switch body {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        guard !body.isEmpty, !body.contains("__"), body.first != "_", body.last != "_",
            body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "-" || $0 == "+" || $0 == "_") })
        else { return nil }
        return Double(t.replacingOccurrences(of: "_", with: ""))
    }
}
