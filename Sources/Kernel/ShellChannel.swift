import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The shell and stdin sockets, served by two worker threads in a leader/followers pattern: the
/// leader waits for requests, authenticates and queues them, answers kernel_info at once and
/// delivers input replies; when it finds requests to run and nobody running them, it hands the
/// lead to the other worker and runs them itself. A request therefore starts on the thread that
/// received it (no wake-up of a separate execution thread in between), while the other thread
/// keeps serving kernel_info, input replies and new requests as a cell runs.
///
/// Replies and input requests are sent by the thread that makes them (`reply`, `requestInput`):
/// the sockets are shared under a lock.
final class ShellChannel: @unchecked Sendable {
    private let shell: SharedSocket
    private let stdin: SharedSocket
    private let codec: WireCodec
    private let log: KernelLog
    private let wakeup = Wakeup()
    /// Guards the roles: whether a worker leads, and whether the channel stops or has closed.
    private let roles = NSCondition()
    private var leading = false
    private var stopping = false
    private var closed = false
    let finished = DispatchSemaphore(value: 0)
    /// Set before `start`.
    var executor: Executor!
    var kernelInfo: (Message) -> Void = { _ in }

    init(shell: ZMQSocket, stdin: ZMQSocket, codec: WireCodec, log: @escaping KernelLog) throws {
        self.shell = try SharedSocket(shell, reader: wakeup)
        self.stdin = try SharedSocket(stdin, reader: wakeup)
        self.codec = codec
        self.log = log
    }

    /// Starts the two workers; both run requests, so both get the engine's stack.
    func start(stackSize: Int) {
        for index in 1...2 {
            let thread = Thread { [self] in
                while lead() { executor.runQueued() }
            }
            thread.name = "shell-\(index)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Closes both sockets (what was sent still leaves, within the linger period) once no worker
    /// waits on them; a worker running a request stops after it.
    func stop() {
        roles.lock()
        stopping = true
        roles.broadcast()
        roles.unlock()
        wakeup.signal()
    }

    /// Sends `message` on shell (routed by its identities).
    func reply(_ message: Message) { send(message, on: shell, "shell") }

    /// Sends an input_request on stdin.
    func requestInput(_ message: Message) { send(message, on: stdin, "stdin") }

    /// Moves requests that reached the socket into the execution queue, on the calling thread.
    func drain() {
        do { try shell.receiveAll(accept) } catch { log("could not read shell: \(error)") }
    }

    private var isStopping: Bool {
        roles.lock()
        defer { roles.unlock() }
        return stopping
    }

    private func send(_ message: Message, on socket: SharedSocket, _ channel: String) {
        do { try socket.send(codec.encode(message)) } catch {
            log("could not send \(message.msgType) on \(channel): \(error)")
        }
    }

    /// Waits until no other worker leads, then leads: reads requests until this worker claims
    /// the right to run them (true: the lead has passed to the other worker) or the channel stops.
    private func lead() -> Bool {
        roles.lock()
        while leading && !stopping { roles.wait() }
        if stopping {
            roles.unlock()
            closeSockets()
            return false
        }
        leading = true
        roles.unlock()
        do {
            while !isStopping {
                try shell.receiveAll(accept)
                try stdin.receiveAll(acceptInput)
                if executor.queue.claim() {
                    roles.lock()
                    leading = false
                    roles.signal()
                    roles.unlock()
                    return true
                }
                waitUntilReadable([shell.eventDescriptor, stdin.eventDescriptor, wakeup.descriptor])
                wakeup.clear()
            }
        } catch let error as ZMQError where error.isTerminated {
        } catch {
            log("shell channel stopped: \(error)")
        }
        stop()
        closeSockets()
        return false
    }

    private func closeSockets() {
        roles.lock()
        let first = !closed
        closed = true
        roles.unlock()
        guard first else { return }
        shell.close()
        stdin.close()
        finished.signal()
    }

    private func accept(_ frames: [[UInt8]]) {
        let message: Message
        do { message = try codec.decode(frames) } catch {
            log("dropped message on shell: \(error)")
            return
        }
        if message.msgType == "kernel_info_request" {
            kernelInfo(message)
        } else {
            executor.queue.push(message)
        }
    }

    private func acceptInput(_ frames: [[UInt8]]) {
        let message: Message
        do { message = try codec.decode(frames) } catch {
            log("dropped message on stdin: \(error)")
            return
        }
        guard message.msgType == "input_reply", let value = message.content["value"]?.stringValue else {
            log("ignored \(message.msgType) on stdin")
            return
        }
        if !executor.inputs.deliver(value, parentID: message.parentHeader?.msgID) {
            log("ignored input_reply that answers no pending input_request")
        }
    }
}
