/// One field of a schema: a column every row of a dataset on that schema has.
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: DataType
    /// A required field may not be null; ingestion rejects the batch otherwise.
    public var required: Bool

    public init(_ name: String, _ type: DataType, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
    }
}

/// Which field identifies the person a row belongs to, in which identity namespace (ECID,
/// Email, …); `primary` marks the identity profiles are merged on.
public struct Identity: Hashable, Sendable {
    public var field: String
    public var namespace: String
    public var primary: Bool

    public init(field: String, namespace: String, primary: Bool = true) {
        self.field = field
        self.namespace = namespace
        self.primary = primary
    }
}

/// What a schema's rows describe, as in XDM: time-stamped experience events, one record per
/// profile, or plain records (query outputs, model scores).
public enum SchemaKind: String, Sendable, CaseIterable {
    case event, profile, record
}

/// A named list of typed fields with an optional identity: the contract every batch ingested
/// into a dataset on this schema is validated against.
public struct Schema: Hashable, Sendable {
    public var name: String
    public var kind: SchemaKind
    public var fields: [Field]
    public var identity: Identity?

    public init(name: String, kind: SchemaKind = .record, fields: [Field], identity: Identity? = nil) {
        self.name = name
        self.kind = kind
        self.fields = fields
        self.identity = identity
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The schema a query result or file gets when it becomes a dataset without a declared one:
    /// the table's column names and types, none required.
    public static func inferred(name: String, from table: Table) -> Schema {
        Schema(name: name, kind: .record, fields: table.columns.map { Field($0.name, $0.type) })
    }
}
