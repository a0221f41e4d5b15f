import Foundation
import JSON

/// A kernelspec's `kernel.json`: how to start a kernel and how to talk to it.
public struct KernelSpec: Codable, Equatable, Sendable {
    /// Command line; `{connection_file}` is replaced by the connection file's path.
    public var argv: [String]
    public var displayName: String
    public var language: String
    /// How to interrupt it: by SIGINT to its process group (`signal`, the default) or by message.
    public var interruptMode: InterruptMode?
    /// Extra environment; `${VAR}` in values expands from the launching environment.
    public var env: [String: String]?
    public var metadata: [String: JSONValue]?
    public var kernelProtocolVersion: String?

    public enum InterruptMode: String, Codable, Sendable { case signal, message }

    enum CodingKeys: String, CodingKey {
        case argv, displayName = "display_name", language, interruptMode = "interrupt_mode", env, metadata
        case kernelProtocolVersion = "kernel_protocol_version"
    }

    public init(argv: [String], displayName: String, language: String, interruptMode: InterruptMode? = nil,
                env: [String: String]? = nil, metadata: [String: JSONValue]? = nil, kernelProtocolVersion: String? = nil) {
        self.argv = argv
        self.displayName = displayName
        self.language = language
        self.interruptMode = interruptMode
        self.env = env
        self.metadata = metadata
        self.kernelProtocolVersion = kernelProtocolVersion
    }
}

/// A kernelspec found on disk: its name (the directory name) and where it lives.
public struct InstalledKernelSpec: Equatable, Sendable {
    public let name: String
    /// The `kernels/<name>` directory holding `kernel.json` and the logos.
    public let directory: String
    public let spec: KernelSpec

    /// Reads `<directory>/kernel.json`; errors name the file.
    public static func load(name: String, directory: String) throws -> InstalledKernelSpec {
        let path = directory + "/kernel.json"
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let spec = try JSONDecoder().decode(KernelSpec.self, from: data)
            guard !spec.argv.isEmpty else { throw KernelClientError.invalidKernelSpec(path: path, reason: "argv is empty") }
            return InstalledKernelSpec(name: name, directory: directory, spec: spec)
        } catch let error as KernelClientError {
            throw error
        } catch {
            throw KernelClientError.invalidKernelSpec(path: path, reason: String(describing: error))
        }
    }
}
