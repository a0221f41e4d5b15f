import Foundation

/// Parameters in Propel's Swift syntax: `let users = 5000`, `let name: String? = nil`,
/// `let tags = ["a", "b"]`, `let weights: [String: Double] = [:]`.
public struct PropelTranslator: ParameterLanguage {
    public init() {}

    private static let declaration = try! NSRegularExpression(
        pattern: #"^\s*(let|var)\s+([A-Za-z_]\w*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?)\s*;?\s*$"#)

    public func declarations(in source: String) -> [ParameterDeclaration] {
        source.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = String(raw)
            let code = SourceScan.stripComment(line, marker: "//")
            let range = NSRange(code.startIndex..., in: code)
            guard let match = Self.declaration.firstMatch(in: code, range: range) else { return nil }
            func group(_ i: Int) -> String? {
                Range(match.range(at: i), in: code).map { String(code[$0]) }
            }
            guard let keyword = group(1), let name = group(2), let value = group(4) else { return nil }
            let annotation = group(3)
            let type = annotation.map(Self.type(ofAnnotation:)) ?? Self.type(ofLiteral: value)
            return ParameterDeclaration(name: name, type: type, annotation: annotation, keyword: keyword, line: line)
        }
    }

    static func type(ofLiteral value: String) -> DeclaredType {
        if value.hasPrefix("\"") { return .string }
        if value == "true" || value == "false" { return .bool }
        if SourceScan.isIntegerLiteral(value) { return .int }
        if SourceScan.isFloatLiteral(value) { return .double }
        if value.hasPrefix("[") { return SourceScan.hasTopLevelColon(value) ? .dict : .list }
        return .unknown
    }

    static func type(ofAnnotation annotation: String) -> DeclaredType {
        let a = annotation.trimmingCharacters(in: .whitespaces)
        if a.hasSuffix("?") { return .optional(type(ofAnnotation: String(a.dropLast()))) }
        if a.hasPrefix("Optional<") && a.hasSuffix(">") { return .optional(type(ofAnnotation: String(a.dropFirst(9).dropLast()))) }
        if a.hasPrefix("[") { return SourceScan.hasTopLevelColon(a) ? .dict : .list }
        switch a {
        case "String": return .string
        case "Int": return .int
        case "Double", "Float": return .double
        case "Bool": return .bool
        default: return .unknown
        }
    }

    public func literal(_ value: ParameterValue) -> String {
        switch value {
        case .none: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "Double.nan" }
            if d.isInfinite { return d < 0 ? "-Double.infinity" : "Double.infinity" }
            return d.description
        case .string(let s): return "\"" + Self.escape(s) + "\""
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .dict(let entries):
            if entries.isEmpty { return "[:]" }
            return "[" + entries.map { literal(.string($0.key)) + ": " + literal($0.value) }.joined(separator: ", ") + "]"
        }
    }

    /// Swift string-literal escapes: `\\`, `\"`, `\n`, `\r`, `\t`, `\0`, and `\u{…}` for other controls.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Mirrors the declaration's keyword and annotation, so `nil` and empty collections keep the
    /// declared type; an undeclared parameter is a plain `let`.
    public func assignment(_ name: String, _ value: ParameterValue, declaration: ParameterDeclaration?) -> String {
        let keyword = declaration?.keyword ?? "let"
        let annotation = declaration?.annotation.map { ": \($0)" } ?? ""
        return "\(keyword) \(name)\(annotation) = \(literal(value))"
    }

    public func comment(_ text: String) -> String { "// \(text)" }
}
