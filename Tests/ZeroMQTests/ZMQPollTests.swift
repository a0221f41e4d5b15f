import Foundation
import XCTest
import ZeroMQ

final class ZMQPollTests: XCTestCase {
    func testPollReportsTheReadySocketOnly() throws {
        let context = try ZMQContext()
        let a = try ZMQSocket(context, .pull)
        try a.bind("inproc://a")
        let b = try ZMQSocket(context, .pull)
        try b.bind("inproc://b")
        let pushB = try ZMQSocket(context, .push)
        try pushB.connect("inproc://b")
        try pushB.send([[42]])
        let results = try zmqPoll([.socket(a), .socket(b)], timeoutMilliseconds: 1000)
        XCTAssertEqual(results.map(\.readable), [false, true])
    }

    func testPollTimesOutWithNothingReady() throws {
        let context = try ZMQContext()
        let a = try ZMQSocket(context, .pull)
        try a.bind("inproc://quiet")
        let start = Date()
        let results = try zmqPoll([.socket(a)], timeoutMilliseconds: 30)
        XCTAssertFalse(results[0].any)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.025)
    }

    func testPollWatchesPlainFileDescriptors() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        XCTAssertFalse(try zmqPoll([.fileDescriptor(fds[0])], timeoutMilliseconds: 0)[0].readable)
        XCTAssertEqual(write(fds[1], "x", 1), 1)
        XCTAssertTrue(try zmqPoll([.fileDescriptor(fds[0])], timeoutMilliseconds: 1000)[0].readable)
        var other: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&other), 0)
        close(other[1])
        defer { close(other[0]) }
        XCTAssertTrue(try zmqPoll([.fileDescriptor(other[0])], timeoutMilliseconds: 1000)[0].any, "a hung-up pipe wakes the poll")
    }

    /// The event descriptor is polled with plain poll (no socket access); `hasInput` says whether a
    /// message is really there, and is false again once it is received.
    func testEventDescriptorWakesAPlainPollAndHasInputTellsWhetherAMessageWaits() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://events")
        let push = try ZMQSocket(context, .push)
        try push.connect("inproc://events")
        XCTAssertFalse(try pull.hasInput())
        try push.send([[7]])
        var item = pollfd(fd: try pull.eventDescriptor(), events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&item, 1, 1000), 1)
        XCTAssertTrue(try pull.hasInput())
        XCTAssertEqual(try pull.receive(dontWait: true), [[7]])
        XCTAssertFalse(try pull.hasInput())
        pull.close()
        XCTAssertThrowsError(try pull.hasInput())
    }

    /// A signal delivered mid-poll must not surface as an error (jupyter_client sends SIGINT freely).
    func testPollIsRetriedWhenASignalInterruptsIt() throws {
        signal(SIGUSR1) { _ in }  // a handler, so the signal interrupts the system call instead of killing us
        let context = try ZMQContext()
        let a = try ZMQSocket(context, .pull)
        try a.bind("inproc://signalled")
        let target = pthread_self()
        let sender = Thread {
            for _ in 0..<5 { Thread.sleep(forTimeInterval: 0.01); pthread_kill(target, SIGUSR1) }
        }
        sender.start()
        let results = try zmqPoll([.socket(a)], timeoutMilliseconds: 120)
        XCTAssertFalse(results[0].any)
    }
}
