import JSON

/// A Jupyter message header.
///
/// Fields the protocol names are typed; any others a peer sends (`subshell_id`, future additions)
/// are kept in `extra`, so a header copied into a reply's `parent_header` is returned as received.
public struct Header: Equatable, Sendable {
    /// The protocol version Propel speaks in every header. jupyter_kernel_test validates strictly
    /// (and fails every message) when the minor version is 0 or 1, so never go below 5.2.
    public static let protocolVersion = "5.3"

    public var msgID: String
    public var session: String
    public var username: String
    /// ISO 8601 with microseconds and `Z`, e.g. `2026-11-22T10:24:22.283708Z` (see `Timestamp`).
    public var date: String
    public var msgType: String
    public var version: String
    public var extra: [String: JSONValue]

    public init(msgID: String, session: String, username: String, date: String, msgType: String,
                version: String = Header.protocolVersion, extra: [String: JSONValue] = [:]) {
        self.msgID = msgID
        self.session = session
        self.username = username
        self.date = date
        self.msgType = msgType
        self.version = version
        self.extra = extra
    }

    /// Reads a header object; `msg_id` and `msg_type` are required, the rest default to "".
    public init(json: JSONValue) throws {
        guard var object = json.objectValue else { throw WireError.invalidHeader("header is not a JSON object") }
        func take(_ key: String, required: Bool = false) throws -> String {
            let value = object.removeValue(forKey: key)
            if let text = value?.stringValue { return text }
            if required { throw WireError.invalidHeader("header has no string \"\(key)\"") }
            return ""
        }
        msgID = try take("msg_id", required: true)
        msgType = try take("msg_type", required: true)
        session = try take("session")
        username = try take("username")
        date = try take("date")
        version = try take("version")
        extra = object
    }

    public var json: JSONValue {
        var object = extra
        object["msg_id"] = .string(msgID)
        object["session"] = .string(session)
        object["username"] = .string(username)
        object["date"] = .string(date)
        object["msg_type"] = .string(msgType)
        object["version"] = .string(version)
        return .object(object)
    }
}
