import Foundation
import Language
import Stdlib
import XCTest

/// Records what running cells send to their environment.
final class RecordingHost: Language.Host {
    var output = ""
    var errors = ""
    var displays: [MimeBundle] = []

    func write(_ text: String, to stream: StandardStream) {
        if stream == .output { output += text } else { errors += text }
    }
    func display(_ bundle: MimeBundle, id: String?, update: Bool) { displays.append(bundle) }
    func clearOutput(wait: Bool) {}
    func page(_ bundle: MimeBundle) { displays.append(bundle) }
    func readLine(prompt: String, password: Bool) throws -> String { throw LanguageError("StdinNotAllowed", "no stdin in tests") }
}

/// A Stdlib session on a fresh temporary workspace, removed afterwards.
class StdlibTestCase: XCTestCase {
    var folder: URL!
    var session: Session!
    let host = RecordingHost()

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stdlib-\(UUID().uuidString)")
        session = Stdlib.session(context: Context(environment: ["PROPEL_WORKSPACE": folder.path]))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a cell that must succeed; returns its result's mimebundle (nil when it has none).
    @discardableResult
    func run(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> MimeBundle? {
        switch session.execute(code, cell: "test", host: host) {
        case .value(let bundle): return bundle
        case .failure(let report):
            XCTFail("cell failed: \(report.ename): \(report.evalue)\n\(report.traceback.joined(separator: "\n"))", file: file, line: line)
            return nil
        }
    }

    /// Runs a cell that must fail; returns the error report.
    func failure(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> ErrorReport? {
        switch session.execute(code, cell: "test", host: host) {
        case .value(let bundle):
            XCTFail("cell should have failed but gave \(bundle?["text/plain"] ?? "nothing")", file: file, line: line)
            return nil
        case .failure(let report): return report
        }
    }

    /// The text form of an expression's value.
    func text(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        run(expression, file: file, line: line)?["text/plain"]
    }
}
