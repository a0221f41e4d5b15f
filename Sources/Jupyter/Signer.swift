import Crypto

/// HMAC signatures over the four JSON frames, as the connection file's `key` and
/// `signature_scheme` dictate. An empty key means messages are unsigned (signature frame empty).
public struct Signer: Sendable {
    public let key: [UInt8]
    public let scheme: String
    private let keyed: Keyed

    /// An HMAC that has already absorbed the key: each signature starts from a copy of it, so the
    /// key schedule (two hash blocks and a few allocations) is paid once, not per message.
    private enum Keyed: @unchecked Sendable {
        case sha256(HMAC<SHA256>), sha384(HMAC<SHA384>), sha512(HMAC<SHA512>)
        case sha1(HMAC<Insecure.SHA1>), md5(HMAC<Insecure.MD5>)
    }

    /// `scheme` is `hmac-<hash>`: sha256 (the default jupyter_client writes), sha384, sha512, sha1, md5.
    public init(key: String, scheme: String = "hmac-sha256") throws {
        self.key = Array(key.utf8)
        self.scheme = scheme
        let symmetric = SymmetricKey(data: self.key)
        switch scheme.lowercased() {
        case "hmac-sha256": keyed = .sha256(HMAC(key: symmetric))
        case "hmac-sha384": keyed = .sha384(HMAC(key: symmetric))
        case "hmac-sha512": keyed = .sha512(HMAC(key: symmetric))
        case "hmac-sha1": keyed = .sha1(HMAC(key: symmetric))
        case "hmac-md5": keyed = .md5(HMAC(key: symmetric))
        default: throw WireError.unsupportedSignatureScheme(scheme)
        }
    }

    public var isSigning: Bool { !key.isEmpty }

    /// The lowercase hex digest of the frames as given (raw bytes, never re-serialised JSON);
    /// empty when there is no key.
    public func signature<Frames: Sequence>(_ frames: Frames) -> [UInt8] where Frames.Element == [UInt8] {
        guard isSigning else { return [] }
        switch keyed {
        case .sha256(let prototype): return Self.mac(prototype, frames)
        case .sha384(let prototype): return Self.mac(prototype, frames)
        case .sha512(let prototype): return Self.mac(prototype, frames)
        case .sha1(let prototype): return Self.mac(prototype, frames)
        case .md5(let prototype): return Self.mac(prototype, frames)
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

    /// `prototype` is copied (the copy owns its state once it is updated: HMAC is copy-on-write),
    /// so concurrent signers never share a running hash.
    private static func mac<H: HashFunction, Frames: Sequence>(_ prototype: HMAC<H>, _ frames: Frames) -> [UInt8]
    where Frames.Element == [UInt8] {
        var hmac = prototype
        // One update over the frames joined: each call into swift-crypto's generic HMAC costs
        // more than copying a frame.
        var joined: [UInt8] = []
        for frame in frames { joined.append(contentsOf: frame) }
        hmac.update(data: joined)
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
