import Foundation
import JSON
import Jupyter
import ZeroMQ

/// The thread owning the shell and stdin sockets: authenticates incoming requests and queues
/// them for the execution thread, answers kernel_info at once (even while a cell runs), delivers
/// input replies, and sends the replies and input requests other threads post.
final class ShellChannel: @unchecked Sendable {
    enum Outgoing {
        case shell([[UInt8]])
        case stdin([[UInt8]])
        /// Read everything already waiting on the shell socket into the queue, then signal.
        case drain(DispatchSemaphore)
    }

    private let shell: ZMQSocket
    private let stdin: ZMQSocket
    private let codec: WireCodec
    private let log: KernelLog
    let outbox = Outbox<Outgoing>()
    let finished = DispatchSemaphore(value: 0)
    /// Set before `start`.
    var executor: Executor!
    var kernelInfo: (Message) -> Void = { _ in }

    init(shell: ZMQSocket, stdin: ZMQSocket, codec: WireCodec, log: @escaping KernelLog) {
        self.shell = shell
        self.stdin = stdin
        self.codec = codec
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "shell"
        thread.start()
    }

    func stop() { outbox.stop() }

    /// Makes sure requests that reached the socket are in the execution queue (waits ≤ 100 ms).
    func drain() {
        let done = DispatchSemaphore(value: 0)
        outbox.post(.drain(done))
        _ = done.wait(timeout: .now() + .milliseconds(100))
    }

    private func run() {
        defer {
            shell.close()
            stdin.close()
            finished.signal()
        }
        do {
            let items: [ZMQPollItem] = [.socket(shell), .socket(stdin), .fileDescriptor(outbox.wakeDescriptor)]
            while true {
                let ready = try zmqPoll(items, timeoutMilliseconds: -1)
                if ready[0].readable {
                    while let frames = try shell.receive(dontWait: true) { accept(frames) }
                }
                if ready[1].readable {
                    while let frames = try stdin.receive(dontWait: true) { acceptInput(frames) }
                }
                if ready[2].any {
                    for item in outbox.take() {
                        switch item {
                        case .shell(let frames): try shell.send(frames)
                        case .stdin(let frames): try stdin.send(frames)
                        case .drain(let done):
                            while let frames = try shell.receive(dontWait: true) { accept(frames) }
                            done.signal()
                        }
                    }
                    if outbox.isStopping { return }
                }
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
