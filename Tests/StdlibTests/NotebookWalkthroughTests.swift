import Foundation
import Language
import Stdlib
import XCTest

/// The seven notebooks' code cells, run in order through one Stdlib session per notebook on one
/// workspace at a small size — the walkthrough without a kernel, so a broken binding shows up
/// here with the failing cell's source.
class NotebookWalkthroughTests: XCTestCase {
    static let users = 1000

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkthrough-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static var notebooks: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Notebooks")
    }

    /// The code cells of a notebook, with papermill-style parameters injected after its
    /// `parameters` cell.
    func codeCells(_ name: String, parameters: String) throws -> [String] {
        let data = try Data(contentsOf: Self.notebooks.appendingPathComponent(name + ".ipynb"))
        let notebook = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var cells: [String] = []
        for cell in try XCTUnwrap(notebook["cells"] as? [[String: Any]]) where cell["cell_type"] as? String == "code" {
            let source = (cell["source"] as? [String])?.joined() ?? (cell["source"] as? String ?? "")
            cells.append(source)
            let tags = (cell["metadata"] as? [String: Any])?["tags"] as? [String] ?? []
            if tags.contains("parameters") { cells.append(parameters) }
        }
        return cells
    }

    /// Runs a notebook in a fresh session; fails naming the cell when one fails.
    @discardableResult
    func runNotebook(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> RecordingHost {
        let parameters = "let workspace = \"\(folder.path)\"\nlet users = \(Self.users)\nlet trials = 3"
        let session = Stdlib.session()
        let host = RecordingHost()
        for (index, code) in try codeCells(name, parameters: parameters).enumerated() {
            if case .failure(let report) = session.execute(code, cell: "\(name)[\(index)]", host: host) {
                XCTFail("\(name), code cell \(index) failed: \(report.ename): \(report.evalue)\n\(report.traceback.joined(separator: "\n"))",
                        file: file, line: line)
                throw report
            }
        }
        return host
    }

    func testTheSevenNotebooksRunInOrderAndAnyRunsAgainAlone() throws {
        let names = ["01-synthetic-data", "02-eda-and-featurization", "03-export-training-data",
                     "04-train-propensity-model", "05-score", "06-ingest-scores", "07-audiences"]
        for name in names { try runNotebook(name) }
        for name in names.reversed() { try runNotebook(name) }
    }

    func testAStepWithoutItsPrerequisitesFailsWithUnknownDataset() throws {
        let session = Stdlib.session()
        let host = RecordingHost()
        _ = session.execute("let ws = open(workspace: \"\(folder.path)\")", cell: "open", host: host)
        guard case .failure(let report) = session.execute("catalog.dataset(\"events\")", cell: "c", host: host) else {
            return XCTFail("reading a dataset nobody made should fail")
        }
        XCTAssertEqual(report.ename, "UnknownDatasetError")
    }
}
