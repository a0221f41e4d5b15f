import Foundation

/// Python parameters exactly as papermill's `PythonTranslator` writes them (without black).
public struct PythonTranslator: ParameterLanguage {
    public init() {}

    private static let assignment = try! NSRegularExpression(
        pattern: #"^([A-Za-z_]\w*)\s*(?::\s*["']?([^=]*?)["']?\s*)?=\s*(.*?)\s*$"#)

    public func declarations(in source: String) -> [ParameterDeclaration] {
        source.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = String(raw)
            let code = SourceScan.stripComment(line, marker: "#")
            let range = NSRange(code.startIndex..., in: code)
            guard let match = Self.assignment.firstMatch(in: code, range: range) else { return nil }
            func group(_ i: Int) -> String? {
                Range(match.range(at: i), in: code).map { String(code[$0]) }
            }
            guard let name = group(1), let value = group(3), !value.hasPrefix("=") else { return nil }
            let annotation = group(2).flatMap { $0.isEmpty ? nil : $0 }
            let type = annotation.map(Self.type(ofAnnotation:)) ?? Self.type(ofLiteral: value)
            return ParameterDeclaration(name: name, type: type, annotation: annotation, line: line)
        }
    }

    static func type(ofLiteral value: String) -> DeclaredType {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let first = v.first, "\"'".contains(first) || (v.count > 1 && "rRuU".contains(first) && "\"'".contains(v[v.index(after: v.startIndex)])) {
            return .string
        }
        if v == "True" || v == "False" { return .bool }
        if SourceScan.isIntegerLiteral(v) { return .int }
        if SourceScan.isFloatLiteral(v) { return .double }
        if v.hasPrefix("[") || v.hasPrefix("(") { return .list }
        if v.hasPrefix("{") { return .dict }
        return .unknown
    }

    static func type(ofAnnotation annotation: String) -> DeclaredType {
        let a = annotation.replacingOccurrences(of: " ", with: "")
        if a.hasPrefix("Optional[") && a.hasSuffix("]") {
            return .optional(type(ofAnnotation: String(a.dropFirst(9).dropLast())))
        }
        if a.hasSuffix("|None") { return .optional(type(ofAnnotation: String(a.dropLast(5)))) }
        switch a.split(separator: "[").first.map(String.init) ?? a {
        case "str": return .string
        case "int": return .int
        case "float": return .double
        case "bool": return .bool
        case "list", "List", "tuple", "Tuple", "Sequence": return .list
        case "dict", "Dict", "Mapping": return .dict
        default: return .unknown
        }
    }

    public func literal(_ value: ParameterValue) -> String { Self.literal(value) }

    static func literal(_ value: ParameterValue) -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "float('nan')" }
            if d.isInfinite { return d < 0 ? "float('-inf')" : "float('inf')" }
            return d.description
        case .string(let s): return "\"" + unicodeEscape(s).replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .dict(let entries):
            return "{" + entries.map { literal(.string($0.key)) + ": " + literal($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Python's `str.encode('unicode_escape').decode()`.
    static func unicodeEscape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x5C: out += "\\\\"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(scalar)
            case 0..<0x100: out += "\\x" + hex(scalar.value, width: 2)
            case 0x100..<0x10000: out += "\\u" + hex(scalar.value, width: 4)
            default: out += "\\U" + hex(scalar.value, width: 8)
            }
        }
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public func assignment(_ name: String, _ value: ParameterValue, declaration: ParameterDeclaration?) -> String {
        "\(name) = \(literal(value))"
    }

    public func comment(_ text: String) -> String { "# \(text)" }
}
