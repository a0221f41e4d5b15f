import Foundation
import XCTest
import ZeroMQ

final class ZMQContextTests: XCTestCase {
    /// A context made with `yieldingIOThread` starts its I/O thread under SCHED_BATCH (3), which
    /// does not preempt the threads that send; a default context leaves the policy alone.
    func testYieldingIOThreadRunsUnderTheBatchPolicyAndTheDefaultDoesNot() throws {
        let before = ioThreadPolicies()
        let yielding = try ZMQContext(yieldingIOThread: true)
        let plain = try ZMQContext()
        // libzmq starts a context's I/O thread with its first socket.
        let sockets = try [yielding, plain].map { try ZMQSocket($0, .pair) }
        defer { sockets.forEach { $0.close() } }
        // Each thread names itself once running: wait for both names.
        var added: [Int32: Int32] = [:]
        let deadline = Date().addingTimeInterval(5)
        repeat {
            added = ioThreadPolicies().filter { before[$0.key] == nil }
            if added.count < 2 { usleep(1000) }
        } while added.count < 2 && Date() < deadline
        XCTAssertEqual(added.values.sorted(), [0, 3], "policies of the new I/O threads (SCHED_OTHER, SCHED_BATCH)")
    }

    /// The scheduling policy of each of this process's libzmq I/O threads, by thread id.
    private func ioThreadPolicies() -> [Int32: Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var policies: [Int32: Int32] = [:]
        for task in tasks {
            guard let id = Int32(task),
                  let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8),
                  name.hasPrefix("ZMQbg/IO") else { continue }
            policies[id] = sched_getscheduler(id)
        }
        return policies
    }
}
