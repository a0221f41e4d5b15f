import Foundation
import JSON
import ZeroMQ

/// How `KernelClient.start` launches a kernel.
public struct KernelStartOptions: Sendable {
    /// The kernel's working directory (default: this process's).
    public var workingDirectory: String?
    /// Variables added to the kernel's environment (after the kernelspec's `env`).
    public var environment: [String: String]
    /// File that receives the kernel's stdout and stderr (appended); `nil` inherits ours.
    public var logPath: String?
    /// Seconds to wait for the first kernel_info_reply and iopub traffic.
    public var readyTimeout: Double
    /// Where kernelspecs are looked up.
    public var finder: KernelSpecFinder
    /// Address the kernel binds.
    public var ip: String

    public init(workingDirectory: String? = nil, environment: [String: String] = [:], logPath: String? = nil,
                readyTimeout: Double = 60, finder: KernelSpecFinder = KernelSpecFinder(), ip: String = "127.0.0.1") {
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.logPath = logPath
        self.readyTimeout = readyTimeout
        self.finder = finder
        self.ip = ip
    }
}

extension KernelClient {
    /// Finds the kernelspec `kernelName` (see `KernelSpecFinder`), starts it and waits until it is ready.
    public static func start(kernelName: String, options: KernelStartOptions = KernelStartOptions()) throws -> KernelClient {
        try start(spec: options.finder.find(kernelName), options: options)
    }

    /// Starts the kernel `spec` describes on free ports with a fresh key, and waits until it is ready:
    /// its kernel_info_reply arrived and its iopub is delivering to us.
    public static func start(spec: InstalledKernelSpec, options: KernelStartOptions = KernelStartOptions()) throws -> KernelClient {
        let connection = try ConnectionInfo.withFreePorts(ip: options.ip, kernelName: spec.name)
        let runtime = runtimeDirectory(options.finder)
        let file = "\(runtime)/kernel-\(connection.key).json"
        try connection.write(to: file)

        let host = ProcessInfo.processInfo.environment
        var environment = host
        for (key, value) in spec.spec.env ?? [:] { environment[key] = expand(value, host) }
        environment.merge(options.environment) { $1 }
        var argv = spec.spec.argv.map {
            $0.replacingOccurrences(of: "{connection_file}", with: file).replacingOccurrences(of: "{resource_dir}", with: spec.directory)
        }
        argv[0] = environmentPython(argv[0], spec: spec) ?? argv[0]
        let client: KernelClient
        do {
            let process = try KernelProcess(argv: argv, environment: environment, directory: options.workingDirectory,
                                            logPath: options.logPath)
            client = try KernelClient(connection: connection, process: process, spec: spec, connectionFile: file)
        } catch {
            unlink(file)
            throw error
        }
        client.launch = (argv, environment, options.workingDirectory, options.logPath)
        do {
            _ = try client.waitForReady(timeout: options.readyTimeout)
        } catch {
            client.close()
            throw error
        }
        return client
    }

    /// Sends kernel_info_request (again every second) until a reply arrives and iopub delivered
    /// something — a welcome or a status — proving our subscription is live, so no output is lost
    /// (jupyter_client's readiness rule).
    @discardableResult
    public func waitForReady(timeout: Double = 60) throws -> KernelInfoReply {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw KernelClientError.timeout("the kernel to become ready") }
            do {
                let exchange = try request("kernel_info_request", timeout: min(left, 1), untilIOPubLive: true)
                return try exchange.reply.decodeContent(KernelInfoReply.self)
            } catch KernelClientError.timeout {
                continue
            }
        }
    }

    /// Interrupts the running execution the way the kernelspec says: `interrupt_request` on control
    /// (`interrupt_mode: message`, waiting up to 2 s for the reply) or SIGINT to the kernel's process group.
    public func interrupt() throws {
        if spec?.spec.interruptMode == .message || process == nil {
            _ = try request("interrupt_request", channel: .control, timeout: 2, waitForIdle: false)
        } else {
            process?.signalGroup(SIGINT)
        }
    }

    /// Asks the kernel to shut down and makes sure it does, escalating with bounded waits:
    /// `shutdown_request` on control and up to `timeout` seconds for exit, then SIGTERM to its
    /// process group and 1 s, then SIGKILL. Returns the exit status when this client started the kernel.
    /// Unless `restart`, the sockets are closed and the connection file removed afterwards.
    @discardableResult
    public func shutdown(restart: Bool = false, timeout: Double = 5) -> Int32? {
        if process?.isAlive ?? true {
            let content: JSONValue = ["restart": .bool(restart)]
            _ = try? request("shutdown_request", content: content, channel: .control, timeout: timeout, waitForIdle: false)
        }
        var status: Int32?
        if let process {
            if !process.wait(seconds: timeout) {
                process.signalGroup(SIGTERM)
                if !process.wait(seconds: 1) { process.signalGroup(SIGKILL) }
            }
            status = process.wait()
        }
        if !restart { close() }
        return status
    }

    /// Shuts the kernel down with `restart: true` and starts it again on the same connection (same
    /// ports and key; the sockets reconnect), then waits until it is ready. Only for kernels this client started.
    public func restart(timeout: Double = 5, readyTimeout: Double = 60) throws {
        guard let launch else { throw KernelClientError.protocolError("restart needs a kernel this client started") }
        shutdown(restart: true, timeout: timeout)
        process = try KernelProcess(argv: launch.argv, environment: launch.environment, directory: launch.directory,
                                    logPath: launch.logPath)
        try waitForReady(timeout: readyTimeout)
    }

    /// A bare `python`/`python3` in a kernelspec installed under a Python prefix means that prefix's
    /// interpreter (jupyter_client substitutes `sys.executable`), not whichever python is first on PATH.
    static func environmentPython(_ command: String, spec: InstalledKernelSpec) -> String? {
        guard ["python", "python3"].contains(command) else { return nil }
        let suffix = "/share/jupyter/kernels/\(spec.name)"
        guard spec.directory.hasSuffix(suffix) else { return nil }
        let candidate = String(spec.directory.dropLast(suffix.count)) + "/bin/" + command
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    private static func runtimeDirectory(_ finder: KernelSpecFinder) -> String {
        let directory = finder.environment["JUPYTER_RUNTIME_DIR"] ?? finder.userDataDirectory + "/runtime"
        if (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                      attributes: [.posixPermissions: 0o700])) != nil {
            return directory
        }
        return NSTemporaryDirectory()
    }

    /// `${NAME}` → the launching environment's value; unknown names stay as written (string.Template.safe_substitute).
    static func expand(_ value: String, _ environment: [String: String]) -> String {
        var result = ""
        var rest = Substring(value)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close])
            result += environment[name] ?? "${\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
