import Foundation

/// A spawned kernel process in its own session and process group (as jupyter_client does), so
/// signal-mode interrupts reach the kernel and whatever it spawned, and the caller's Ctrl-C does not.
///
/// Death is noticed at once: the child inherits the write end of a pipe; when it exits the read end
/// (`deathFileDescriptor`) becomes readable, which callers put in their poll set.
public final class KernelProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Readable (EOF) as soon as the process has exited.
    public let deathFileDescriptor: Int32
    private var exitStatus: Int32?
    private let lock = NSLock()

    /// Starts `argv` (argv[0] looked up in PATH) in `directory` with exactly `environment`.
    /// Output goes to `logPath` (appended) when given, else to this process's stdout/stderr.
    public init(argv: [String], environment: [String: String], directory: String? = nil, logPath: String? = nil) throws {
        let command = argv.joined(separator: " ")
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw KernelClientError.spawnFailed(command: command, reason: Self.lastError()) }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(pipeEnds[1]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 onto itself clears close-on-exec in the child only (glibc ≥ 2.29).
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], pipeEnds[1])
        if let directory {
            guard let addChdir = Self.addChdir else {
                throw KernelClientError.spawnFailed(command: command, reason: "this C library cannot set a child's directory")
            }
            _ = addChdir(&actions, directory)
        }
        if let logPath {
            posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // New session; default signal dispositions and an empty mask whatever the caller blocked.
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgv + cEnv).forEach { free($0) } }

        var child: pid_t = 0
        let rc = posix_spawnp(&child, argv[0], &actions, &attributes, &cArgv, &cEnv)
        guard rc == 0 else {
            close(pipeEnds[0])
            throw KernelClientError.spawnFailed(command: command, reason: String(cString: strerror(rc)))
        }
        pid = child
        deathFileDescriptor = pipeEnds[0]
    }

    deinit {
        if status() == nil { kill(-pid, SIGKILL); wait() }
        close(deathFileDescriptor)
    }

    /// The exit status once exited (code, or 128 + signal number), without blocking.
    public func status() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid { exitStatus = Self.decode(raw) }
        return exitStatus
    }

    public var isAlive: Bool { status() == nil }

    /// Blocks until the process exits; its exit status.
    @discardableResult
    public func wait() -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        exitStatus = Self.decode(raw)
        return exitStatus!
    }

    /// Waits up to `seconds` for the process to exit; whether it did.
    public func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while status() == nil {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return false }
            var entry = pollfd(fd: deathFileDescriptor, events: Int16(POLLIN), revents: 0)
            // A hung-up pipe returns at once: nap so a kernel that closed its end early is not spun on.
            if poll(&entry, 1, Int32(max(1, min(left, 0.05) * 1000))) > 0 { usleep(2000) }
        }
        return true
    }

    /// Sends `signal` to the kernel's whole process group.
    public func signalGroup(_ signal: Int32) {
        if status() == nil { kill(-pid, signal) }
    }

    /// glibc's `POSIX_SPAWN_SETSID` (hidden behind _GNU_SOURCE from Swift's view of the headers).
    private static let spawnSetSID: Int32 = 0x80

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    /// glibc's `posix_spawn_file_actions_addchdir_np`, looked up at run time for the same reason:
    /// changing our own directory around the spawn would race with other threads.
    private static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: AddChdir.self)
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
