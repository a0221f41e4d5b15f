import JSON
import XCTest
@testable import Jupyter

final class MessageModelTests: XCTestCase {
    func testHeadersCarryVersion53AndMicrosecondUTCDates() throws {
        let header = Session().header("status")
        XCTAssertEqual(header.version, "5.3")
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"#
        XCTAssertNotNil(header.date.range(of: pattern, options: .regularExpression), header.date)
        XCTAssertEqual(Timestamp.format(seconds: 1_795_000_000, microseconds: 42), "2026-11-18T11:06:40.000042Z")
        XCTAssertEqual(Timestamp.format(seconds: 0, microseconds: 999_999), "1970-01-01T00:00:00.999999Z")
    }

    func testMessageIDsAreUniqueAcrossThreads() {
        let ids = MessageIDGenerator()
        let lock = NSLock()
        var seen = Set<String>()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let mine = (0..<1000).map { _ in ids.next() }
            lock.lock(); seen.formUnion(mine); lock.unlock()
        }
        XCTAssertEqual(seen.count, 8000)
        XCTAssertNotEqual(Session().id, Session().id)
    }

    func testExecuteRequestDefaultsFollowTheSpec() throws {
        let message = Message(header: Session().header("execute_request"), content: ["code": "x"])
        let request = try message.decodeContent(ExecuteRequest.self)
        XCTAssertEqual(request, ExecuteRequest(code: "x", silent: false, storeHistory: true, userExpressions: [:],
                                               allowStdin: true, stopOnError: true))
        let bad = Message(header: Session().header("execute_request"), content: ["silent": true])
        XCTAssertThrowsError(try bad.decodeContent(ExecuteRequest.self)) {
            guard case .invalidContent(let type, _)? = $0 as? WireError else { return XCTFail("\($0)") }
            XCTAssertEqual(type, "execute_request")
        }
    }

    func testExecuteRequestReadsEveryFieldFromContentAndNamesTheBadOne() throws {
        let content: JSONValue = ["code": "print(1)", "silent": true, "store_history": false, "allow_stdin": false,
                                  "stop_on_error": false, "user_expressions": ["a": "1 + 1"]]
        XCTAssertEqual(try ExecuteRequest(content: content),
                       ExecuteRequest(code: "print(1)", silent: true, storeHistory: false, userExpressions: ["a": "1 + 1"],
                                      allowStdin: false, stopOnError: false))
        XCTAssertEqual(try ExecuteRequest(content: ["code": "x", "silent": nil, "user_expressions": nil]), ExecuteRequest(code: "x"))
        let bad: [(JSONValue, String)] = [(["code": 1], "code"), (["code": "x", "silent": "yes"], "silent"),
                                          (["code": "x", "user_expressions": ["a": 1]], "a"), ([1], "object")]
        for (content, named) in bad {
            XCTAssertThrowsError(try ExecuteRequest(content: content)) {
                guard case .invalidContent("execute_request", let reason)? = $0 as? WireError else { return XCTFail("\($0)") }
                XCTAssertTrue(reason.contains(named), reason)
            }
        }
    }

    func testContentTypesEncodeProtocolKeys() throws {
        let reply = ExecuteReply(status: .error, executionCount: 3,
                                 error: ErrorContent(ename: "E", evalue: "v", traceback: ["t"]))
        let json = try JSONValue(encoding: reply)
        XCTAssertEqual(json["execution_count"], 3)
        XCTAssertEqual(json["status"], "error")
        XCTAssertEqual(json["traceback"], ["t"])
        XCTAssertNil(json["payload"], "absent optionals are omitted, not null")
        let display = try JSONValue(encoding: DisplayData(data: ["text/plain": "x"], displayID: "d1"))
        XCTAssertEqual(display["transient"], ["display_id": "d1"])
        XCTAssertEqual(try JSONValue(encoding: Status(.idle)), ["execution_state": "idle"])
    }
}
