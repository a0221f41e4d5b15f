import XCTest
import ZeroMQ

final class ZMQSocketTests: XCTestCase {
    func testRouterDealerMultipartRoundTripKeepsFramesAndRoutesByIdentity() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ZMQSocket(context, .dealer)
        try dealer.setIdentity(Array("client-1".utf8))
        try dealer.connect(try router.lastEndpoint())

        let frames: [[UInt8]] = [Array("<IDS|MSG>".utf8), [], [0, 255, 1], Array(repeating: 7, count: 100_000)]
        try dealer.send(frames)
        let received = try XCTUnwrap(router.receive())
        XCTAssertEqual(received.first, Array("client-1".utf8), "ROUTER prefixes the sender's identity")
        XCTAssertEqual(Array(received.dropFirst()), frames)

        try router.send([Array("client-1".utf8), Array("reply".utf8)])
        XCTAssertEqual(try dealer.receive(), [Array("reply".utf8)])
        for socket in [router, dealer] { try socket.setLinger(0); socket.close() }
    }

    func testReceiveWithoutWaitingReturnsNilAndTimeoutReturnsNil() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://nothing")
        XCTAssertNil(try pull.receive(dontWait: true))
        try pull.setReceiveTimeout(10)
        XCTAssertNil(try pull.receive())
    }

    func testRepReqEchoAndPubSubWithSubscription() throws {
        let context = try ZMQContext()
        let rep = try ZMQSocket(context, .rep)
        try rep.bind("inproc://echo")
        let req = try ZMQSocket(context, .req)
        try req.connect("inproc://echo")
        try req.send([Array("ping".utf8)])
        let ping = try XCTUnwrap(rep.receive())
        try rep.send(ping)
        XCTAssertEqual(try req.receive(), [Array("ping".utf8)])

        let pub = try ZMQSocket(context, .pub)
        try pub.bind("inproc://news")
        let sub = try ZMQSocket(context, .sub)
        try sub.subscribe(Array("a".utf8))
        try sub.connect("inproc://news")
        try pub.send([Array("b-topic".utf8), [1]])
        try pub.send([Array("a-topic".utf8), [2]])
        try sub.setReceiveTimeout(1000)
        XCTAssertEqual(try sub.receive(), [Array("a-topic".utf8), [2]], "the unsubscribed topic is filtered out")
    }

    func testXPubSeesEachSubscription() throws {
        let context = try ZMQContext()
        let xpub = try ZMQSocket(context, .xpub)
        try xpub.setXPubVerbose(true)
        try xpub.bind("tcp://127.0.0.1:*")
        let sub = try ZMQSocket(context, .sub)
        try sub.connect(try xpub.lastEndpoint())
        try sub.subscribe()
        try xpub.setReceiveTimeout(2000)
        XCTAssertEqual(try xpub.receive(), [[1]], "a subscription to everything is byte 1 followed by an empty prefix")
        try sub.setLinger(0)
        try xpub.setLinger(0)
    }

    func testErrorsAreSwiftErrorsNamingTheOperation() throws {
        let context = try ZMQContext()
        let first = try ZMQSocket(context, .router)
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try first.lastEndpoint()
        let second = try ZMQSocket(context, .router)
        XCTAssertThrowsError(try second.bind(endpoint)) { error in
            let zmq = error as? ZMQError
            XCTAssertEqual(zmq?.code, EADDRINUSE)
            XCTAssertTrue(zmq?.description.contains(endpoint) ?? false)
        }
        XCTAssertThrowsError(try second.connect("nonsense://x"))
        second.close()
        XCTAssertTrue(second.isClosed)
        second.close()  // idempotent
        XCTAssertThrowsError(try second.send([[1]])) { error in
            XCTAssertEqual((error as? ZMQError)?.code, ENOTSOCK)
        }
    }

    func testContextShutdownWakesABlockedReceiverWithTermination() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context, .pull)
        try pull.bind("inproc://blocked")
        let done = expectation(description: "receiver woke")
        let thread = Thread {
            do { _ = try pull.receive() } catch let error as ZMQError where error.isTerminated { done.fulfill() } catch {}
            pull.close()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.05)
        context.shutdown()
        wait(for: [done], timeout: 2)
    }
}
