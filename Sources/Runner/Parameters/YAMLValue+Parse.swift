import Foundation
import Yams

extension YAMLValue {
    /// Parses one YAML document (JSON is YAML too). Scalars are typed by YAML's core resolution,
    /// as papermill's loader types them, and keep their text for declared strings.
    public static func parse(_ text: String) throws -> YAMLValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ParameterError("invalid YAML: \(error)")
        }
        guard let node else { return .scalar(.none, text: "") }
        return try convert(node)
    }

    /// The top-level mapping of a `-y` string or `-f` file, in document order.
    public static func parseMapping(_ text: String, source: String) throws -> [(name: String, input: ParameterInput)] {
        let value: YAMLValue
        do {
            value = try parse(text)
        } catch let error as ParameterError {
            throw ParameterError("\(source): \(error.description)")
        }
        switch value {
        case .dict(let entries): return entries.map { ($0.key, .yaml($0.value)) }
        case .scalar(.none, _): return []
        default: throw ParameterError("\(source): expected a mapping of parameter names to values")
        }
    }

    private static func convert(_ node: Node) throws -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            if scalar.style == .plain {
                if node.null != nil { return .scalar(.none, text: text) }
                if let b = node.bool { return .scalar(.bool(b), text: text) }
                if let i = node.int { return .scalar(.int(i), text: text) }
                if let d = node.float { return .scalar(.double(d), text: text) }
            }
            return .scalar(.string(text), text: text)
        case .sequence(let sequence):
            return .list(try sequence.map(convert))
        case .mapping(let mapping):
            return .dict(try mapping.map { key, value in
                guard let name = key.string else { throw ParameterError("mapping keys must be strings") }
                return (name, try convert(value))
            })
        }
    }
}
