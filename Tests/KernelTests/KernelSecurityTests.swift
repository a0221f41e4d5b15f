import Foundation
import JSON
import Jupyter
import Kernel
import XCTest

/// Unauthenticated or malformed input is dropped, logged and never executed; the kernel keeps serving.
final class KernelSecurityTests: XCTestCase {
    var kernel: KernelHarness!
    var trace: String!

    override func setUpWithError() throws {
        kernel = try KernelHarness()
        trace = NSTemporaryDirectory() + "propel-trace-\(UUID().uuidString)"
    }

    override func tearDown() {
        _ = kernel?.shutdown()
        try? FileManager.default.removeItem(atPath: trace)
    }

    private func leavesTrace() -> JSONValue { ["code": .string("touch \(trace!)")] }

    /// Proves the kernel processed everything sent before on the raw peer's shell and control: a
    /// kernel_info sent after them on the same connection (ZeroMQ keeps one connection's order;
    /// two connections' messages may interleave) is answered.
    private func assertStillServing() throws {
        for socket in [kernel.raw.shell, kernel.raw.control] {
            let request = try kernel.raw.send("kernel_info_request", [:], on: socket)
            var reply: Message?
            repeat { reply = try kernel.raw.reply(on: socket) } while reply.map { $0.parentHeader?.msgID != request.header.msgID } ?? false
            XCTAssertEqual(reply?.msgType, "kernel_info_reply")
        }
    }

    func testForgedAndUnsignedMessagesAreDroppedLoggedAndNeverRun() throws {
        let forger = WireCodec(signer: try Signer(key: "not-the-key"))
        try kernel.raw.shell.send(forger.encode(kernel.raw.session.message("execute_request", content: leavesTrace())))
        var unsigned = kernel.raw.codec.encode(kernel.raw.session.message("execute_request", content: leavesTrace()))
        unsigned[1] = []
        try kernel.raw.shell.send(unsigned)
        var tampered = kernel.raw.codec.encode(kernel.raw.session.message("execute_request", content: ["code": "value 1"]))
        tampered[5] = JSONWriter().bytes(leavesTrace())
        try kernel.raw.shell.send(tampered)
        try kernel.raw.control.send(forger.encode(kernel.raw.session.message("shutdown_request", content: [:])))
        try assertStillServing()
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace))
        XCTAssertEqual(kernel.log.filter { $0.contains("invalid signature") }.count, 3, "\(kernel.log)")
        XCTAssertEqual(kernel.log.filter { $0.contains("unsigned message") }.count, 1)
        XCTAssertTrue(kernel.log.contains { $0.hasPrefix("dropped message on control") })
    }

    func testReplayedMessagesAreDropped() throws {
        let frames = kernel.raw.codec.encode(kernel.raw.session.message("execute_request", content: leavesTrace()))
        try kernel.raw.shell.send(frames)
        XCTAssertEqual(try kernel.raw.reply()?.content["status"], "ok")
        XCTAssertTrue(FileManager.default.fileExists(atPath: trace))
        try FileManager.default.removeItem(atPath: trace)
        try kernel.raw.shell.send(frames)
        try assertStillServing()
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace), "the replay did not run")
        XCTAssertTrue(kernel.log.contains { $0.contains("duplicate signature") })
    }

    func testMalformedFramesInvalidJSONAndUnknownTypesDoNotHurt() throws {
        let codec = kernel.raw.codec
        func signed(_ parts: [String]) -> [[UInt8]] {
            let bytes = parts.map { Array($0.utf8) }
            return [WireCodec.delimiter, codec.signer.signature(bytes)] + bytes
        }
        try kernel.raw.shell.send([Array("garbage".utf8)])
        try kernel.raw.shell.send([WireCodec.delimiter])
        try kernel.raw.shell.send(signed(["{not json", "{}", "{}", "{}"]))
        try kernel.raw.shell.send(signed([#"{"msg_id": "x", "msg_type": "execute_request"}"#, "{}", "{}", #"{"nocode": 1}"#]))
        try kernel.raw.shell.send(signed([#"{"msg_id": "y", "msg_type": "execute_request"}"#, "{}", "{}", "[1, 2]"]))
        try kernel.raw.shell.send(signed([#"{"msg_id": "z", "msg_type": "no_such_request"}"#, "{}", "{}", "{}"]))
        try kernel.raw.control.send(signed([#"{"msg_id": "w", "msg_type": "debug_request"}"#, "{}", "{}", "{}"]))
        let badRequestReply = try XCTUnwrap(kernel.raw.reply())
        XCTAssertEqual(badRequestReply.content["status"], "error", "a request with unusable content gets an error reply")
        XCTAssertEqual(badRequestReply.content["ename"], "BadRequest")
        try assertStillServing()
        XCTAssertTrue(kernel.log.contains { $0.contains("no <IDS|MSG> delimiter") })
        XCTAssertTrue(kernel.log.contains { $0.contains("header frame is not valid JSON") })
        XCTAssertTrue(kernel.log.contains { $0.contains("content frame is not valid JSON") })
        XCTAssertTrue(kernel.log.contains { $0.contains("ignored no_such_request on shell") })
        XCTAssertTrue(kernel.log.contains { $0.contains("ignored debug_request on control") })
    }

    func testTheLiveKernelSurvivesAStreamOfFuzzedMessages() throws {
        var generator = SeededGenerator(seed: 7)
        let valid = kernel.raw.codec.encode(kernel.raw.session.message("execute_request", content: leavesTrace()))
        try kernel.raw.shell.send(valid)
        XCTAssertEqual(try kernel.raw.reply()?.content["status"], "ok")
        try FileManager.default.removeItem(atPath: trace)
        // Every mutation either breaks the signature or is a replay of the message that already ran.
        for _ in 0..<2000 {
            try kernel.raw.shell.send(WireFuzzer.mutate(valid, using: &generator))
        }
        try assertStillServing()
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace), "no mutated message ran")
    }
}
