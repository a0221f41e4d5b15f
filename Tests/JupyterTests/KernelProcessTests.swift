import Foundation
import XCTest
import ZeroMQ
@testable import Jupyter

final class KernelProcessTests: XCTestCase {
    func testDeathPipeStaysQuietWhileAliveAndWakesAtExit() throws {
        let process = try KernelProcess(argv: ["sleep", "0.3"], environment: ProcessInfo.processInfo.environment)
        XCTAssertFalse(try zmqPoll([.fileDescriptor(process.deathFileDescriptor)], timeoutMilliseconds: 50)[0].any,
                       "the child holds the pipe's write end while it runs")
        let started = Date()
        XCTAssertTrue(try zmqPoll([.fileDescriptor(process.deathFileDescriptor)], timeoutMilliseconds: 3000)[0].any)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
        XCTAssertEqual(process.wait(), 0)
    }

    func testRunsInItsOwnProcessGroupWithDirectoryEnvironmentAndLog() throws {
        let directory = NSTemporaryDirectory() + "propel-proc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/log.txt"
        let script = #"echo "$PWD $GREETING"; [ "$(ps -o pgid= $$ | tr -d ' ')" = "$$" ] && echo leader; exit 4"#
        let process = try KernelProcess(argv: ["sh", "-c", script], environment: ["GREETING": "hi", "PATH": "/usr/bin:/bin"],
                                        directory: directory, logPath: log)
        XCTAssertEqual(process.wait(), 4)
        let output = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertEqual(output, "\(directory) hi\nleader\n")
    }

    func testSignalStatusAndSpawnFailure() throws {
        let process = try KernelProcess(argv: ["sleep", "30"], environment: [:])
        process.signalGroup(SIGTERM)
        XCTAssertTrue(process.wait(seconds: 2))
        XCTAssertEqual(process.status(), 128 + SIGTERM)
        XCTAssertThrowsError(try KernelProcess(argv: ["/nonexistent/kernel"], environment: [:])) {
            guard case .spawnFailed(let command, _)? = $0 as? KernelClientError else { return XCTFail("\($0)") }
            XCTAssertEqual(command, "/nonexistent/kernel")
        }
    }
}
