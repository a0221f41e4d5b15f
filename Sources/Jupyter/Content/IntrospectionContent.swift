import JSON

/// `complete_request`; `cursor_pos` counts Unicode scalars (protocol 5.2+).
public struct CompleteRequest: Codable, Equatable, Sendable {
    public var code: String
    public var cursorPos: Int

    enum CodingKeys: String, CodingKey { case code, cursorPos = "cursor_pos" }

    public init(code: String, cursorPos: Int) {
        self.code = code
        self.cursorPos = cursorPos
    }
}

/// `complete_reply`.
public struct CompleteReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int
    public var metadata: [String: JSONValue]

    enum CodingKeys: String, CodingKey {
        case status, matches, cursorStart = "cursor_start", cursorEnd = "cursor_end", metadata
    }

    public init(matches: [String], cursorStart: Int, cursorEnd: Int, metadata: [String: JSONValue] = [:]) {
        self.status = .ok
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
        self.metadata = metadata
    }
}

/// `inspect_request`; `detail_level` 0 is a summary, 1 adds more (source, long docs).
public struct InspectRequest: Codable, Equatable, Sendable {
    public var code: String
    public var cursorPos: Int
    public var detailLevel: Int

    enum CodingKeys: String, CodingKey { case code, cursorPos = "cursor_pos", detailLevel = "detail_level" }

    public init(code: String, cursorPos: Int, detailLevel: Int = 0) {
        self.code = code
        self.cursorPos = cursorPos
        self.detailLevel = detailLevel
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        cursorPos = try c.decode(Int.self, forKey: .cursorPos)
        detailLevel = try c.decodeIfPresent(Int.self, forKey: .detailLevel) ?? 0
    }
}

/// `inspect_reply`.
public struct InspectReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus
    public var found: Bool
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue]

    public init(found: Bool, data: [String: JSONValue], metadata: [String: JSONValue] = [:]) {
        self.status = .ok
        self.found = found
        self.data = data
        self.metadata = metadata
    }
}

/// `is_complete_request`.
public struct IsCompleteRequest: Codable, Equatable, Sendable {
    public var code: String

    public init(code: String) { self.code = code }
}

/// `is_complete_reply`: `indent` only when incomplete.
public struct IsCompleteReply: Codable, Equatable, Sendable {
    public var status: String
    public var indent: String?

    public init(status: String, indent: String? = nil) {
        self.status = status
        self.indent = indent
    }
}
