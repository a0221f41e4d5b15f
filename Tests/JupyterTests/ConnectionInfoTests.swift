import Foundation
import XCTest
@testable import Jupyter

final class ConnectionInfoTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "propel-conn-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testWriteIsPrivateAndReadsBack() throws {
        let info = ConnectionInfo(shellPort: 1, iopubPort: 2, stdinPort: 3, controlPort: 4, hbPort: 5, kernelName: "propel")
        let path = directory + "/kernel.json"
        try info.write(to: path)
        XCTAssertEqual(try ConnectionInfo.read(from: path), info)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(info.endpoint(.hb), "tcp://127.0.0.1:5")
        var ipc = info
        ipc.transport = "ipc"
        ipc.ip = "/tmp/k"
        XCTAssertEqual(ipc.endpoint(.shell), "ipc:///tmp/k-1")
    }

    func testReadsWhatJupyterClientWritesWithDefaults() throws {
        let path = directory + "/c.json"
        try #"{"shell_port": 45683, "iopub_port": 55455, "stdin_port": 58205, "control_port": 36933, "hb_port": 39347, "ip": "127.0.0.1", "kernel_name": "null"}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let info = try ConnectionInfo.read(from: path)
        XCTAssertEqual(info.key, "")
        XCTAssertEqual(info.transport, "tcp")
        XCTAssertEqual(info.signatureScheme, "hmac-sha256")
        XCTAssertEqual(info.endpoint(.control), "tcp://127.0.0.1:36933")
    }

    func testBadFilesNameTheFileAndTheProblem() throws {
        let missing = directory + "/missing.json"
        XCTAssertThrowsError(try ConnectionInfo.read(from: missing)) {
            XCTAssertTrue(String(describing: $0).contains(missing))
        }
        let path = directory + "/bad.json"
        try #"{"shell_port": "x"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ConnectionInfo.read(from: path)) {
            XCTAssertTrue(String(describing: $0).contains("shell_port"), String(describing: $0))
        }
        try #"{"shell_port": 1"#.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ConnectionInfo.read(from: path)) {
            XCTAssertTrue(String(describing: $0).contains("not valid JSON"), String(describing: $0))
        }
    }
}
