import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The shell and stdin sockets. The channel's thread waits for requests, authenticates them and
/// queues them for the execution thread, answers kernel_info at once (even while a cell runs) and
/// delivers input replies. Replies and input requests are sent by the thread that makes them
/// (`reply`, `requestInput`): the sockets are shared under a lock, so a reply leaves without
/// waking this thread.
final class ShellChannel: @unchecked Sendable {
    private let shell: SharedSocket
    private let stdin: SharedSocket
    private let codec: WireCodec
    private let log: KernelLog
    private let wakeup = Wakeup()
    private let stopLock = NSLock()
    private var stopping = false
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

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "shell"
        thread.start()
    }

    /// Closes both sockets (what was sent still leaves, within the linger period).
    func stop() {
        stopLock.lock()
        stopping = true
        stopLock.unlock()
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
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopping
    }

    private func send(_ message: Message, on socket: SharedSocket, _ channel: String) {
        do { try socket.send(codec.encode(message)) } catch {
            log("could not send \(message.msgType) on \(channel): \(error)")
        }
    }

    private func run() {
        defer {
            shell.close()
            stdin.close()
            finished.signal()
        }
        do {
            while !isStopping {
                try shell.receiveAll(accept)
                try stdin.receiveAll(acceptInput)
                waitUntilReadable([shell.eventDescriptor, stdin.eventDescriptor, wakeup.descriptor])
                wakeup.clear()
            }
        } catch let error as ZMQError where error.isTerminated {
            return
        } catch {
            log("shell channel stopped: \(error)")
        }
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
