import Foundation
import JSON

/// One side of a conversation: the `session` id and `username` stamped on every header it makes,
/// and unique message ids. A kernel has one per process (a new session id tells clients it restarted).
public final class Session: @unchecked Sendable {
    public let id: String
    public let username: String
    private let ids: MessageIDGenerator

    public init(id: String = UUID().uuidString.lowercased(), username: String = Session.defaultUsername) {
        self.id = id
        self.username = username
        self.ids = MessageIDGenerator(prefix: id)
    }

    public static var defaultUsername: String {
        ProcessInfo.processInfo.environment["USER"] ?? "propel"
    }

    /// A fresh header of `msgType`, dated now.
    public func header(_ msgType: String) -> Header {
        Header(msgID: ids.next(), session: id, username: username, date: Timestamp.now(), msgType: msgType)
    }

    /// A new message with JSON content. `parent` is the request it answers (its identities are reused
    /// for routing, and its header becomes the parent header).
    public func message(_ msgType: String, content: JSONValue, parent: Message? = nil,
                        metadata: [String: JSONValue] = [:]) -> Message {
        Message(identities: parent?.identities ?? [], header: header(msgType), parentHeader: parent?.header,
                metadata: metadata, content: content)
    }

    /// A new message whose content is a Codable content type.
    public func message<T: Encodable>(_ msgType: String, _ content: T, parent: Message? = nil) throws -> Message {
        message(msgType, content: try JSONValue(encoding: content), parent: parent)
    }
}
