import XCTest
@testable import Language

/// Records everything a cell sends to its host.
final class RecordingHost: Language.Host {
    var stdout = ""
    var stderr = ""
    var displays: [(bundle: MimeBundle, id: String?, update: Bool)] = []
    var cleared: [Bool] = []
    var pages: [MimeBundle] = []
    var inputs: [String] = []
    var prompts: [String] = []

    func write(_ text: String, to stream: StandardStream) {
        if stream == .output { stdout += text } else { stderr += text }
    }
    func display(_ bundle: MimeBundle, id: String?, update: Bool) { displays.append((bundle, id, update)) }
    func clearOutput(wait: Bool) { cleared.append(wait) }
    func page(_ bundle: MimeBundle) { pages.append(bundle) }
    func readLine(prompt: String, password: Bool) throws -> String {
        prompts.append(prompt)
        guard !inputs.isEmpty else { throw LanguageError("StdinNotAllowed", "no input available") }
        return inputs.removeFirst()
    }
}

extension XCTestCase {
    /// Runs cells in one session and returns the last cell's text/plain result (nil when none).
    @discardableResult
    func run(_ cells: String..., session: Session = Session(), host: RecordingHost = RecordingHost(),
             file: StaticString = #filePath, line: UInt = #line) -> String? {
        var last: String?
        for code in cells {
            switch session.execute(code, cell: "", host: host) {
            case .value(let bundle): last = bundle?["text/plain"]
            case .failure(let report):
                XCTFail("cell failed: \(report.rendered)\n--- code:\n\(code)", file: file, line: line)
                return nil
            }
        }
        return last
    }

    /// Runs a cell expected to fail and returns the report.
    func failure(_ code: String, session: Session = Session(), host: RecordingHost = RecordingHost(),
                 file: StaticString = #filePath, line: UInt = #line) -> ErrorReport? {
        switch session.execute(code, cell: "[1]", host: host) {
        case .value(let bundle):
            XCTFail("expected an error, got \(bundle?["text/plain"] ?? "no value")", file: file, line: line)
            return nil
        case .failure(let report):
            return report
        }
    }

    func output(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let host = RecordingHost()
        run(code, host: host, file: file, line: line)
        return host.stdout
    }
}
