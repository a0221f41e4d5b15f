import ArgumentParser
import Foundation
import Jupyter
import JSON

/// `propel install`: writes the Propel kernelspec where Jupyter looks for kernels, with the
/// absolute path of this binary in its argv (so it works whatever PATH the frontend has).
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Propel kernelspec for Jupyter (default: --user)."
    )

    @Flag(help: "Install for the current user (~/.local/share/jupyter/kernels).")
    var user = false

    @Flag(name: .customLong("sys-prefix"), help: "Install into the active Python environment (sys.prefix/share/jupyter/kernels).")
    var sysPrefix = false

    @Option(help: "Install into DIR/share/jupyter/kernels.")
    var prefix: String?

    @Option(help: "Kernelspec name (letters, digits, - . _).")
    var name = "propel"

    @Option(name: .customLong("display-name"), help: "Name shown in Jupyter's launcher.")
    var displayName = "Propel"

    func validate() throws {
        guard [user, sysPrefix, prefix != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("choose one of --user, --sys-prefix and --prefix")
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._".unicodeScalars.contains($0)) }) else {
            throw ValidationError("--name \"\(name)\": use ASCII letters, digits, '-', '.' and '_'")
        }
    }

    func run() throws {
        let finder = KernelSpecFinder()
        let root: String
        if let prefix {
            root = URL(fileURLWithPath: prefix).standardizedFileURL.path + "/share/jupyter"
        } else if sysPrefix {
            guard let environment = finder.pythonPrefixes.first else {
                throw ValidationError("--sys-prefix: no Python environment found (activate one or put its python3 first on PATH)")
            }
            root = environment + "/share/jupyter"
        } else {
            root = finder.userDataDirectory
        }
        let directory = "\(root)/kernels/\(name.lowercased())"
        try KernelspecWriter.write(to: directory, files: try files())
        print("Installed kernelspec \(name.lowercased()) in \(directory)")
    }

    /// kernel.json (as Kernelspec/propel/kernel.json, with this binary's absolute path) and the logos.
    private func files() throws -> [String: Data] {
        let spec: JSONValue = [
            "argv": [.string(try Self.executablePath()), "kernel", "-f", "{connection_file}"],
            "display_name": .string(displayName),
            "language": "propel",
            "interrupt_mode": "message",
            "kernel_protocol_version": .string(Header.protocolVersion),
            "metadata": ["debugger": false],
        ]
        return KernelspecLogos.files.merging(["kernel.json": Data((JSONWriter.notebook.string(spec) + "\n").utf8)]) { $1 }
    }

    /// The running binary, symlinks resolved (what `/proc/self/exe` points at).
    static func executablePath() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return path.hasSuffix(" (deleted)") ? String(path.dropLast(10)) : path
    }
}

/// Writes a kernelspec directory atomically: files go to a sibling temp directory first, which
/// then replaces any previous install in one rename, so Jupyter never sees half a kernelspec.
enum KernelspecWriter {
    static func write(to directory: String, files: [String: Data]) throws {
        let manager = FileManager.default
        let parent = (directory as NSString).deletingLastPathComponent
        try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = "\(directory).tmp-\(getpid())"
        try? manager.removeItem(atPath: staging)
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            for (name, data) in files {
                guard manager.createFile(atPath: "\(staging)/\(name)", contents: data, attributes: [.posixPermissions: 0o644]) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "\(staging)/\(name)"])
                }
            }
            let previous = "\(directory).old-\(getpid())"
            let hadPrevious = manager.fileExists(atPath: directory)
            if hadPrevious { try manager.moveItem(atPath: directory, toPath: previous) }
            try manager.moveItem(atPath: staging, toPath: directory)
            if hadPrevious { try? manager.removeItem(atPath: previous) }
        } catch {
            try? manager.removeItem(atPath: staging)
            throw error
        }
    }
}
