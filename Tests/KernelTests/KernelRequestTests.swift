import Foundation
import JSON
import Jupyter
import Kernel
import XCTest

final class KernelRequestTests: XCTestCase {
    var kernel: KernelHarness!

    override func setUpWithError() throws { kernel = try KernelHarness() }
    override func tearDown() { _ = kernel?.shutdown() }

    func testKernelInfoOnShellAndControlInsideBusyIdle() throws {
        let request = try kernel.raw.send("kernel_info_request", [:])
        let reply = try XCTUnwrap(kernel.raw.reply())
        XCTAssertEqual(reply.header.version, "5.3")
        XCTAssertEqual(reply.content["protocol_version"], "5.3")
        XCTAssertEqual(reply.content["implementation"], "script")
        XCTAssertEqual(reply.content["language_info"]?["file_extension"], ".script")
        XCTAssertEqual(reply.content["help_links"], [["text": "Help", "url": "https://example.org"]])
        XCTAssertEqual(try kernel.raw.iopub(for: request).map { $0.content["execution_state"] }, ["busy", "idle"])
        let onControl = try kernel.client.request("kernel_info_request", channel: .control, timeout: 5)
        XCTAssertEqual(onControl.reply.content["banner"], "Script engine for tests")
    }

    /// While one shell worker runs a cell, the other keeps reading shell: kernel_info's reply comes
    /// before the running cell's (a serial kernel would answer it after), and a request queued
    /// behind the cell runs right after it.
    func testShellIsServedWhileACellRuns() throws {
        let slow = try kernel.raw.send("execute_request", ["code": "sleep 0.5"])
        let info = try kernel.raw.send("kernel_info_request", [:])
        let next = try kernel.raw.send("execute_request", ["code": "value after"])
        let first = try XCTUnwrap(kernel.raw.reply())
        XCTAssertEqual(first.parentHeader?.msgID, info.header.msgID)
        XCTAssertEqual(try kernel.raw.reply()?.parentHeader?.msgID, slow.header.msgID)
        XCTAssertEqual(try kernel.raw.reply()?.parentHeader?.msgID, next.header.msgID)
        XCTAssertEqual(try kernel.raw.iopub(for: next).first { $0.msgType == "execute_result" }?.content["data"],
                       ["text/plain": "after"])
    }

    /// Quick requests run on the worker that read them, which keeps the lead; a long one hands
    /// the sockets to the other worker, and the next long one (run by either) hands them back:
    /// each time kernel_info is answered before the cell, with input round trips in between.
    func testEveryLongCellHandsTheSocketsOverWhicheverWorkerRunsIt() throws {
        for round in 1...3 {
            for quick in 1...5 {
                let run = try kernel.client.execute(ExecuteRequest(code: "value \(round).\(quick)"))
                XCTAssertEqual(run.outputs.last?.content["data"], ["text/plain": .string("\(round).\(quick)")])
            }
            let slow = try kernel.raw.send("execute_request", ["code": "sleep 0.2"])
            let info = try kernel.raw.send("kernel_info_request", [:])
            XCTAssertEqual(try kernel.raw.reply()?.parentHeader?.msgID, info.header.msgID, "round \(round)")
            XCTAssertEqual(try kernel.raw.reply()?.parentHeader?.msgID, slow.header.msgID, "round \(round)")
            let asked = try kernel.client.execute(ExecuteRequest(code: "input Again?", allowStdin: true), onInput: { _ in "yes" })
            XCTAssertEqual(asked.outputs.last?.content, ["name": "stdout", "text": "yes\n"])
        }
    }

    func testCompleteInspectAndIsComplete() throws {
        let completion = try kernel.client.request("complete_request", content: ["code": "é pr", "cursor_pos": 4]).reply.content
        XCTAssertEqual(completion["matches"], ["print"])
        XCTAssertEqual(completion["cursor_start"], 2, "positions count Unicode scalars")
        XCTAssertEqual(completion["cursor_end"], 4)
        XCTAssertEqual(completion["metadata"], [:])
        XCTAssertEqual(completion["status"], "ok")

        let found = try kernel.client.request("inspect_request", content: ["code": "print", "cursor_pos": 5, "detail_level": 1]).reply.content
        XCTAssertEqual(found["found"], true)
        XCTAssertEqual(found["data"], ["text/plain": "print T: writes T to stdout (detailed)"])
        let missing = try kernel.client.request("inspect_request", content: ["code": "zz", "cursor_pos": 99]).reply.content
        XCTAssertEqual(missing["found"], false)
        XCTAssertEqual(missing["data"], [:])

        func status(_ code: String) throws -> JSONValue? {
            try kernel.client.request("is_complete_request", content: ["code": .string(code)]).reply.content
        }
        XCTAssertEqual(try status("print a"), ["status": "complete"])
        XCTAssertEqual(try status("print a\\"), ["status": "incomplete", "indent": "  "])
        XCTAssertEqual(try status("!x")?["status"], "invalid")
    }

    func testHistoryTailRangeAndSearchShareOneSessionNumber() throws {
        for code in ["value 1", "print x", "value 1", "value 2"] { _ = try kernel.client.execute(code) }
        _ = try kernel.client.execute(ExecuteRequest(code: "value unstored", storeHistory: false))
        let tail = try kernel.client.request("history_request", content: ["hist_access_type": "tail", "n": 2, "output": true,
                                                                          "raw": true]).reply.content["history"]
        XCTAssertEqual(tail, [[1, 3, ["value 1", "1"]], [1, 4, ["value 2", "2"]]])
        let range = try kernel.client.request("history_request", content: ["hist_access_type": "range", "session": 1, "start": 2,
                                                                           "stop": 3, "output": false, "raw": true]).reply.content["history"]
        XCTAssertEqual(range, [[1, 2, "print x"]])
        let search = try kernel.client.request("history_request", content: ["hist_access_type": "search", "pattern": "value*",
                                                                            "unique": true, "output": false, "raw": true]).reply.content["history"]
        XCTAssertEqual(search, [[1, 3, "value 1"], [1, 4, "value 2"]])
        let limited = try kernel.client.request("history_request", content: ["hist_access_type": "search", "pattern": "value*",
                                                                             "n": 1, "output": false, "raw": true]).reply.content["history"]
        XCTAssertEqual(limited, [[1, 4, "value 2"]])
    }

    func testCommInfoAndCommOpenToAnUnknownTargetIsClosed() throws {
        let info = try kernel.client.request("comm_info_request", content: [:]).reply.content
        XCTAssertEqual(info, ["status": "ok", "comms": [:]])
        let open = try kernel.raw.send("comm_open", ["comm_id": "c1", "target_name": "nowhere", "data": [:]])
        let iopub = try kernel.raw.iopub(for: open)
        XCTAssertEqual(iopub.map(\.msgType), ["status", "comm_close", "status"])
        XCTAssertEqual(iopub[1].content["comm_id"], "c1")
    }

    func testHeartbeatEchoesWhileACellRuns() throws {
        let request = try kernel.raw.send("execute_request", ["code": "sleep 0.5"])
        XCTAssertTrue(kernel.client.ping(timeout: 0.3))
        _ = try kernel.raw.reply()
        _ = request
    }

    func testShutdownRepliesAndTheServerStopsWithTheRestartFlag() throws {
        let reply = try kernel.client.request("shutdown_request", content: ["restart": true], channel: .control, timeout: 5,
                                              waitForIdle: false)
        XCTAssertEqual(reply.reply.content, ["status": "ok", "restart": true])
        let started = Date()
        XCTAssertTrue(kernel.server.waitForShutdown())
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
        kernel.client.close()
        kernel.raw.close()
        kernel = nil
    }
}
