import Foundation
import XCTest
import ZeroMQ

final class ZMQMemoryTests: XCTestCase {
    /// Opening and closing sockets (with traffic) thousands of times must not grow the process:
    /// every socket, message and context is released deterministically.
    func testManyOpenCloseCyclesStayFlatInMemory() throws {
        func cycle(_ count: Int) throws {
            for round in 0..<count {
                let context = try ZMQContext()
                let router = try ZMQSocket(context, .router)
                try router.bind("inproc://cycle")
                let dealer = try ZMQSocket(context, .dealer)
                try dealer.connect("inproc://cycle")
                try dealer.send([Array("round \(round)".utf8), [UInt8](repeating: 1, count: 4096)])
                _ = try router.receive()
                for socket in [router, dealer] { try socket.setLinger(0); socket.close() }
            }
        }
        try cycle(300)  // warm up allocator pools
        let before = residentBytes()
        try cycle(3000)
        let growth = residentBytes() - before
        XCTAssertLessThan(growth, 4 << 20, "resident memory grew by \(growth) bytes over 3000 cycles")
    }

    private func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
