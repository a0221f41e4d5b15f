import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The shell and stdin sockets, served by two worker threads. The leader waits for requests,
/// authenticates and queues them, answers kernel_info at once and delivers input replies; when it
/// finds requests to run and nobody running them, it runs them itself, so a request starts on the
/// thread that received it and a quick one is answered without waking any other thread.
///
/// The other worker stands by on a `DeadlineTimer` the leader arms before running (and disarms
/// after): when a request runs longer than `standbyDelay`, or asks for input, the stand-by takes
/// the lead and keeps serving kernel_info, input replies and new requests while the cell runs;
/// the runner stands by once it is done.
///
/// Replies and input requests are sent by the thread that makes them (`reply`, `requestInput`):
/// the sockets are shared under a lock.
final class ShellChannel: @unchecked Sendable {
    private let shell: SharedSocket
    private let stdin: SharedSocket
    private let codec: WireCodec
    private let log: KernelLog
    /// Wakes the leader (a send saw input waiting, or the channel stops).
    private let wakeup = Wakeup()
    /// Wakes the stand-by (a request runs long or waits for input, or the channel stops).
    private let standbyTimer = DeadlineTimer()
    /// How long a request runs before the stand-by takes over the sockets: well above a quick
    /// cell, well below what a client waiting for kernel_info would notice.
    static let standbyDelayNanoseconds = 5_000_000
    /// Guards the roles: which worker leads, whether it runs requests, whether the channel stops
    /// or has closed.
    private let roles = NSLock()
    private var leader: Int?
    private var leaderRuns = false
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
            let thread = Thread { [self] in work(as: index) }
            thread.name = "shell-\(index)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Closes both sockets (what was sent still leaves, within the linger period) once a worker
    /// sees it; a worker running a request stops after it.
    func stop() {
        roles.lock()
        stopping = true
        roles.unlock()
        wakeup.signal()
        standbyTimer.arm(after: 1)
    }

    /// Sends `message` on shell (routed by its identities).
    func reply(_ message: Message) { prepareReply(message)() }

    /// Encodes `message` for shell now and returns what sends it (see `Executor.sendOutbox`).
    func prepareReply(_ message: Message) -> () -> Void {
        let frames = codec.encode(message)
        return { [self] in send(frames, message.msgType, on: shell, "shell") }
    }

    /// Sends an input_request on stdin. Its reply is read by the other worker: the running one
    /// is about to wait for it, so it hands the lead over first.
    func requestInput(_ message: Message) {
        roles.lock()
        if leaderRuns { standbyTimer.arm(after: 1) }
        roles.unlock()
        send(codec.encode(message), message.msgType, on: stdin, "stdin")
    }

    /// Moves requests that reached the socket into the execution queue, on the calling thread.
    func drain() {
        do { try shell.receiveAll(accept) } catch { log("could not read shell: \(error)") }
    }

    private func send(_ frames: [[UInt8]], _ msgType: String, on socket: SharedSocket, _ channel: String) {
        do { try socket.send(frames) } catch {
            log("could not send \(msgType) on \(channel): \(error)")
        }
    }

    /// One worker: leads when nobody does, else stands by; returns once the channel stops.
    private func work(as worker: Int) {
        while true {
            roles.lock()
            if stopping {
                roles.unlock()
                return closeSockets()
            }
            if leader == nil { leader = worker }
            let leads = leader == worker
            roles.unlock()
            if leads { lead(as: worker) } else { standBy(as: worker) }
        }
    }

    /// Reads requests and runs them, until another worker has taken the lead or the channel stops.
    private func lead(as worker: Int) {
        do {
            while !isStopping {
                try shell.receiveAll(accept)
                try stdin.receiveAll(acceptInput)
                if executor.queue.claim() {
                    guard run(as: worker) else { return }
                    continue
                }
                waitUntilReadable([shell.eventDescriptor, stdin.eventDescriptor, wakeup.descriptor])
                wakeup.clear()
            }
        } catch let error as ZMQError where error.isTerminated {
        } catch {
            log("shell channel stopped: \(error)")
        }
        stop()
    }

    /// Runs the queued requests with the stand-by timer armed; whether this worker still leads.
    private func run(as worker: Int) -> Bool {
        roles.lock()
        leaderRuns = true
        standbyTimer.arm(after: Self.standbyDelayNanoseconds)
        roles.unlock()
        executor.runQueued()
        roles.lock()
        defer { roles.unlock() }
        guard leader == worker else { return false }
        leaderRuns = false
        standbyTimer.disarm()
        return true
    }

    /// Waits for the timer; takes the lead when the leader is (still) running requests.
    private func standBy(as worker: Int) {
        waitUntilReadable([standbyTimer.descriptor])
        standbyTimer.clear()
        roles.lock()
        if leaderRuns && leader != worker {
            leader = worker
            leaderRuns = false
        }
        roles.unlock()
    }

    private var isStopping: Bool {
        roles.lock()
        defer { roles.unlock() }
        return stopping
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
