import Foundation

/// A kernel child process in its own process group, watched by a thread blocked in `waitpid`, so
/// its death is known the moment it happens (not at the next 1 s liveness poll, papermill#125), and
/// killed as a group so nothing it spawned outlives the run.
public final class KernelProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?
    private var observers: [@Sendable (String) -> Void] = []
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `argv` in `directory` with `environment` added to the runner's own, in a new process group.
    public init(argv: [String], directory: String?, environment: [String: String] = [:]) throws {
        guard let program = argv.first else { throw KernelStartError.failed("the kernelspec's argv is empty") }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let directory { _ = spawnAddChdir(&actions, directory) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawnp(&child, program, &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else {
            throw KernelStartError.failed("cannot start \(program): \(String(cString: strerror(rc)))")
        }
        pid = child
        let thread = Thread { [self] in watch() }
        thread.name = "kernel-wait-\(child)"
        thread.start()
    }

    private func watch() {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        let reason = Self.describe(raw)
        lock.lock()
        status = raw
        let toNotify = observers
        observers = []
        lock.unlock()
        exited.signal()
        toNotify.forEach { $0(reason) }
    }

    /// "exited with status 1" / "killed by signal 9 (SIGKILL)".
    static func describe(_ raw: Int32) -> String {
        let signal = raw & 0x7F
        if signal == 0 { return "exited with status \((raw >> 8) & 0xFF)" }
        let name = [SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS"][signal]
        return "killed by signal \(signal)" + (name.map { " (\($0))" } ?? "")
    }

    /// Nil while running; the reason once the process has exited.
    public var exitReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return status.map(Self.describe)
    }

    /// Calls `observer` once with the exit reason, at once if the process has already exited.
    public func onExit(_ observer: @escaping @Sendable (String) -> Void) {
        lock.lock()
        if let status {
            lock.unlock()
            observer(Self.describe(status))
            return
        }
        observers.append(observer)
        lock.unlock()
    }

    /// Waits up to `seconds` for the exit; true if it happened.
    @discardableResult
    public func waitForExit(seconds: Double) -> Bool {
        if exitReason != nil { return true }
        guard exited.wait(timeout: .now() + seconds) == .success else { return false }
        exited.signal()
        return true
    }

    /// Sends `signal` to the kernel's whole process group.
    public func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Sends `signal` to the kernel process only (SIGINT interrupts a cell without touching helpers).
    public func signalKernel(_ signal: Int32) {
        if exitReason == nil { kill(pid, signal) }
    }

    /// SIGTERM to the group, then SIGKILL after `grace` seconds if the kernel is still there; the
    /// group is SIGKILLed in any case so helpers it left behind go too.
    public func terminate(grace: Double = 1) {
        if exitReason == nil {
            signalGroup(SIGTERM)
            if !waitForExit(seconds: grace) {
                signalGroup(SIGKILL)
                waitForExit(seconds: 5)
            }
        }
        signalGroup(SIGKILL)
    }
}

/// Why a kernel could not be started; the runner exits with `RunStatus.kernelStartFailed`.
public enum KernelStartError: Error, CustomStringConvertible, Equatable {
    case notFound(name: String, searched: [String])
    case failed(String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            return "no kernel named '\(name)' (searched \(searched.joined(separator: ", ")); list them with `jupyter kernelspec list`)"
        case .failed(let reason): return reason
        }
    }
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which the Glibc module does not export;
/// it sets the kernel's working directory without an unsafe fork in a threaded process.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func spawnAddChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32
