import Foundation
import JSON
import Pipeline
import XCTest

/// A one-connection-at-a-time HTTP server on 127.0.0.1 that answers with scripted status codes
/// and keeps every request body, so the webhook destination is tested over real sockets.
final class ScriptedHTTPServer: @unchecked Sendable {
    private(set) var port: UInt16 = 0
    private let socket: Int32
    private let lock = NSLock()
    private var statuses: [Int]
    private(set) var bodies: [Data] = []

    init(statuses: [Int]) throws {
        self.statuses = statuses
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0, listen(socket, 8) == 0 else { throw PipelineError(.io, "cannot start the test server") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        self.port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in serve() }
    }

    var received: [Data] { lock.lock(); defer { lock.unlock() }; return bodies }

    func stop() { shutdown(socket, Int32(SHUT_RDWR)); close(socket) }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { return }
            var request = [UInt8](), buffer = [UInt8](repeating: 0, count: 65_536)
            var expected: Int?
            while true {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                request += buffer[0..<n]
                if let end = request.firstRange(of: Array("\r\n\r\n".utf8)) {
                    if expected == nil {
                        let head = String(decoding: request[..<end.lowerBound], as: UTF8.self).lowercased()
                        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                        expected = end.upperBound + length
                    }
                    if request.count >= expected! { break }
                }
            }
            lock.lock()
            let status = statuses.isEmpty ? 200 : statuses.removeFirst()
            if status == 200, let end = request.firstRange(of: Array("\r\n\r\n".utf8)) { bodies.append(Data(request[end.upperBound...])) }
            lock.unlock()
            let reply = "HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = reply.withCString { write(client, $0, strlen($0)) }
            close(client)
        }
    }
}

final class DestinationTests: XCTestCase {
    func evaluation(rows: Int) throws -> AudienceEvaluation {
        let profiles = try Table([Column("userId", strings: (0..<rows).map { "u\($0)" }),
                                  Column("propensity", doubles: (0..<rows).map { Double($0) / Double(rows) })])
        return try Audience(name: "moderate", expression: "propensity >= 0.2").evaluate(profiles: profiles, identity: "userId")
    }

    func testFileDestinationWritesMembersUnderTheActivationFolder() throws {
        let ws = try makeTemporaryWorkspace(self)
        let activations = try Activations(workspace: ws)
        let e = try evaluation(rows: 10)
        let csv = try activations.activate(e, to: try Destination.file("crm", format: .csv))
        XCTAssertTrue(csv.folder.hasPrefix("activations/crm/moderate/"))
        let text = try String(contentsOf: ws.storage.appendingPathComponent(csv.folder + "/members.csv"), encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\r\n").count, 1 + 8)
        XCTAssertTrue(text.hasPrefix("userId,audience,qualified_at,expires_at"))
        let jsonl = try activations.activate(e, to: try Destination.file("lake", format: .jsonLines))
        let lines = try String(contentsOf: ws.storage.appendingPathComponent(jsonl.folder + "/members.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(try JSONParser.parse(String(lines[0]))["userId"], "u2")
        XCTAssertEqual(try activations.activationsTable().rowCount, 2)
        XCTAssertThrowsError(try Destination.file("x", format: .parquet))
    }

    func testWebhookRetriesWithExponentialBackoffAndDeliversEveryBatch() throws {
        let server = try ScriptedHTTPServer(statuses: [500, 503])
        addTeardownBlock { server.stop() }
        let ws = try makeTemporaryWorkspace(self)
        let activations = try Activations(workspace: ws)
        var waits: [Double] = []
        activations.sleep = { waits.append($0) }
        let destination = try Destination.webhook("hook", url: "http://127.0.0.1:\(server.port)/members", batchSize: 3,
                                                  maxAttempts: 4, initialBackoff: 0.25)
        let result = try activations.activate(try evaluation(rows: 10), to: destination)
        XCTAssertEqual(result.status, .delivered)
        XCTAssertEqual(result.batches, 3)
        XCTAssertEqual(result.attempts, 5)
        XCTAssertEqual(waits, [0.25, 0.5])
        let batches = try server.received.map { try JSONParser.parse(Array($0)) }
        XCTAssertEqual(batches.map { $0["batch"] }, [1, 2, 3])
        XCTAssertEqual(batches.flatMap { $0["members"]!.arrayValue! }.compactMap { $0["userId"]?.stringValue },
                       (2..<10).map { "u\($0)" })
    }

    func testFailedWebhookLosesNothingAndRetryResumes() throws {
        let server = try ScriptedHTTPServer(statuses: [200, 500, 500])
        addTeardownBlock { server.stop() }
        let ws = try makeTemporaryWorkspace(self)
        let activations = try Activations(workspace: ws)
        activations.sleep = { _ in }
        let destination = try Destination.webhook("hook", url: "http://127.0.0.1:\(server.port)/", batchSize: 4, maxAttempts: 2, initialBackoff: 0)
        let failed = try activations.activate(try evaluation(rows: 10), to: destination)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.deliveredBatches, 1)
        XCTAssertTrue(failed.error?.contains("batch 2 of 2: HTTP 500 after 2 attempts") ?? false, "\(failed.error ?? "")")
        XCTAssertEqual(try activations.activationsTable().column("status")[0], .string("failed"))

        let retried = try activations.retry(failed.id)
        XCTAssertEqual(retried.status, .delivered)
        XCTAssertEqual(retried.deliveredBatches, 2)
        let ids = try server.received.flatMap { try JSONParser.parse(Array($0))["members"]!.arrayValue! }.compactMap { $0["userId"]?.stringValue }
        XCTAssertEqual(ids, (2..<10).map { "u\($0)" }, "every member exactly once")
        XCTAssertEqual(try activations.activations().count, 1)
        XCTAssertThrowsError(try activations.retry("nope"))
    }
}
