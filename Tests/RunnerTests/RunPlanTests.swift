import Foundation
import JSON
import Notebook
import Runner
import XCTest

/// File to file: output notebooks written even on failure, reports and pages, usage errors early.
final class RunPlanTests: XCTestCase {
    struct FakeLauncher: KernelLauncher {
        func find(_ name: String) throws -> KernelSpecInfo {
            guard name == "fake" else { throw KernelStartError.notFound(name: name, searched: ["/nowhere"]) }
            return KernelSpecInfo(name: "fake", displayName: "Fake", language: "python")
        }

        func start(_ spec: KernelSpecInfo, directory: String, startupTimeout: Double) throws -> KernelSession { FakeKernel() }
    }

    var folder: URL!
    var messages: [String] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("runplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ name: String, _ sources: [String], kernel: String = "fake") throws -> String {
        var cells = sources.map { Cell.code($0) }
        cells.insert(.code("x = 1", tags: ["parameters"]), at: 0)
        let notebook = Notebook(metadata: ["kernelspec": ["name": .string(kernel), "display_name": "K"]], cells: cells)
        let path = folder.appendingPathComponent(name).path
        try notebook.write(to: path)
        return path
    }

    func plan(_ inputs: [String], configure: (inout RunOptions) -> Void = { _ in }) -> RunPlan {
        var options = RunOptions()
        options.destination = .directory(folder.appendingPathComponent("out").path)
        configure(&options)
        let console = Console(mode: .lines, color: false, out: { _ in }, err: { [self] in messages.append($0) })
        return RunPlan(inputs: inputs, options: options, launcher: FakeLauncher(), console: console)
    }

    func testFailedNotebookIsStillWrittenAndReported() throws {
        let good = try write("good.ipynb", ["ok:hi"])
        let bad = try write("bad.ipynb", ["ok:1", "fail:ZeroDivisionError", "ok:never"])
        let missing = try write("missing.ipynb", ["ok:1"], kernel: "nope")
        let report = folder.appendingPathComponent("report.xml").path
        let html = folder.appendingPathComponent("html").path
        let results = try plan([good, bad, missing]) {
            $0.parameters = [("x", .text("5"))]
            $0.report = report
            $0.htmlDirectory = html
            $0.jobs = 2
        }.run()
        XCTAssertEqual(results.map(\.status), [.ok, .cellError, .kernelStartFailed])
        XCTAssertEqual(RunStatus.overall(results.map(\.status)).exitCode, 1)

        let written = try Notebook.read(from: folder.appendingPathComponent("out/bad.ipynb").path)
        XCTAssertEqual(written.cells[1].tags, ["injected-parameters"])
        XCTAssertEqual(written.cells[1].source, "# Parameters\nx = 5\n")
        XCTAssertEqual(written.cells.map(\.executionCount), [1, 2, 3, 4, nil])
        XCTAssertEqual(written.metadata["papermill"]?["exception"], true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("html/good.html").path))
        XCTAssertTrue(try String(contentsOfFile: report, encoding: .utf8).contains("tests=\"3\" failures=\"1\" errors=\"1\""))
        let log = messages.joined()
        XCTAssertTrue(log.contains("FAILED \(bad) cell 4 (id "), log)
        XCTAssertTrue(log.contains("KERNEL FAILED \(missing): no kernel named 'nope'"), log)
        XCTAssertTrue(log.contains("OK \(good): 3 cells"), log)
    }

    func testUnreadableNotebookIsAUsageErrorAndBadParameterTooWithoutRunning() throws {
        let broken = folder.appendingPathComponent("broken.ipynb").path
        try "{ not json".write(toFile: broken, atomically: true, encoding: .utf8)
        let results = try plan([broken]).run()
        XCTAssertEqual(results.map(\.status), [.usage])
        XCTAssertTrue(results[0].message?.contains("invalid JSON at line 1") == true)

        let typed = try write("typed.ipynb", ["ok:1"])
        let bad = try plan([typed]) { $0.parameters = [("x", .text("many"))] }.run()
        XCTAssertEqual(bad.map(\.status), [.usage])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/typed.ipynb").path))
    }

    func testTwoInputsWritingTheSameOutputIsRefused() throws {
        XCTAssertThrowsError(try plan(["a/x.ipynb", "b/x.ipynb"]).outputs()) { error in
            XCTAssertTrue("\(error)".contains("would both be written to"), "\(error)")
        }
        XCTAssertEqual(try plan(["a/x.ipynb", "b/x.ipynb"]) { $0.destination = .inPlace }.outputs(), ["a/x.ipynb", "b/x.ipynb"])
    }
}
