import Foundation
import XCTest
@testable import Language

/// Every `propel` example in docs/language.md runs; when an `output` block follows, stdout matches it.
final class DocsTests: XCTestCase {
    func testEveryExampleInTheLanguageReferenceRuns() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let blocks = text.components(separatedBy: "```")
        var examples = 0
        var i = 1
        while i < blocks.count {
            let block = blocks[i]
            if block.hasPrefix("propel\n") {
                examples += 1
                let code = String(block.dropFirst("propel\n".count))
                let host = RecordingHost()
                if case .failure(let r) = Session().execute(code, cell: "docs", host: host) {
                    XCTFail("example \(examples) failed:\n\(r.rendered)\n\(code)")
                }
                if i + 2 < blocks.count, blocks[i + 2].hasPrefix("output\n") {
                    XCTAssertEqual(host.stdout, String(blocks[i + 2].dropFirst("output\n".count)), "example \(examples):\n\(code)")
                }
            }
            i += 2
        }
        XCTAssertGreaterThanOrEqual(examples, 13)
    }
}
