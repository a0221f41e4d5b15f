import Foundation
import JSON
import Jupyter
import Kernel
import XCTest

final class KernelExecuteTests: XCTestCase {
    var kernel: KernelHarness!

    override func setUpWithError() throws { kernel = try KernelHarness() }
    override func tearDown() { _ = kernel?.shutdown() }

    func testExecuteWrapsOutputsInBusyIdleAndCoalescesStreamsBeforeTheReply() throws {
        let request = try kernel.raw.send("execute_request", ["code": "print a\nprint b\neprint c\nprint d\nvalue 42"])
        let reply = try XCTUnwrap(kernel.raw.reply())
        XCTAssertEqual(reply.msgType, "execute_reply")
        XCTAssertEqual(reply.content["status"], "ok")
        XCTAssertEqual(reply.content["execution_count"], 1)
        XCTAssertEqual(reply.parentHeader, request.header)
        let iopub = try kernel.raw.iopub(for: request)
        XCTAssertEqual(iopub.map(\.msgType), ["status", "execute_input", "stream", "stream", "stream", "execute_result", "status"])
        XCTAssertEqual(iopub.first?.content["execution_state"], "busy")
        XCTAssertEqual(iopub[1].content, ["code": "print a\nprint b\neprint c\nprint d\nvalue 42", "execution_count": 1])
        XCTAssertEqual(iopub[2].content, ["name": "stdout", "text": "a\nb\n"], "consecutive writes to one stream are one message")
        XCTAssertEqual(iopub[3].content, ["name": "stderr", "text": "c\n"])
        XCTAssertEqual(iopub[4].content, ["name": "stdout", "text": "d\n"])
        XCTAssertEqual(iopub[5].content["data"], ["text/plain": "42"])
        XCTAssertEqual(iopub[5].content["execution_count"], 1)
    }

    func testExecutionCountSilentAndStoreHistory() throws {
        XCTAssertEqual(try kernel.client.execute("value 1").reply.executionCount, 1)
        let silent = try kernel.client.execute(ExecuteRequest(code: "print hidden\nvalue 2", silent: true))
        XCTAssertEqual(silent.reply.executionCount, 1, "silent does not count")
        XCTAssertEqual(silent.outputs.map(\.msgType), [], "silent broadcasts nothing")
        let unstored = try kernel.client.execute(ExecuteRequest(code: "value 3", storeHistory: false))
        XCTAssertEqual(unstored.reply.executionCount, 1)
        XCTAssertEqual(unstored.outputs.first?.content["execution_count"], 1, "execute_input carries the same counter")
        XCTAssertEqual(unstored.outputs.last?.content["execution_count"], 1)
        XCTAssertEqual(try kernel.client.execute("value 4").reply.executionCount, 2)
    }

    func testErrorGivesOneErrorOutputAndAnErrorReplyAndStillCounts() throws {
        let failed = try kernel.client.execute("print before\nfail ValueError bad value")
        XCTAssertEqual(failed.reply.status, .error)
        XCTAssertEqual(failed.reply.ename, "ValueError")
        XCTAssertEqual(failed.reply.evalue, "bad value")
        XCTAssertEqual(failed.reply.traceback, ["Traceback", "ValueError: bad value"])
        XCTAssertEqual(failed.outputs.map(\.msgType), ["execute_input", "stream", "error"])
        XCTAssertEqual(failed.outputs.last?.content["ename"], "ValueError")
        XCTAssertEqual(try kernel.client.execute("value x").reply.executionCount, 2)
    }

    func testStopOnErrorAbortsQueuedExecutesButNotOtherRequests() throws {
        let trace = NSTemporaryDirectory() + "propel-abort-\(UUID().uuidString)"
        let first = try kernel.raw.send("execute_request", ["code": "sleep 0.1\nfail E boom"])
        let queued = try kernel.raw.send("execute_request", ["code": .string("touch \(trace)")])
        let info = try kernel.raw.send("complete_request", ["code": "pr", "cursor_pos": 2])
        let replies = try (0..<3).map { _ in try XCTUnwrap(kernel.raw.reply()) }
        let byParent = Dictionary(uniqueKeysWithValues: replies.map { ($0.parentHeader!.msgID, $0) })
        XCTAssertEqual(byParent[first.header.msgID]?.content["ename"], "E")
        XCTAssertEqual(byParent[queued.header.msgID]?.content["status"], "error")
        XCTAssertEqual(byParent[queued.header.msgID]?.content["ename"], "ExecutionAborted")
        XCTAssertEqual(byParent[info.header.msgID]?.content["matches"], ["print"])
        XCTAssertEqual(try kernel.raw.iopub(for: queued).map(\.msgType), ["status", "status"], "aborted: busy and idle only")
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace), "the aborted execute never ran")

        let keepGoing = try kernel.raw.send("execute_request", ["code": "fail E again", "stop_on_error": false])
        let ranAnyway = try kernel.raw.send("execute_request", ["code": .string("touch \(trace)")])
        XCTAssertEqual(try kernel.raw.reply()?.parentHeader?.msgID, keepGoing.header.msgID)
        XCTAssertEqual(try kernel.raw.reply()?.content["status"], "ok")
        _ = ranAnyway
        XCTAssertTrue(FileManager.default.fileExists(atPath: trace))
        try? FileManager.default.removeItem(atPath: trace)
    }

    func testDisplayUpdateClearAndPagePayload() throws {
        let run = try kernel.client.execute("display text/html <b>x</b>\nshow d1 first\nupdate d1 second\nwait-clear\npage Help text")
        XCTAssertEqual(run.outputs.map(\.msgType), ["execute_input", "display_data", "display_data", "update_display_data", "clear_output"])
        XCTAssertEqual(run.outputs[1].content["data"], ["text/html": "<b>x</b>", "text/plain": "plain"])
        XCTAssertEqual(run.outputs[2].content["transient"], ["display_id": "d1"])
        XCTAssertEqual(run.outputs[3].content["data"], ["text/plain": "second"])
        XCTAssertEqual(run.outputs[4].content, ["wait": true])
        XCTAssertEqual(run.reply.payload, [["source": "page", "data": ["text/plain": "Help text"], "start": 0]])
    }

    func testUserExpressionsAreEvaluatedEachOnItsOwn() throws {
        let run = try kernel.client.execute(ExecuteRequest(code: "set a 7", userExpressions: ["good": "a", "bad": "zz"]))
        XCTAssertEqual(run.reply.userExpressions?["good"], ["status": "ok", "data": ["text/plain": "7"], "metadata": [:]])
        XCTAssertEqual(run.reply.userExpressions?["bad"]?["status"], "error")
        XCTAssertEqual(run.reply.userExpressions?["bad"]?["ename"], "NameError")
    }

    func testInputRoundTripAndClearErrorWhenStdinIsNotAllowed() throws {
        var prompts: [InputRequest] = []
        let asked = try kernel.client.execute(ExecuteRequest(code: "input Name?", allowStdin: true),
                                              onInput: { prompts.append($0); return "Ada" })
        XCTAssertEqual(prompts, [InputRequest(prompt: "Name?", password: false)])
        XCTAssertEqual(asked.outputs.last?.content, ["name": "stdout", "text": "Ada\n"])
        let refused = try kernel.client.execute(ExecuteRequest(code: "input Name?", allowStdin: false))
        XCTAssertEqual(refused.reply.ename, "StdinNotImplementedError")
    }

    func testInterruptByMessageStopsTheCellKeepsStateAndAbortsTheQueue() throws {
        _ = try kernel.client.execute("set kept yes")
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { try? self.kernel.client.interrupt() }
        let slept = try kernel.client.execute("sleep 30", timeout: 10)
        XCTAssertEqual(slept.reply.ename, "KeyboardInterrupt")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(try kernel.client.execute("get kept").outputs.last?.content["data"], ["text/plain": "yes"])
    }

    func testInterruptWhileWaitingForInputEndsTheWait() throws {
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { self.kernel.server.interrupt() }
        let run = try kernel.client.execute(ExecuteRequest(code: "input never answered", allowStdin: true), timeout: 10,
                                            onInput: { _ in Thread.sleep(forTimeInterval: 1); return "late" })
        XCTAssertEqual(run.reply.ename, "KeyboardInterrupt")
        XCTAssertEqual(try kernel.client.execute("value ok").reply.status, .ok, "the late answer is ignored")
    }
}
