import JSON

/// `stream` on iopub.
public struct StreamContent: Codable, Equatable, Sendable {
    /// `stdout` or `stderr`.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// `display_data` and `update_display_data` (the latter requires `transient.display_id`).
public struct DisplayData: Codable, Equatable, Sendable {
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue]
    public var transient: [String: JSONValue]?

    public init(data: [String: JSONValue], metadata: [String: JSONValue] = [:], displayID: String? = nil) {
        self.data = data
        self.metadata = metadata
        self.transient = displayID.map { ["display_id": .string($0)] }
    }

    public var displayID: String? { transient?["display_id"]?.stringValue }
}

/// `execute_result` on iopub: the cell's value, `Out[n]`.
public struct ExecuteResult: Codable, Equatable, Sendable {
    public var executionCount: Int
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue]

    enum CodingKeys: String, CodingKey { case executionCount = "execution_count", data, metadata }

    public init(executionCount: Int, data: [String: JSONValue], metadata: [String: JSONValue] = [:]) {
        self.executionCount = executionCount
        self.data = data
        self.metadata = metadata
    }
}

/// `clear_output`; `wait` defers the clearing until the next output arrives.
public struct ClearOutput: Codable, Equatable, Sendable {
    public var wait: Bool

    public init(wait: Bool) { self.wait = wait }
}

/// `status` on iopub.
public struct Status: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable { case starting, busy, idle }
    public var executionState: State

    enum CodingKeys: String, CodingKey { case executionState = "execution_state" }

    public init(_ state: State) { executionState = state }
}

/// `iopub_welcome` (protocol 5.5): sent on XPUB to every new subscriber.
public struct IOPubWelcome: Codable, Equatable, Sendable {
    public var subscription: String

    public init(subscription: String) { self.subscription = subscription }
}
