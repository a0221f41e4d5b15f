import Crypto

/// HMAC signatures over the four JSON frames, as the connection file's `key` and
/// `signature_scheme` dictate. An empty key means messages are unsigned (signature frame empty).
public struct Signer: Sendable {
    public let key: [UInt8]
    public let scheme: String
    private let algorithm: Algorithm

    enum Algorithm: Sendable { case sha256, sha384, sha512, sha1, md5 }

    /// `scheme` is `hmac-<hash>`: sha256 (the default jupyter_client writes), sha384, sha512, sha1, md5.
    public init(key: String, scheme: String = "hmac-sha256") throws {
        self.key = Array(key.utf8)
        self.scheme = scheme
        switch scheme.lowercased() {
        case "hmac-sha256": algorithm = .sha256
        case "hmac-sha384": algorithm = .sha384
        case "hmac-sha512": algorithm = .sha512
        case "hmac-sha1": algorithm = .sha1
        case "hmac-md5": algorithm = .md5
        default: throw WireError.unsupportedSignatureScheme(scheme)
        }
    }

    public var isSigning: Bool { !key.isEmpty }

    /// The lowercase hex digest of the frames as given (raw bytes, never re-serialised JSON);
    /// empty when there is no key.
    public func signature<Frames: Sequence>(_ frames: Frames) -> [UInt8] where Frames.Element == [UInt8] {
        guard isSigning else { return [] }
        let symmetric = SymmetricKey(data: key)
        switch algorithm {
        case .sha256: return Self.mac(SHA256.self, symmetric, frames)
        case .sha384: return Self.mac(SHA384.self, symmetric, frames)
        case .sha512: return Self.mac(SHA512.self, symmetric, frames)
        case .sha1: return Self.mac(Insecure.SHA1.self, symmetric, frames)
        case .md5: return Self.mac(Insecure.MD5.self, symmetric, frames)
        }
    }

    /// Whether `received` is the signature of `frames`, compared in constant time so timing
    /// reveals nothing about how many leading characters of a forged signature were right.
    public func verify<Frames: Sequence>(_ received: [UInt8], _ frames: Frames) -> Bool where Frames.Element == [UInt8] {
        let expected = signature(frames)
        guard received.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(received, expected) { difference |= a ^ b }
        return difference == 0
    }

    private static func mac<H: HashFunction, Frames: Sequence>(_: H.Type, _ key: SymmetricKey, _ frames: Frames) -> [UInt8]
    where Frames.Element == [UInt8] {
        var hmac = HMAC<H>(key: key)
        for frame in frames { hmac.update(data: frame) }
        return hexDigits(Array(hmac.finalize()))
    }

    private static func hexDigits(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }
}
