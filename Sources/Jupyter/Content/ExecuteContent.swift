import JSON

/// `execute_request`. Absent fields take the spec's defaults (stop_on_error and store_history true).
public struct ExecuteRequest: Codable, Equatable, Sendable {
    public var code: String
    public var silent: Bool
    public var storeHistory: Bool
    public var userExpressions: [String: String]
    public var allowStdin: Bool
    public var stopOnError: Bool

    enum CodingKeys: String, CodingKey {
        case code, silent, storeHistory = "store_history", userExpressions = "user_expressions"
        case allowStdin = "allow_stdin", stopOnError = "stop_on_error"
    }

    public init(code: String, silent: Bool = false, storeHistory: Bool = true, userExpressions: [String: String] = [:],
                allowStdin: Bool = true, stopOnError: Bool = true) {
        self.code = code
        self.silent = silent
        self.storeHistory = storeHistory
        self.userExpressions = userExpressions
        self.allowStdin = allowStdin
        self.stopOnError = stopOnError
    }

    /// Reads the content without going through `JSONDecoder` (the kernel does this for every
    /// execute, and the Foundation round trip cost more than the rest of decoding the message).
    public init(content: JSONValue) throws {
        func invalid(_ reason: String) -> WireError { .invalidContent(msgType: "execute_request", reason: reason) }
        guard let fields = content.objectValue else { throw invalid("content is not an object") }
        func flag(_ key: String, default value: Bool) throws -> Bool {
            guard let field = fields[key], !field.isNull else { return value }
            guard let flag = field.boolValue else { throw invalid("\"\(key)\" is not a boolean") }
            return flag
        }
        guard let code = fields["code"]?.stringValue else { throw invalid("\"code\" is missing or not a string") }
        self.code = code
        silent = try flag("silent", default: false)
        storeHistory = try flag("store_history", default: true)
        allowStdin = try flag("allow_stdin", default: true)
        stopOnError = try flag("stop_on_error", default: true)
        userExpressions = [:]
        if let expressions = fields["user_expressions"], !expressions.isNull {
            guard let entries = expressions.objectValue else { throw invalid("\"user_expressions\" is not an object") }
            for (name, expression) in entries {
                guard let text = expression.stringValue else { throw invalid("user expression \"\(name)\" is not a string") }
                userExpressions[name] = text
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let content = try JSONValue(from: decoder)
        do { try self.init(content: content) } catch let error as WireError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}

/// `status` of a reply: `ok`, `error` (with ename/evalue/traceback) or the deprecated `aborted`.
public enum ReplyStatus: String, Codable, Sendable {
    case ok, error, aborted
}

/// `execute_reply`.
public struct ExecuteReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus
    public var executionCount: Int
    public var payload: [JSONValue]?
    public var userExpressions: [String: JSONValue]?
    public var ename: String?
    public var evalue: String?
    public var traceback: [String]?

    enum CodingKeys: String, CodingKey {
        case status, executionCount = "execution_count", payload, userExpressions = "user_expressions"
        case ename, evalue, traceback
    }

    public init(status: ReplyStatus, executionCount: Int, payload: [JSONValue]? = nil,
                userExpressions: [String: JSONValue]? = nil, error: ErrorContent? = nil) {
        self.status = status
        self.executionCount = executionCount
        self.payload = payload
        self.userExpressions = userExpressions
        self.ename = error?.ename
        self.evalue = error?.evalue
        self.traceback = error?.traceback
    }

    /// The error fields as one value, when the status is `error`.
    public var error: ErrorContent? {
        guard let ename else { return nil }
        return ErrorContent(ename: ename, evalue: evalue ?? "", traceback: traceback ?? [])
    }
}

/// `error` on iopub, and the error fields of any reply.
public struct ErrorContent: Codable, Equatable, Sendable, Error {
    public var ename: String
    public var evalue: String
    public var traceback: [String]

    public init(ename: String, evalue: String, traceback: [String]) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
    }
}

/// `execute_input` on iopub: the code being run, re-broadcast to every client.
public struct ExecuteInput: Codable, Equatable, Sendable {
    public var code: String
    public var executionCount: Int

    enum CodingKeys: String, CodingKey { case code, executionCount = "execution_count" }

    public init(code: String, executionCount: Int) {
        self.code = code
        self.executionCount = executionCount
    }
}

/// `input_request` (kernel → client on stdin).
public struct InputRequest: Codable, Equatable, Sendable {
    public var prompt: String
    public var password: Bool

    public init(prompt: String, password: Bool) {
        self.prompt = prompt
        self.password = password
    }
}

/// `input_reply` (client → kernel on stdin).
public struct InputReply: Codable, Equatable, Sendable {
    public var value: String

    public init(value: String) { self.value = value }
}
