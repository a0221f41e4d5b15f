import Foundation
import JSON
import Jupyter
import XCTest

/// The decoder sees whatever the network brings: 100,000 random and mutated messages must each be
/// either decoded or refused with a `WireError` — never a crash, never anything else.
final class WireDecoderFuzzTests: XCTestCase {
    func testHundredThousandRandomAndMutatedMessages() throws {
        var generator = SeededGenerator(seed: 2026)
        let session = Session()
        let signed = WireCodec(signer: try Signer(key: "fuzz"), replayGuard: nil)
        let unsigned = WireCodec(signer: try Signer(key: ""), replayGuard: nil)
        let samples: [Message] = [
            session.message("execute_request", content: ["code": "print(\"hi\")", "silent": false, "user_expressions": ["a": "b"]]),
            session.message("complete_request", content: ["code": "pri", "cursor_pos": 3]),
            session.message("input_reply", content: ["value": "ä😀"]),
        ]
        let encoded = [signed, unsigned].map { codec in samples.map { codec.encode($0) } }
        var decoded = 0
        var refused = Set<String>()
        for round in 0..<100_000 {
            let codec = round % 2 == 0 ? signed : unsigned
            let frames = round % 3 == 0
                ? WireFuzzer.random(using: &generator)
                : WireFuzzer.mutate(encoded[round % 2][round % samples.count], using: &generator)
            do {
                let message = try codec.decode(frames)
                if message.header.msgType.isEmpty { XCTFail("decoded a message without a type") }
                decoded += 1
            } catch let error as WireError {
                refused.insert(Mirror(reflecting: error).children.first?.label ?? "\(error)")
            }
        }
        XCTAssertGreaterThan(decoded, 0, "some mutations (e.g. of buffers or identities) still decode")
        XCTAssertGreaterThan(refused.count, 4, "many kinds of refusal were exercised: \(refused)")
    }
}
