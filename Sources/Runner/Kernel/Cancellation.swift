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
            exit(128 + sig)
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
