import Foundation

/// Finds kernelspecs where Jupyter looks for them (jupyter_core's `jupyter_path("kernels")`):
/// each `$JUPYTER_PATH` entry; then the user data dir and the Python environment's
/// `{sys.prefix}/share/jupyter` (environment first when a virtualenv is active, as jupyter_core
/// prefers it); then `/usr/local/share/jupyter` and `/usr/share/jupyter`.
public struct KernelSpecFinder: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The `…/kernels` directories searched, highest priority first.
    public var searchPaths: [String] {
        var roots: [String] = []
        if let jupyterPath = environment["JUPYTER_PATH"] {
            roots += jupyterPath.split(separator: ":").map { String($0) }.filter { !$0.isEmpty }
        }
        let user = [userDataDirectory]
        let env = pythonPrefixes.map { $0 + "/share/jupyter" }
        roots += preferEnvironment ? env + user : user + env
        roots += ["/usr/local/share/jupyter", "/usr/share/jupyter"]
        var seen = Set<String>()
        return roots.map { trimmed($0) + "/kernels" }.filter { seen.insert($0).inserted }
    }

    /// `$JUPYTER_DATA_DIR`, else `$XDG_DATA_HOME/jupyter`, else `~/.local/share/jupyter`.
    public var userDataDirectory: String {
        if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/jupyter" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/jupyter"
    }

    /// Candidate `sys.prefix` values: an active virtualenv or conda env, and the prefix of the first
    /// `python3` on PATH (not resolving symlinks: a venv's `bin/python3` is a link out of the venv).
    public var pythonPrefixes: [String] {
        var prefixes: [String] = []
        for key in ["VIRTUAL_ENV", "CONDA_PREFIX"] { if let value = environment[key], !value.isEmpty { prefixes.append(value) } }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                prefixes.append((String(dir) as NSString).deletingLastPathComponent)
                break
            }
        }
        return prefixes.map(trimmed)
    }

    private var preferEnvironment: Bool {
        if let flag = environment["JUPYTER_PREFER_ENV_PATH"]?.lowercased() {
            return !["0", "false", "no", "off", "n", ""].contains(flag)
        }
        return pythonPrefixes.contains { FileManager.default.fileExists(atPath: $0 + "/pyvenv.cfg") }
    }

    /// Every kernelspec found, by name; a name found in several places resolves to the first.
    public func all() -> [String: InstalledKernelSpec] {
        var found: [String: InstalledKernelSpec] = [:]
        for path in searchPaths {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names.sorted() where found[name] == nil {
                if let spec = try? InstalledKernelSpec.load(name: name, directory: "\(path)/\(name)") { found[name] = spec }
            }
        }
        return found
    }

    /// The kernelspec called `name` (case-insensitive like jupyter_client), or an error listing the searched paths.
    public func find(_ name: String) throws -> InstalledKernelSpec {
        let lowered = name.lowercased()
        for path in searchPaths {
            let directory = "\(path)/\(lowered)"
            if FileManager.default.fileExists(atPath: directory + "/kernel.json") {
                return try InstalledKernelSpec.load(name: lowered, directory: directory)
            }
        }
        throw KernelClientError.noSuchKernel(name: name, searched: searchPaths)
    }

    private func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
