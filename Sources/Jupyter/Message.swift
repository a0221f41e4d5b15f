import Foundation
import JSON

/// One Jupyter message: routing identities, header, parent header, metadata, content, buffers.
///
/// `content` and `metadata` are JSON values; typed views come from `decodeContent(_:)` and the
/// `Message(…, content: some Encodable)` initialiser, both going through Codable content types.
public struct Message: Sendable {
    /// ROUTER routing prefix (shell/control/stdin), or the topic frame on iopub.
    public var identities: [[UInt8]]
    public var header: Header
    /// The request this message answers or was caused by; `nil` is sent as `{}`.
    public var parentHeader: Header?
    public var metadata: [String: JSONValue]
    public var content: JSONValue
    /// Raw binary buffers after the JSON frames (comms and widgets use them); not signed.
    public var buffers: [[UInt8]]

    public init(identities: [[UInt8]] = [], header: Header, parentHeader: Header? = nil,
                metadata: [String: JSONValue] = [:], content: JSONValue = [:], buffers: [[UInt8]] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    public var msgType: String { header.msgType }

    /// The content as a Codable content type, e.g. `try message.decodeContent(ExecuteRequest.self)`.
    public func decodeContent<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(JSONWriter().bytes(content)))
        } catch {
            throw WireError.invalidContent(msgType: msgType, reason: String(describing: error))
        }
    }
}

extension JSONValue {
    /// A Codable value as JSON (content types → message content).
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONParser.parse(Array(JSONEncoder().encode(value)))
    }
}
