/// Why an incoming multipart message was refused. The kernel logs these and drops the message.
public enum WireError: Error, Equatable, CustomStringConvertible, Sendable {
    case missingDelimiter
    case tooFewFrames(Int)
    case oversized(bytes: Int, limit: Int)
    case unsigned
    case invalidSignature
    case replayedSignature
    case invalidJSON(frame: String, reason: String)
    case invalidHeader(String)
    case invalidContent(msgType: String, reason: String)
    case unsupportedSignatureScheme(String)

    public var description: String {
        switch self {
        case .missingDelimiter: return "no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let n): return "\(n) frames after the delimiter; a message needs signature + 4 JSON frames"
        case .oversized(let bytes, let limit): return "message of \(bytes) bytes exceeds the \(limit)-byte limit"
        case .unsigned: return "unsigned message while a key is set"
        case .invalidSignature: return "invalid signature"
        case .replayedSignature: return "duplicate signature (replayed message)"
        case .invalidJSON(let frame, let reason): return "\(frame) frame is not valid JSON: \(reason)"
        case .invalidHeader(let reason): return "invalid header: \(reason)"
        case .invalidContent(let type, let reason): return "invalid \(type) content: \(reason)"
        case .unsupportedSignatureScheme(let scheme): return "unsupported signature_scheme \"\(scheme)\""
        }
    }
}
