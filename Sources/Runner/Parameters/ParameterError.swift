/// A parameter that cannot be used as given; the runner reports it as a usage error (exit 2).
public struct ParameterError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
