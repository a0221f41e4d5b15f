import Foundation
import JSON
import XCTest
import Jupyter

/// The client against the reference kernel, ipykernel from the project's venv: proves the client
/// speaks the protocol as Jupyter does, independently of Propel's own kernel.
final class KernelClientIPykernelTests: XCTestCase {
    var client: KernelClient!

    override func setUpWithError() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".venv").path
        guard FileManager.default.fileExists(atPath: venv + "/share/jupyter/kernels/python3/kernel.json") else {
            throw XCTSkip("no ipykernel venv at \(venv) (scripts/setup makes it)")
        }
        let finder = KernelSpecFinder(environment: ["JUPYTER_PATH": venv + "/share/jupyter", "HOME": NSTemporaryDirectory(),
                                                    "JUPYTER_RUNTIME_DIR": NSTemporaryDirectory()])
        client = try KernelClient.start(kernelName: "python3", options: KernelStartOptions(readyTimeout: 60, finder: finder))
    }

    override func tearDown() {
        client?.close()
    }

    func testExecuteCollectsStreamsResultsErrorsAndInput() throws {
        XCTAssertTrue(client.ping())
        var streamed: [String] = []
        let hello = try client.execute("print('hello'); 6 * 7", timeout: 30) { streamed.append($0.msgType) }
        XCTAssertEqual(hello.reply.status, .ok)
        XCTAssertEqual(hello.outputs.map(\.msgType), ["execute_input", "stream", "execute_result"])
        XCTAssertEqual(streamed, hello.outputs.map(\.msgType), "the callback sees outputs as they arrive")
        XCTAssertEqual(hello.outputs[1].content["text"], "hello\n")
        XCTAssertEqual(hello.outputs[2].content["data"]?["text/plain"], "42")

        let failure = try client.execute("1/0", timeout: 30)
        XCTAssertEqual(failure.reply.status, .error)
        XCTAssertEqual(failure.reply.ename, "ZeroDivisionError")
        XCTAssertEqual(failure.outputs.last?.msgType, "error")

        var prompts: [String] = []
        let asked = try client.execute(ExecuteRequest(code: "x = input('name? '); print(x * 2)", allowStdin: true), timeout: 30,
                                       onInput: { prompts.append($0.prompt); return "ab" })
        XCTAssertEqual(prompts, ["name? "])
        XCTAssertEqual(asked.outputs.first { $0.msgType == "stream" }?.content["text"], "abab\n")

        let info = try client.request("kernel_info_request", timeout: 10)
        XCTAssertEqual(info.reply.content["language_info"]?["name"], "python")
    }

    func testInterruptStopsARunningCellAndShutdownEnds() throws {
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { try? self.client.interrupt() }
        let slept = try client.execute("import time; time.sleep(30)", timeout: 20)
        XCTAssertEqual(slept.reply.status, .error)
        XCTAssertEqual(slept.reply.ename, "KeyboardInterrupt")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(try client.execute("1 + 1", timeout: 10).reply.status, .ok, "the kernel survives the interrupt")
        XCTAssertEqual(client.shutdown(timeout: 5), 0)
        XCTAssertFalse(client.isAlive)
    }

    func testDeathIsNoticedAtOnce() throws {
        let started = Date()
        XCTAssertThrowsError(try client.execute("import os; os._exit(3)", timeout: 30)) {
            XCTAssertEqual($0 as? KernelClientError, .kernelDied(status: 3))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testTimeoutIsReportedAndLaterCallsIgnoreTheStaleReply() throws {
        XCTAssertThrowsError(try client.execute("import time; time.sleep(1); 'late'", timeout: 0.2)) {
            XCTAssertEqual($0 as? KernelClientError, .timeout("the reply to execute_request"))
        }
        let next = try client.execute("'fresh'", timeout: 10)
        XCTAssertEqual(next.outputs.last?.content["data"]?["text/plain"], "'fresh'")
    }
}
