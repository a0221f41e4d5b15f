/// Every error the pipeline library raises: a kind that names the class of mistake (it becomes
/// the `ename` users see) and a message that names the row, column, file or dataset involved.
public struct PipelineError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case unknownColumn = "UnknownColumnError"
        case unknownDataset = "UnknownDatasetError"
        case typeMismatch = "TypeMismatchError"
        case schemaViolation = "SchemaError"
        case invalidArgument = "ArgumentError"
        case sql = "SQLError"
        case malformedFile = "FileFormatError"
        case io = "IOError"
        case model = "ModelError"
        case audience = "AudienceError"
        case destination = "DestinationError"
        case conflict = "ConflictError"
    }

    public let kind: Kind
    public let message: String
    /// A suggestion for the fix, shown under the message ("did you mean `userId`?").
    public let hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}
