import Foundation
import JSON
import Notebook
import XCTest

/// Reading 4.0–4.5 and writing 4.5 byte-for-byte as nbformat's own writer does.
final class NotebookReadWriteTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    func testRoundTripIsByteIdenticalToNbformatWrite() throws {
        let path = fixture("reference-4.5.ipynb")
        let notebook = try Notebook.read(from: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(String(decoding: notebook.fileBytes, as: UTF8.self), String(decoding: original, as: UTF8.self))
    }

    func testReadingJoinsMultilineStringsAndKeepsJSONMimeData() throws {
        let notebook = try Notebook.read(from: fixture("reference-4.5.ipynb"))
        let cell = notebook.cells[0]
        XCTAssertEqual(cell.id, "cell-one")
        XCTAssertEqual(cell.tags, ["parameters"])
        XCTAssertEqual(cell.source, "x = 1\r\ny = 2\rz = 3\n\u{0B}w\u{0C}\u{2028}end")
        XCTAssertEqual(cell.outputs[0], .stream(name: "stdout", text: "z\n\rprogress 1\nlast"))
        guard case .executeResult(1, let data, _) = cell.outputs[1] else { return XCTFail("\(cell.outputs[1])") }
        XCTAssertEqual(data["text/plain"], "1\n2")
        XCTAssertEqual(data["application/json"]?["a"], [1, 2.5, nil, true])
        XCTAssertEqual(data["application/vnd.custom+json"], [1, 2])
        XCTAssertEqual(notebook.kernelName, "python3")
        XCTAssertEqual(notebook.languageName, "python")
    }

    func testOldMinorVersionIsUpgradedWithIDsAndTransientFieldsStripped() throws {
        let notebook = try Notebook.read(from: fixture("old-4.0.ipynb"))
        XCTAssertEqual(notebook.cells.count, 2)
        XCTAssertTrue(notebook.cells.allSatisfy { CellID.isValid($0.id) })
        XCTAssertNotEqual(notebook.cells[0].id, notebook.cells[1].id)
        XCTAssertEqual(notebook.cells[1].source, "print('hi')\n1+1")
        let json = notebook.json
        XCTAssertEqual(json["nbformat_minor"], 5)
        XCTAssertNil(json["metadata"]?["signature"])
        XCTAssertNil(json["metadata"]?["orig_nbformat"])
        XCTAssertNil(json["cells"]?.arrayValue?[1]["metadata"]?["trusted"])
        XCTAssertEqual(json["cells"]?.arrayValue?[1]["metadata"]?["collapsed"], false)
    }

    func testDuplicateMalformedAndMissingIDsAreReplacedKeepingTheFirstValidOne() throws {
        let notebook = try Notebook.read(from: fixture("bad-ids-4.5.ipynb"))
        let ids = notebook.cells.map(\.id)
        XCTAssertEqual(ids[0], "same")
        XCTAssertEqual(Set(ids).count, 4)
        XCTAssertTrue(ids.allSatisfy(CellID.isValid))
    }

    func testSchemaForbiddenFieldsAreNotWritten() throws {
        let text = #"""
        {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": {"name": "propel"}},
         "cells": [{"cell_type": "markdown", "metadata": {}, "source": "x", "outputs": [], "execution_count": 1},
                   {"cell_type": "code", "metadata": {}, "source": "y", "attachments": {}, "outputs": [
                      {"output_type": "display_data", "data": {"text/plain": "a"}, "metadata": {}, "transient": {"display_id": "d"}}]}]}
        """#
        let json = try Notebook(parsing: Array(text.utf8)).json
        let cells = json["cells"]!.arrayValue!
        XCTAssertEqual(cells[0].objectValue!.keys.sorted(), ["cell_type", "id", "metadata", "source"])
        XCTAssertEqual(cells[1].objectValue!.keys.sorted(), ["cell_type", "execution_count", "id", "metadata", "outputs", "source"])
        XCTAssertEqual(cells[1]["execution_count"], .null)
        XCTAssertNil(cells[1]["outputs"]?.arrayValue?[0]["transient"])
        XCTAssertEqual(json["metadata"]?["kernelspec"]?["display_name"], "propel")
    }

    func testBadInputGivesLocatedErrors() {
        let cases: [(String, String)] = [
            (#"{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}"#, "nbformat 3 is not supported"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}"#, "missing 'cells'"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": 3}]}"#,
             "cells[0]: 'source' must be a string or an array of strings"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": [{"output_type": "stream", "text": "x"}]}]}"#,
             "cells[0].outputs[0]: a stream output needs 'name'"),
            (#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "weird", "source": ""}]}"#,
             "cells[0]: unknown cell_type 'weird'"),
            ("{\"nbformat\": 4,\n \"cells\": [", "line 2"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try Notebook(parsing: Array(text.utf8)), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error) lacks \(expected)")
            }
        }
    }

    func testReadErrorNamesTheFile() {
        XCTAssertThrowsError(try Notebook.read(from: "/nonexistent/x.ipynb")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/x.ipynb: cannot read the file"), "\(error)")
        }
    }

    func testAtomicWriteReplacesTheFileAndLeavesNoTemporaryBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nbwrite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.ipynb").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let notebook = Notebook(cells: [.code("print(1)", id: "a")])
        try notebook.write(to: path)
        XCTAssertEqual(try Notebook.read(from: path), notebook)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.ipynb"])
        XCTAssertThrowsError(try notebook.write(to: folder.appendingPathComponent("missing/out.ipynb").path))
    }
}
