import JSON

/// A Jupyter message header.
///
/// Fields the protocol names are typed; any others a peer sends (`subshell_id`, future additions)
/// are kept in `extra`, so a header copied into a reply's `parent_header` is returned as received.
public struct Header: Equatable, Sendable {
    /// The protocol version Propel speaks in every header. jupyter_kernel_test validates strictly
    /// (and fails every message) when the minor version is 0 or 1, so never go below 5.2.
    public static let protocolVersion = "5.3"

    public var msgID: String { didSet { received = nil } }
    public var session: String { didSet { received = nil } }
    public var username: String { didSet { received = nil } }
    /// ISO 8601 with microseconds and `Z`, e.g. `2026-11-22T10:24:22.283708Z` (see `Timestamp`).
    public var date: String { didSet { received = nil } }
    public var msgType: String { didSet { received = nil } }
    public var version: String { didSet { received = nil } }
    public var extra: [String: JSONValue] { didSet { received = nil } }
    /// The header frame exactly as it arrived (kept by `WireCodec.decode`; any change drops it):
    /// a reply's parent_header is then sent as received, without encoding it again per message.
    public internal(set) var received: [UInt8]?

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

    /// Headers are equal when their fields are, however they were made.
    public static func == (a: Header, b: Header) -> Bool {
        a.msgID == b.msgID && a.session == b.session && a.username == b.username && a.date == b.date
            && a.msgType == b.msgType && a.version == b.version && a.extra == b.extra
    }

    /// The header as a wire frame: as received when it was, else written member by member.
    func wireBytes(_ writer: JSONWriter) -> [UInt8] {
        if let received { return received }
        let fields: [(String, JSONValue)] = [("msg_id", .string(msgID)), ("session", .string(session)),
                                             ("username", .string(username)), ("date", .string(date)),
                                             ("msg_type", .string(msgType)), ("version", .string(version))]
        return writer.bytes(members: extra.isEmpty ? fields : fields + extra.filter { key, _ in
            !Self.fieldNames.contains(key)
        }.map { ($0.key, $0.value) })
    }

    private static let fieldNames: Set<String> = ["msg_id", "session", "username", "date", "msg_type", "version"]

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
