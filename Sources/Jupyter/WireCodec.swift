import JSON

/// Converts between `Message` and ZeroMQ frames:
/// `[identities…] <IDS|MSG> signature header parent_header metadata content [buffers…]`.
///
/// Decoding checks, in order: size limit, delimiter, frame count, signature (HMAC over the raw
/// frames, constant-time, empty only when unkeyed), replay, then JSON. A failure throws
/// `WireError` and nothing of the message is used.
public struct WireCodec: Sendable {
    public static let delimiter = Array("<IDS|MSG>".utf8)

    public let signer: Signer
    /// Signatures already seen; `nil` disables the replay check (e.g. a client reading its own iopub).
    public let replayGuard: ReplayGuard?
    /// Largest accepted message, all frames counted.
    public let maximumBytes: Int

    public init(signer: Signer, replayGuard: ReplayGuard? = ReplayGuard(), maximumBytes: Int = 128 << 20) {
        self.signer = signer
        self.replayGuard = replayGuard
        self.maximumBytes = maximumBytes
    }

    /// The frames to send for `message`, signed.
    public func encode(_ message: Message) -> [[UInt8]] {
        let writer = JSONWriter()
        let parts: [[UInt8]] = [
            message.header.wireBytes(writer),
            message.parentHeader.map { $0.wireBytes(writer) } ?? Array("{}".utf8),
            writer.bytes(.object(message.metadata)),
            writer.bytes(message.content),
        ]
        return message.identities + [Self.delimiter, signer.signature(parts)] + parts + message.buffers
    }

    /// The message in `frames`, authenticated.
    public func decode(_ frames: [[UInt8]]) throws -> Message {
        let size = frames.reduce(0) { $0 + $1.count }
        guard size <= maximumBytes else { throw WireError.oversized(bytes: size, limit: maximumBytes) }
        guard let split = frames.firstIndex(of: Self.delimiter) else { throw WireError.missingDelimiter }
        let rest = frames[(split + 1)...]
        guard rest.count >= 5 else { throw WireError.tooFewFrames(rest.count) }
        let signature = rest[rest.startIndex]
        let parts = rest[(rest.startIndex + 1)..<(rest.startIndex + 5)]
        if signer.isSigning {
            guard !signature.isEmpty else { throw WireError.unsigned }
            guard signer.verify(signature, parts) else { throw WireError.invalidSignature }
            if let replayGuard, !replayGuard.admit(signature) { throw WireError.replayedSignature }
        }
        let names = ["header", "parent_header", "metadata", "content"]
        var values: [JSONValue] = []
        for (name, frame) in zip(names, parts) {
            do { values.append(try JSONParser.parse(frame)) } catch {
                throw WireError.invalidJSON(frame: name, reason: String(describing: error))
            }
        }
        var header = try Header(json: values[0])
        header.received = parts[parts.startIndex]
        let parent: Header? = values[1].objectValue?.isEmpty == false ? try? Header(json: values[1]) : nil
        guard let metadata = values[2].objectValue else { throw WireError.invalidJSON(frame: "metadata", reason: "not an object") }
        guard values[3].objectValue != nil else { throw WireError.invalidJSON(frame: "content", reason: "not an object") }
        return Message(identities: Array(frames[..<split]), header: header, parentHeader: parent,
                       metadata: metadata, content: values[3], buffers: Array(rest.dropFirst(5)))
    }
}
