import Foundation
import ZeroMQ

/// A socket several threads use in turn, each use under one lock (libzmq allows a socket to move
/// between threads with a full memory barrier in between; a mutex is one). Any thread sends
/// directly — a reply or an iopub message leaves on the thread that made it, with no hand-off to
/// an owner thread — while one reader thread waits on `eventDescriptor` with plain `poll`, which
/// does not touch the socket.
///
/// `eventDescriptor` is edge-triggered: a send may consume the notice of a message that arrived
/// meanwhile. So every send checks for waiting input afterwards and signals the reader's `wakeup`.
final class SharedSocket: @unchecked Sendable {
    private let socket: ZMQSocket
    private let lock = NSLock()
    /// Held while receiving and handling, so messages are handled in arrival order even when a
    /// second thread (the executor draining shell) receives too.
    private let readerLock = NSLock()
    private let wakeup: Wakeup
    let eventDescriptor: Int32

    init(_ socket: ZMQSocket, reader wakeup: Wakeup) throws {
        self.socket = socket
        self.wakeup = wakeup
        eventDescriptor = try socket.eventDescriptor()
    }

    /// Sends `frames`; does nothing once closed (the kernel is going away).
    func send(_ frames: [[UInt8]]) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !socket.isClosed else { return }
        try socket.send(frames)
        if try socket.hasInput() { wakeup.signal() }
    }

    /// Receives and handles, in order, every message waiting now. `handle` may send on this socket.
    func receiveAll(_ handle: ([[UInt8]]) throws -> Void) throws {
        readerLock.lock()
        defer { readerLock.unlock() }
        while let frames = try receive() { try handle(frames) }
    }

    /// Closes the socket (with the linger set on it); later sends are dropped.
    func close() {
        lock.lock()
        socket.close()
        lock.unlock()
    }

    private func receive() throws -> [[UInt8]]? {
        lock.lock()
        defer { lock.unlock() }
        guard !socket.isClosed else { return nil }
        return try socket.receive(dontWait: true)
    }
}
