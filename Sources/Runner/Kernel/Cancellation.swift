import Foundation

/// SIGINT and SIGTERM to the runner: the first one cancels every running cell, so each notebook
/// is written with what it has and its kernel shut down; a second one kills every kernel's
/// process group at once and exits. Kernels never outlive the runner either way.
public final class Cancellation: @unchecked Sendable {
    public static let shared = Cancellation()

    private let lock = NSLock()
    private var signal: Int32?
    private var sessions: [ObjectIdentifier: Cancellable] = [:]
    private var sources: [DispatchSourceSignal] = []

    /// A session that can be told to stop waiting and be killed outright.
    public protocol Cancellable: AnyObject {
        /// The kernel's process id (its process group, too).
        var kernelPID: pid_t? { get }
        func cancel(signal: Int32)
        func kill()
    }

    /// The signal received, if any.
    public var received: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signal
    }

    /// Installs the handlers (idempotent).
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            Foundation.signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.handle(sig) }
            source.resume()
            sources.append(source)
        }
    }

    func handle(_ sig: Int32) {
        lock.lock()
        let first = signal == nil
        if first { signal = sig }
        let live = Array(sessions.values)
        lock.unlock()
        if first {
            live.forEach { $0.cancel(signal: sig) }
        } else {
            live.forEach { $0.kill() }
        }
        killStartingKernels(except: Set(live.compactMap(\.kernelPID)))
        if !first { exit(128 + sig) }
    }

    /// A kernel that is still starting has no session yet, so nothing else can stop it: every child
    /// of the runner is a kernel in its own process group, and those without a session are killed
    /// (their start then fails at once instead of waiting out --startup-timeout).
    private func killStartingKernels(except owned: Set<pid_t>) {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), !owned.contains(pid),
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // Fields after "(comm)": state, ppid, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == me { kill(-pid, SIGKILL) }
        }
    }

    public func register(_ session: Cancellable) {
        lock.lock()
        sessions[ObjectIdentifier(session)] = session
        let sig = signal
        lock.unlock()
        if let sig { session.cancel(signal: sig) }
    }

    public func unregister(_ session: Cancellable) {
        lock.lock()
        sessions[ObjectIdentifier(session)] = nil
        lock.unlock()
    }
}
