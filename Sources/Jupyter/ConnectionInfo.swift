import Foundation
import JSON

/// The five channels of a kernel.
public enum Channel: String, CaseIterable, Sendable {
    case shell, iopub, stdin, control, hb
}

/// A connection file: where a kernel's five sockets listen and the key that signs messages.
public struct ConnectionInfo: Codable, Equatable, Sendable {
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    public var ip: String
    public var key: String
    public var transport: String
    public var signatureScheme: String
    public var kernelName: String?

    enum CodingKeys: String, CodingKey {
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", hbPort = "hb_port", ip, key, transport
        case signatureScheme = "signature_scheme", kernelName = "kernel_name"
    }

    public init(shellPort: Int, iopubPort: Int, stdinPort: Int, controlPort: Int, hbPort: Int,
                ip: String = "127.0.0.1", key: String = UUID().uuidString.lowercased(), transport: String = "tcp",
                signatureScheme: String = "hmac-sha256", kernelName: String? = nil) {
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.hbPort = hbPort
        self.ip = ip
        self.key = key
        self.transport = transport
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    /// Missing `transport`, `signature_scheme` and `key` take jupyter_client's defaults
    /// (tcp, hmac-sha256, empty = unsigned); ports and ip are required.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shellPort = try c.decode(Int.self, forKey: .shellPort)
        iopubPort = try c.decode(Int.self, forKey: .iopubPort)
        stdinPort = try c.decode(Int.self, forKey: .stdinPort)
        controlPort = try c.decode(Int.self, forKey: .controlPort)
        hbPort = try c.decode(Int.self, forKey: .hbPort)
        ip = try c.decode(String.self, forKey: .ip)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        transport = try c.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        signatureScheme = try c.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
        kernelName = try c.decodeIfPresent(String.self, forKey: .kernelName)
    }

    public func port(_ channel: Channel) -> Int {
        switch channel {
        case .shell: return shellPort
        case .iopub: return iopubPort
        case .stdin: return stdinPort
        case .control: return controlPort
        case .hb: return hbPort
        }
    }

    /// The ZeroMQ endpoint of `channel`: `tcp://ip:port`, or `ipc://ip-port` for the ipc transport.
    public func endpoint(_ channel: Channel) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port(channel))" : "\(transport)://\(ip):\(port(channel))"
    }

    /// The signer the `key` and `signature_scheme` describe.
    public func signer() throws -> Signer { try Signer(key: key, scheme: signatureScheme) }

    /// Reads a connection file; errors name the file and what is wrong with it.
    public static func read(from path: String) throws -> ConnectionInfo {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConnectionFileError(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        do { return try JSONDecoder().decode(ConnectionInfo.self, from: data) } catch let error as DecodingError {
            throw ConnectionFileError(path: path, reason: Self.explain(error))
        }
    }

    /// Writes the file atomically (temp file + rename) with mode 0600: it holds the signing key.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes = Array(try encoder.encode(self))
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ConnectionFileError(path: path, reason: "cannot be created: \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ConnectionFileError(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\"\(field)\" has the wrong type (\(context.debugDescription))"
        case .dataCorrupted(let context): return "is not valid JSON (\(context.debugDescription))"
        @unknown default: return String(describing: error)
        }
    }
}

/// A connection file that could not be read or written.
public struct ConnectionFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "connection file \(path): \(reason)" }
}

extension ConnectionInfo {
    /// A connection on five free TCP ports of `ip` with a fresh random key (what a launcher writes).
    public static func withFreePorts(ip: String = "127.0.0.1", kernelName: String? = nil) throws -> ConnectionInfo {
        let ports = try PortPicker.freePorts(5, ip: ip)
        return ConnectionInfo(shellPort: ports[0], iopubPort: ports[1], stdinPort: ports[2], controlPort: ports[3],
                              hbPort: ports[4], ip: ip, kernelName: kernelName)
    }
}
