import JSON

/// `history_request`.
public struct HistoryRequest: Codable, Equatable, Sendable {
    public enum Access: String, Codable, Sendable { case range, tail, search }
    public var output: Bool
    public var raw: Bool
    public var histAccessType: Access
    public var session: Int?
    public var start: Int?
    public var stop: Int?
    public var n: Int?
    public var pattern: String?
    public var unique: Bool?

    enum CodingKeys: String, CodingKey {
        case output, raw, histAccessType = "hist_access_type", session, start, stop, n, pattern, unique
    }

    public init(access: Access, output: Bool = false, raw: Bool = true, session: Int? = nil, start: Int? = nil,
                stop: Int? = nil, n: Int? = nil, pattern: String? = nil, unique: Bool? = nil) {
        self.histAccessType = access
        self.output = output
        self.raw = raw
        self.session = session
        self.start = start
        self.stop = stop
        self.n = n
        self.pattern = pattern
        self.unique = unique
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        output = try c.decodeIfPresent(Bool.self, forKey: .output) ?? false
        raw = try c.decodeIfPresent(Bool.self, forKey: .raw) ?? true
        histAccessType = try c.decode(Access.self, forKey: .histAccessType)
        session = try c.decodeIfPresent(Int.self, forKey: .session)
        start = try c.decodeIfPresent(Int.self, forKey: .start)
        stop = try c.decodeIfPresent(Int.self, forKey: .stop)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        unique = try c.decodeIfPresent(Bool.self, forKey: .unique)
    }
}

/// `history_reply`: entries `[session, line, input]`, or `[session, line, [input, output]]`.
public struct HistoryReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus
    public var history: [JSONValue]

    public init(history: [JSONValue]) {
        self.status = .ok
        self.history = history
    }
}

/// `shutdown_request` / `shutdown_reply` share this content.
public struct ShutdownContent: Codable, Equatable, Sendable {
    public var status: ReplyStatus?
    public var restart: Bool

    public init(restart: Bool, status: ReplyStatus? = nil) {
        self.restart = restart
        self.status = status
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(ReplyStatus.self, forKey: .status)
        restart = try c.decodeIfPresent(Bool.self, forKey: .restart) ?? false
    }

    enum CodingKeys: String, CodingKey { case status, restart }
}

/// A reply that carries only its status (`interrupt_reply`).
public struct StatusReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus

    public init(_ status: ReplyStatus = .ok) { self.status = status }
}

/// `comm_open`, `comm_msg` and `comm_close` (both directions).
public struct CommContent: Codable, Equatable, Sendable {
    public var commID: String
    public var targetName: String?
    public var data: JSONValue

    enum CodingKeys: String, CodingKey { case commID = "comm_id", targetName = "target_name", data }

    public init(commID: String, targetName: String? = nil, data: JSONValue = [:]) {
        self.commID = commID
        self.targetName = targetName
        self.data = data
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commID = try c.decode(String.self, forKey: .commID)
        targetName = try c.decodeIfPresent(String.self, forKey: .targetName)
        data = try c.decodeIfPresent(JSONValue.self, forKey: .data) ?? [:]
    }
}

/// `comm_info_reply`: open comms by id, each `{target_name}`.
public struct CommInfoReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus
    public var comms: [String: [String: String]]

    public init(comms: [String: [String: String]]) {
        self.status = .ok
        self.comms = comms
    }
}
