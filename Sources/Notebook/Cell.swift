import JSON

/// One notebook cell. Code cells carry outputs and an execution count; markdown and raw cells
/// may carry attachments. Fields the 4.5 schema does not allow for a kind are never written.
public struct Cell: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case code, markdown, raw
    }

    public var id: String
    public var kind: Kind
    public var source: String
    public var metadata: [String: JSONValue]
    public var outputs: [Output]
    public var executionCount: Int?
    /// Markdown and raw cells only: filename → mimebundle.
    public var attachments: [String: JSONValue]?

    public init(
        id: String = CellID.fresh(), kind: Kind, source: String, metadata: [String: JSONValue] = [:],
        outputs: [Output] = [], executionCount: Int? = nil, attachments: [String: JSONValue]? = nil
    ) {
        self.id = id
        self.kind = kind
        self.source = source
        self.metadata = metadata
        self.outputs = outputs
        self.executionCount = executionCount
        self.attachments = attachments
    }

    public static func code(_ source: String, id: String = CellID.fresh(), tags: [String] = []) -> Cell {
        var cell = Cell(id: id, kind: .code, source: source)
        if !tags.isEmpty { cell.tags = tags }
        return cell
    }

    public static func markdown(_ source: String, id: String = CellID.fresh()) -> Cell {
        Cell(id: id, kind: .markdown, source: source)
    }

    /// `metadata.tags`; setting an empty list removes the key.
    public var tags: [String] {
        get { metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { metadata["tags"] = newValue.isEmpty ? nil : .array(newValue.map { .string($0) }) }
    }
}
