import JSON
import XCTest
@testable import Jupyter

final class WireCodecTests: XCTestCase {
    let session = Session(id: "s1", username: "tester")

    func codec(key: String = "secret", guard replayGuard: ReplayGuard? = ReplayGuard()) throws -> WireCodec {
        WireCodec(signer: try Signer(key: key), replayGuard: replayGuard)
    }

    func testEncodeDecodeRoundTripKeepsIdentitiesContentAndBuffers() throws {
        var message = session.message("execute_request", content: ["code": "1 + 1", "silent": false])
        message.identities = [Array("peer".utf8), [0, 1]]
        message.buffers = [[1, 2, 3], []]
        message.metadata = ["m": 1]
        let frames = try codec().encode(message)
        XCTAssertEqual(frames[2], WireCodec.delimiter)
        let decoded = try codec().decode(frames)
        XCTAssertEqual(decoded.identities, message.identities)
        XCTAssertEqual(decoded.header, message.header)
        XCTAssertNil(decoded.parentHeader)
        XCTAssertEqual(decoded.content, message.content)
        XCTAssertEqual(decoded.metadata, ["m": 1])
        XCTAssertEqual(decoded.buffers, [[1, 2, 3], []])
    }

    func testSignatureIsHMACSHA256HexOverTheFourRawFrames() throws {
                let signer = try Signer(key: "key")
        let digest = String(decoding: signer.signature([Array("a".utf8), Array("b".utf8), Array("c".utf8), Array("d".utf8)]), as: UTF8.self)
        // `printf abcd | openssl dgst -sha256 -hmac key`
        XCTAssertEqual(digest, "2a31ec0ee8d878c9eece9fb0df79b3b90b2256240163aa5ee50d176d3d1121f8")
        XCTAssertTrue(signer.verify(Array(digest.utf8), [Array("ab".utf8), Array("cd".utf8)]), "frames are concatenated")
    }

    func testTamperedMissingAndReplayedSignaturesAreRefused() throws {
        let good = try codec().encode(session.message("execute_request", content: ["code": "x"]))
        var tampered = good
        tampered[5] = Array(#"{"code": "y"}"#.utf8)
        XCTAssertThrowsError(try codec().decode(tampered)) { XCTAssertEqual($0 as? WireError, .invalidSignature) }
        var unsigned = good
        unsigned[1] = []
        XCTAssertThrowsError(try codec().decode(unsigned)) { XCTAssertEqual($0 as? WireError, .unsigned) }
        var wrongLength = good
        wrongLength[1] = Array(good[1].dropLast())
        XCTAssertThrowsError(try codec().decode(wrongLength)) { XCTAssertEqual($0 as? WireError, .invalidSignature) }
        XCTAssertThrowsError(try codec(key: "other").decode(good)) { XCTAssertEqual($0 as? WireError, .invalidSignature) }

        let shared = try codec()
        XCTAssertNoThrow(try shared.decode(good))
        XCTAssertThrowsError(try shared.decode(good)) { XCTAssertEqual($0 as? WireError, .replayedSignature) }
    }

    func testEmptyKeyMeansUnsigned() throws {
        let unkeyed = try codec(key: "")
        let frames = unkeyed.encode(session.message("kernel_info_request", content: [:]))
        XCTAssertEqual(frames[1], [])
        XCTAssertNoThrow(try unkeyed.decode(frames))
        XCTAssertNoThrow(try unkeyed.decode(frames), "without a key there is no signature to replay-check")
    }

    func testOtherSignatureSchemesAndUnknownOnes() throws {
        let sha512 = WireCodec(signer: try Signer(key: "k", scheme: "hmac-sha512"))
        let frames = sha512.encode(session.message("kernel_info_request", content: [:]))
        XCTAssertEqual(frames[1].count, 128)
        XCTAssertNoThrow(try sha512.decode(frames))
        XCTAssertThrowsError(try Signer(key: "k", scheme: "rot13")) {
            XCTAssertEqual($0 as? WireError, .unsupportedSignatureScheme("rot13"))
        }
    }

    func testMalformedMessagesGiveLocatedErrors() throws {
        let c = try codec(key: "")
        XCTAssertThrowsError(try c.decode([Array("id".utf8), Array("{}".utf8)])) { XCTAssertEqual($0 as? WireError, .missingDelimiter) }
        XCTAssertThrowsError(try c.decode([WireCodec.delimiter, [], Array("{}".utf8)])) { XCTAssertEqual($0 as? WireError, .tooFewFrames(2)) }
        let notJSON = [WireCodec.delimiter, [], Array("{".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertThrowsError(try c.decode(notJSON)) {
            guard case .invalidJSON(let frame, _)? = $0 as? WireError else { return XCTFail("\($0)") }
            XCTAssertEqual(frame, "header")
        }
        let noType = [WireCodec.delimiter, [], Array(#"{"msg_id": "1"}"#.utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertThrowsError(try c.decode(noType)) { XCTAssertEqual($0 as? WireError, .invalidHeader("header has no string \"msg_type\"")) }
        let small = WireCodec(signer: try Signer(key: ""), maximumBytes: 100)
        let big = small.encode(session.message("execute_request", content: ["code": .string(String(repeating: "x", count: 200))]))
        XCTAssertThrowsError(try small.decode(big)) {
            guard case .oversized? = $0 as? WireError else { return XCTFail("\($0)") }
        }
    }

    func testParentHeaderIsCopiedVerbatimIncludingUnknownFields() throws {
        var request = session.message("execute_request", content: ["code": "1"])
        request.header.extra["subshell_id"] = "abc"
        let c = try codec(key: "")
        let decoded = try c.decode(c.encode(request))
        let reply = Session().message("execute_reply", content: [:], parent: decoded)
        let parent = try c.decode(c.encode(reply)).parentHeader
        XCTAssertEqual(parent, request.header)
        XCTAssertEqual(parent?.extra["subshell_id"], "abc")
    }

    /// A received header goes back out byte for byte as the parent header (whatever spacing or key
    /// order the peer used); changing any field drops those bytes and the header is written anew.
    func testReceivedHeaderBytesAreSentAsParentUntilTheHeaderChanges() throws {
        let c = try codec(key: "k")
        let peerHeader = Array(#"{ "msg_type": "execute_request", "msg_id": "m1", "session": "s", "username": "u", "date": "", "version": "5.3" }"#.utf8)
        let frames = [WireCodec.delimiter, []] + [peerHeader, Array("{}".utf8), Array("{}".utf8), Array(#"{"code": "1"}"#.utf8)]
        var signed = frames
        signed[1] = c.signer.signature(frames[2...])
        let request = try c.decode(signed)
        let reply = c.encode(Session().message("execute_reply", content: [:], parent: request))
        XCTAssertEqual(reply[reply.firstIndex(of: WireCodec.delimiter)! + 3], peerHeader)
        var changed = request
        changed.header.msgID = "m2"
        let rewritten = c.encode(Session().message("execute_reply", content: [:], parent: changed))
        let parent = try JSONParser.parse(rewritten[rewritten.firstIndex(of: WireCodec.delimiter)! + 3])
        XCTAssertEqual(parent["msg_id"], "m2")
        XCTAssertEqual(parent["msg_type"], "execute_request")
        XCTAssertEqual(changed.header, { var h = request.header; h.msgID = "m2"; return h }(), "equality ignores the kept bytes")
    }
}
