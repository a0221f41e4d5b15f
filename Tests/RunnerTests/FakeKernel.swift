import Foundation
import JSON
import Runner

/// A scripted kernel: each cell's source names what it does, so executor tests need no process.
/// `ok:TEXT` prints TEXT; `fail:NAME` raises NAME; `hang` runs until interrupted; `die` kills the
/// kernel; `display:ID` / `update:ID` show and update a display; `clear` clears with wait;
/// `slow:N` lets N waits run to their deadline before it succeeds.
final class FakeKernel: KernelSession {
    var languageInfo: JSONValue? = ["name": "fake", "version": "1.0"]
    private(set) var executed: [String] = []
    private(set) var interrupts = 0
    private(set) var shutdowns = 0
    private var count = 0

    func execute(_ code: String) throws -> PendingExecution {
        executed.append(code)
        count += 1
        return Pending(kernel: self, code: code, count: count)
    }

    func interrupt() { interrupts += 1 }
    func shutdown() { shutdowns += 1 }

    final class Pending: PendingExecution {
        let kernel: FakeKernel
        let code: String
        let count: Int
        var timedOut = false
        var slowWaits = 0

        init(kernel: FakeKernel, code: String, count: Int) {
            self.kernel = kernel
            self.code = code
            self.count = count
        }

        func wait(until deadline: ContinuousClock.Instant?, onMessage: (KernelMessage) -> Void) -> ExecutionWait {
            func send(_ type: String, _ content: JSONValue) { onMessage(KernelMessage(type: type, content: content, date: "2026-11-22T00:00:0\(count).000000Z")) }
            func reply(_ status: String, _ extra: [String: JSONValue] = [:]) -> ExecutionWait {
                send("status", ["execution_state": "idle"])
                var content: [String: JSONValue] = ["status": .string(status), "execution_count": .int(count)]
                content.merge(extra) { $1 }
                return .reply(content: .object(content), date: "2026-11-22T00:00:0\(count).500000Z")
            }
            if timedOut {
                let error: [String: JSONValue] = ["ename": "KeyboardInterrupt", "evalue": "", "traceback": ["\u{1B}[31mKeyboardInterrupt\u{1B}[0m"]]
                send("error", .object(error))
                return reply("error", error)
            }
            send("status", ["execution_state": "busy"])
            send("execute_input", ["code": .string(code), "execution_count": .int(count)])
            let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "ok":
                send("stream", ["name": "stdout", "text": .string(parts.count > 1 ? parts[1] : "")])
                send("execute_result", ["execution_count": .int(count), "data": ["text/plain": .string("\(count)")], "metadata": [:]])
                return reply("ok")
            case "fail":
                send("stream", ["name": "stdout", "text": "before the error\n"])
                send("stream", ["name": "stderr", "text": "a warning\n"])
                let error: [String: JSONValue] = ["ename": .string(parts[1]), "evalue": "bad value", "traceback": ["\u{1B}[0;31mTraceback\u{1B}[0m", .string("\(parts[1]): bad value")]]
                send("error", .object(error))
                return reply("error", error)
            case "hang":
                if deadline == nil { fatalError("a hanging cell needs a deadline in tests") }
                timedOut = true
                return .timedOut
            case "slow":
                guard slowWaits == Int(parts[1]) else {
                    slowWaits += 1
                    while let deadline, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
                    return .timedOut
                }
                return reply("ok")
            case "die":
                send("stream", ["name": "stdout", "text": "partial\n"])
                return .died(reason: "exited with status 1")
            case "display":
                send("display_data", ["data": ["text/plain": "first"], "metadata": [:], "transient": ["display_id": .string(parts[1])]])
                return reply("ok")
            case "update":
                send("update_display_data", ["data": ["text/plain": "second"], "metadata": [:], "transient": ["display_id": .string(parts[1])]])
                return reply("ok")
            case "clear":
                send("stream", ["name": "stdout", "text": "old"])
                send("clear_output", ["wait": true])
                send("stream", ["name": "stdout", "text": "new"])
                return reply("ok")
            default:
                return reply("ok")
            }
        }
    }
}
