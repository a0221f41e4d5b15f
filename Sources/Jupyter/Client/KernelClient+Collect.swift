import Foundation
import JSON
import ZeroMQ

extension KernelClient {
    /// Waits for the reply to `request` on `socket` and, unless told otherwise, for the kernel's
    /// `status: idle` for it; answers input requests meanwhile. Messages of other requests are
    /// skipped (they belong to requests whose callers gave up).
    ///
    /// With `untilIOPubLive`, any iopub message (a welcome, or any status) ends the wait for idle:
    /// it proves the subscription delivers, which is all readiness needs.
    func collect(for request: Message, replyOn socket: ZMQSocket, timeout: Double?, waitForIdle: Bool,
                 untilIOPubLive: Bool = false,
                 onOutput: (Message) -> Void, onInput: ((InputRequest) -> String?)?) throws -> KernelExchange {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        let id = request.header.msgID
        var reply: Message?
        var idle = !waitForIdle
        var outputs: [Message] = []
        // A request that waits for its reply only reads only the reply socket, so `interrupt()` may
        // run on another thread while an execute collects on this one (two threads must never use
        // one ZeroMQ socket at once: libzmq aborts, or loses messages).
        let repliesOnly = !waitForIdle && !untilIOPubLive
        var items: [ZMQPollItem] = repliesOnly ? [.socket(socket)] : [.socket(socket), .socket(iopub), .socket(stdin)]
        let deathPipeIndex = items.count
        var watchingDeathPipe = false
        if let process, process.isAlive {
            items.append(.fileDescriptor(process.deathFileDescriptor))
            watchingDeathPipe = true
        }

        while reply == nil || !idle {
            // The death pipe wakes us at once; a grandchild holding it open is covered by checking
            // the process every 100 ms.
            var wait = process == nil ? -1 : 100
            if let deadline {
                let left = Int(deadline.timeIntervalSinceNow * 1000)
                if left <= 0 { throw KernelClientError.timeout("the reply to \(request.msgType)") }
                wait = wait < 0 ? left : min(wait, left)
            }
            let ready = try zmqPoll(items, timeoutMilliseconds: wait)
            if let status = process?.status() { throw KernelClientError.kernelDied(status: status) }
            if watchingDeathPipe, ready[deathPipeIndex].any {
                // The kernel closed its end while alive: rely on the 100 ms checks from now on.
                items.removeLast()
                watchingDeathPipe = false
            }
            if ready[0].readable, let message = try receive(socket), message.parentHeader?.msgID == id {
                reply = message
            }
            if !repliesOnly, ready[1].readable {
                while let message = try receive(iopub, dontWait: true) {
                    if untilIOPubLive { idle = true }
                    guard message.parentHeader?.msgID == id else { continue }
                    if message.msgType == "status" {
                        if message.content["execution_state"]?.stringValue == "idle" { idle = true }
                    } else {
                        outputs.append(message)
                        onOutput(message)
                    }
                }
            }
            if !repliesOnly, ready[2].readable, let message = try receive(stdin), message.msgType == "input_request" {
                let prompt = (try? message.decodeContent(InputRequest.self)) ?? InputRequest(prompt: "", password: false)
                let value = onInput?(prompt) ?? ""
                let answer = session.message("input_reply", content: ["value": .string(value)], parent: message)
                try stdin.send(codec.encode(answer))
            }
        }
        return KernelExchange(reply: reply!, outputs: outputs)
    }

    /// The next message on `socket`, or `nil` when none is waiting or the message was refused
    /// (bad signature, malformed): a client skips what it cannot trust rather than failing the call.
    func receive(_ socket: ZMQSocket, dontWait: Bool = true) throws -> Message? {
        while let frames = try socket.receive(dontWait: dontWait) {
            if let message = try? codec.decode(frames) { return message }
        }
        return nil
    }
}
