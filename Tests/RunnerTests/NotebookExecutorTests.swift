import JSON
import Notebook
import Runner
import XCTest

/// The executor's semantics against a scripted kernel: stop on error, tags, timeouts, death,
/// counts and metadata, display updates.
final class NotebookExecutorTests: XCTestCase {
    func notebook(_ sources: [String], tags: [Int: [String]] = [:]) -> Notebook {
        var nb = Notebook(cells: sources.enumerated().map { i, s in .code(s, id: "c\(i)", tags: tags[i] ?? []) })
        nb.cells.insert(.markdown("# Title", id: "md"), at: 0)
        return nb
    }

    func run(_ nb: inout Notebook, _ options: NotebookExecutor.Options = .init(), kernel: FakeKernel = FakeKernel()) -> NotebookExecutor.Outcome {
        NotebookExecutor(options: options).run(&nb, on: kernel)
    }

    func testSuccessFillsCountsOutputsTimingAndLanguageInfo() {
        var nb = notebook(["ok:hello\n", "  \n", "ok:"])
        nb.cells[2].outputs = [.stream(name: "stdout", text: "stale")]
        nb.cells[2].executionCount = 9
        let outcome = run(&nb)
        XCTAssertEqual(outcome.status, .ok)
        XCTAssertEqual(outcome.executedCells, 2)
        XCTAssertEqual(nb.cells.map(\.executionCount), [nil, 1, nil, 2])
        XCTAssertEqual(nb.cells[1].outputs.first, .stream(name: "stdout", text: "hello\n"))
        XCTAssertEqual(nb.cells[2].outputs, [], "blank cells are not run and lose stale outputs")
        XCTAssertEqual(nb.cells[1].metadata["execution"]?.objectValue?.keys.sorted(),
                       ["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"])
        XCTAssertEqual(nb.metadata["language_info"]?["name"], "fake")
        XCTAssertEqual(nb.metadata["papermill"]?["exception"], false)
    }

    func testStopsAtTheFirstErrorAndKeepsPartialOutputs() {
        var nb = notebook(["ok:1", "fail:ZeroDivisionError", "ok:never"])
        let kernel = FakeKernel()
        let outcome = run(&nb, kernel: kernel)
        XCTAssertEqual(outcome.status, .cellError)
        XCTAssertEqual(kernel.executed, ["ok:1", "fail:ZeroDivisionError"])
        let failure = outcome.failure!
        XCTAssertEqual(failure.cellIndex, 2)
        XCTAssertEqual(failure.cellID, "c1")
        XCTAssertEqual(failure.executionCount, 2)
        XCTAssertEqual(failure.headline, "ZeroDivisionError: bad value")
        XCTAssertEqual(failure.stdout, "before the error\n")
        XCTAssertEqual(failure.stderr, "a warning\n")
        XCTAssertEqual(nb.cells[2].outputs.count, 3)
        XCTAssertEqual(nb.cells[3].executionCount, nil)
        XCTAssertEqual(nb.metadata["papermill"]?["exception"], true)
    }

    func testAllowErrorsRunsEverythingAndListsTheErrors() {
        var nb = notebook(["fail:ValueError", "ok:after"])
        let outcome = run(&nb, .init(allowErrors: true))
        XCTAssertEqual(outcome.status, .ok)
        XCTAssertEqual(outcome.allowedErrors.map(\.ename), ["ValueError"])
        XCTAssertEqual(nb.cells[2].executionCount, 2)
    }

    func testRaisesExceptionAndSkipExecutionTags() {
        var nb = notebook(["ok:skipped", "fail:ValueError", "ok:after"], tags: [0: ["skip-execution"], 1: ["raises-exception"]])
        let kernel = FakeKernel()
        let outcome = run(&nb, kernel: kernel)
        XCTAssertEqual(outcome.status, .ok)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(kernel.executed, ["fail:ValueError", "ok:after"])
        XCTAssertEqual(nb.cells.map(\.executionCount), [nil, nil, 1, 2])
    }

    func testTimeoutInterruptsTheKernelAndRecordsTheInterruptError() {
        var nb = notebook(["ok:1", "hang", "ok:never"])
        let kernel = FakeKernel()
        let outcome = run(&nb, .init(cellTimeout: 2), kernel: kernel)
        XCTAssertEqual(outcome.status, .timeout)
        XCTAssertEqual(kernel.interrupts, 1)
        XCTAssertEqual(outcome.failure?.kind, .timeout(seconds: 2, total: false))
        XCTAssertEqual(nb.cells[2].executionCount, 2)
        let names = nb.cells[2].outputs.compactMap { output -> String? in
            if case .error(let ename, _, _) = output { return ename }
            return nil
        }
        XCTAssertEqual(names, ["KeyboardInterrupt", "CellTimeoutError"])
        XCTAssertEqual(kernel.executed.count, 2)
    }

    func testKernelDeathStopsTheRunWithTheCellsPartialOutput() {
        var nb = notebook(["die", "ok:never"])
        let outcome = run(&nb)
        XCTAssertEqual(outcome.status, .kernelDied)
        XCTAssertEqual(outcome.failure?.kind, .kernelDied(reason: "exited with status 1"))
        XCTAssertEqual(outcome.failure?.stdout, "partial\n")
        guard case .error("DeadKernelError", let evalue, _)? = nb.cells[1].outputs.last else { return XCTFail("\(nb.cells[1].outputs)") }
        XCTAssertTrue(evalue.contains("exited with status 1"))
    }

    func testUpdateDisplayDataRewritesTheEarlierOutputAndClearOutputWaits() {
        var nb = notebook(["display:d1", "update:d1", "clear"])
        _ = run(&nb)
        XCTAssertEqual(nb.cells[1].outputs, [.displayData(data: ["text/plain": "second"], metadata: [:])])
        XCTAssertEqual(nb.cells[2].outputs, [])
        XCTAssertEqual(nb.cells[3].outputs, [.stream(name: "stdout", text: "new")])
    }

    func testWrittenNotebookAfterFailureIsValidJSONWithUniqueIDs() throws {
        var nb = notebook(["ok:1", "fail:E"])
        _ = run(&nb)
        let reread = try Notebook(parsing: nb.fileBytes)
        XCTAssertEqual(reread, nb)
    }

    func testAutosaveWritesBeforeTheFirstCellAndWhileALongCellRuns() {
        var nb = notebook(["ok:a", "slow:3", "ok:b"])
        var saved: [[Int?]] = []
        let autosave = Autosave(interval: 0.02, write: { saved.append($0.cells.map(\.executionCount)) }, failed: { _ in XCTFail() })
        let outcome = NotebookExecutor(options: .init(), autosave: autosave).run(&nb, on: FakeKernel())
        XCTAssertEqual(outcome.status, .ok)
        XCTAssertEqual(saved.first, [nil, nil, nil, nil], "saved before the first cell runs")
        XCTAssertGreaterThanOrEqual(saved.filter { $0 == [nil, 1, nil, nil] }.count, 3, "saved while the slow cell ran")
    }

    func testAutosaveBacksOffAndReportsOnlyTheFirstFailure() {
        struct DiskFull: Error {}
        var failures = 0, attempts = 0
        let autosave = Autosave(interval: 3600, write: { _ in attempts += 1; throw DiskFull() }, failed: { _ in failures += 1 })
        for _ in 0..<5 { autosave.save(Notebook(cells: [])) }
        XCTAssertEqual(attempts, 1, "saves within the interval are skipped")
        autosave.save(Notebook(cells: []), force: true)
        XCTAssertEqual(attempts, 2)
        XCTAssertEqual(failures, 1)
    }
}
