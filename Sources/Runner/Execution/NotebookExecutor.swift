import Foundation
import JSON
import Notebook

/// Runs a notebook's code cells in order on one kernel, nbclient-style, and fills in outputs,
/// execution counts and timing metadata. Whatever happens, the notebook it leaves behind is
/// complete and writable: partial outputs, the error, and untouched later cells.
public struct NotebookExecutor {
    public static let skipTag = "skip-execution"
    public static let raisesTag = "raises-exception"

    public struct Options: Sendable {
        public var cellTimeout: Double?
        public var totalTimeout: Double?
        public var allowErrors: Bool
        /// How long to wait for the reply after interrupting a timed-out cell.
        public var interruptGrace: Double

        public init(cellTimeout: Double? = nil, totalTimeout: Double? = nil, allowErrors: Bool = false, interruptGrace: Double = 3) {
            self.cellTimeout = cellTimeout
            self.totalTimeout = totalTimeout
            self.allowErrors = allowErrors
            self.interruptGrace = interruptGrace
        }
    }

    public struct Outcome: Equatable, Sendable {
        public var status: RunStatus
        /// The failure that ended the run.
        public var failure: CellFailure?
        /// Errors that did not stop it (`--allow-errors`).
        public var allowedErrors: [CellFailure]
        public var executedCells: Int
        public var plannedCells: Int
    }

    public var options: Options
    public weak var observer: ExecutionObserver?
    /// Saves the notebook as it runs: before the first cell, after cells, and during long ones.
    public var autosave: Autosave?

    public init(options: Options, observer: ExecutionObserver? = nil, autosave: Autosave? = nil) {
        self.options = options
        self.observer = observer
        self.autosave = autosave
    }

    /// Whether a cell runs: code, not blank (nbclient skips blank cells), not tagged `skip-execution`.
    public static func runs(_ cell: Cell) -> Bool {
        cell.kind == .code && !cell.source.allSatisfy(\.isWhitespace) && !cell.tags.contains(skipTag)
    }

    public func run(_ notebook: inout Notebook, on kernel: KernelSession) -> Outcome {
        let started = Date()
        let clock = ContinuousClock()
        let totalDeadline = options.totalTimeout.map { clock.now + .seconds($0) }
        for index in notebook.cells.indices where notebook.cells[index].kind == .code {
            notebook.cells[index].outputs = []
            notebook.cells[index].executionCount = nil
            notebook.cells[index].metadata["execution"] = nil
        }
        if let info = kernel.languageInfo { notebook.metadata["language_info"] = info }
        autosave?.save(notebook, force: true)

        let planned = notebook.cells.indices.filter { Self.runs(notebook.cells[$0]) }
        var outcome = Outcome(status: .ok, failure: nil, allowedErrors: [], executedCells: 0, plannedCells: planned.count)
        var collector = OutputCollector()
        for (position, index) in planned.enumerated() {
            observer?.cellStarted(index: index, position: position + 1, of: planned.count)
            let cellStart = clock.now
            var deadline = options.cellTimeout.map { cellStart + .seconds($0) }
            if let totalDeadline { deadline = min(deadline ?? totalDeadline, totalDeadline) }
            let failure = runCell(index, in: &notebook, on: kernel, deadline: deadline, totalDeadline: totalDeadline, collector: &collector, count: position + 1)
            outcome.executedCells += 1
            let elapsed = clock.now - cellStart
            observer?.cellFinished(index: index, position: position + 1, of: planned.count, seconds: elapsed.seconds, failure: failure?.failure)
            autosave?.save(notebook)
            guard let failure else { continue }
            if failure.status == .cellError, options.allowErrors {
                outcome.allowedErrors.append(failure.failure)
                continue
            }
            outcome.status = failure.status
            outcome.failure = failure.failure
            break
        }
        recordPapermillMetadata(&notebook, started: started, failed: outcome.status != .ok)
        return outcome
    }

    /// Runs one cell; nil when it succeeded or raised an error its `raises-exception` tag expects.
    private func runCell(
        _ index: Int, in notebook: inout Notebook, on kernel: KernelSession, deadline: ContinuousClock.Instant?,
        totalDeadline: ContinuousClock.Instant?, collector: inout OutputCollector, count: Int
    ) -> (status: RunStatus, failure: CellFailure)? {
        var timing: [String: JSONValue] = [:]
        let observer = self.observer
        func deliver(_ message: KernelMessage) {
            let stamp = JSONValue.string(message.date ?? Timestamp.now())
            switch message.type {
            case "status":
                let state = message.content["execution_state"]?.stringValue
                if state == "busy", timing["iopub.status.busy"] == nil { timing["iopub.status.busy"] = stamp }
                if state == "idle" { timing["iopub.status.idle"] = stamp }
            case "execute_input":
                timing["iopub.execute_input"] = stamp
            default:
                if let output = collector.apply(message, cell: index, in: &notebook) { observer?.cellOutput(output, index: index) }
            }
        }
        defer {
            if !timing.isEmpty { notebook.cells[index].metadata["execution"] = .object(timing) }
        }

        /// Waits in slices of the autosave interval, saving between them, until `deadline`.
        func waitSaving(for pending: PendingExecution, until deadline: ContinuousClock.Instant?) -> ExecutionWait {
            guard let autosave else { return pending.wait(until: deadline, onMessage: deliver) }
            while true {
                let slice = ContinuousClock().now + .seconds(autosave.interval)
                let result = pending.wait(until: deadline.map { min($0, slice) } ?? slice, onMessage: deliver)
                if result != .timedOut || deadline.map({ ContinuousClock().now >= $0 }) == true { return result }
                autosave.save(notebook)
            }
        }

        let wait: ExecutionWait
        do {
            let pending = try kernel.execute(notebook.cells[index].source)
            var first = waitSaving(for: pending, until: deadline)
            if first == .timedOut {
                kernel.interrupt()
                let grace = ContinuousClock().now + .seconds(options.interruptGrace)
                if case .reply(let content, let date) = pending.wait(until: grace, onMessage: deliver) {
                    timing["shell.execute_reply"] = .string(date ?? Timestamp.now())
                    notebook.cells[index].executionCount = content["execution_count"]?.intValue ?? count
                }
                first = .timedOut
            }
            wait = first
        } catch {
            wait = .died(reason: "\(error)")
        }

        let cell = notebook.cells[index]
        func failure(_ kind: CellFailure.Kind, _ ename: String, _ evalue: String, _ traceback: [String]) -> CellFailure {
            var stdout = "", stderr = ""
            for case .stream(let name, let text) in notebook.cells[index].outputs {
                if name == "stderr" { stderr += text } else { stdout += text }
            }
            return CellFailure(
                kind: kind, cellIndex: index, cellID: cell.id, executionCount: notebook.cells[index].executionCount, source: cell.source,
                ename: ename, evalue: evalue, traceback: traceback, stdout: stdout, stderr: stderr)
        }

        switch wait {
        case .reply(let content, let date):
            timing["shell.execute_reply"] = .string(date ?? Timestamp.now())
            // Clients that do not pass status messages on: the kernel goes busy right before
            // execute_input, and the wait ends the moment idle arrives.
            if timing["iopub.status.busy"] == nil { timing["iopub.status.busy"] = timing["iopub.execute_input"] }
            if timing["iopub.status.idle"] == nil { timing["iopub.status.idle"] = .string(Timestamp.now()) }
            notebook.cells[index].executionCount = content["execution_count"]?.intValue ?? count
            let status = content["status"]?.stringValue ?? "ok"
            guard status != "ok" else { return nil }
            if cell.tags.contains(Self.raisesTag) { return nil }
            let ename = content["ename"]?.stringValue ?? (status == "aborted" ? "ExecutionAborted" : "Error")
            let evalue = content["evalue"]?.stringValue ?? ""
            let traceback = content["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return (.cellError, failure(.error, ename, evalue, traceback))
        case .timedOut:
            let total = totalDeadline.map { ContinuousClock().now >= $0 } ?? false
            let seconds = (total ? options.totalTimeout : options.cellTimeout) ?? 0
            let what = total ? "The notebook ran past --total-timeout" : "The cell ran past --timeout"
            let evalue = "\(what) \(Timestamp.seconds(seconds)); the kernel was interrupted"
            // Where the interrupt caught the cell, if the kernel said.
            var whereInterrupted: [String] = []
            for case .error(_, _, let traceback) in notebook.cells[index].outputs { whereInterrupted = traceback }
            notebook.cells[index].outputs.append(.error(ename: "CellTimeoutError", evalue: evalue, traceback: ["CellTimeoutError: \(evalue)"]))
            return (.timeout, failure(.timeout(seconds: seconds, total: total), "CellTimeoutError", evalue, whereInterrupted))
        case .died(let reason):
            let evalue = "The kernel died while running this cell (\(reason))"
            notebook.cells[index].outputs.append(.error(ename: "DeadKernelError", evalue: evalue, traceback: ["DeadKernelError: \(evalue)"]))
            return (.kernelDied, failure(.kernelDied(reason: reason), "DeadKernelError", evalue, []))
        case .cancelled(let signal):
            return (.cancelled(signal: signal), failure(.error, "Cancelled", "the runner received signal \(signal)", []))
        }
    }

    /// papermill's notebook-level metadata, so tools that read it (scrapbook, dashboards) work.
    private func recordPapermillMetadata(_ notebook: inout Notebook, started: Date, failed: Bool) {
        var papermill = notebook.metadata["papermill"]?.objectValue ?? [:]
        let ended = Date()
        papermill["start_time"] = .string(Timestamp.iso(started))
        papermill["end_time"] = .string(Timestamp.iso(ended))
        papermill["duration"] = .double(ended.timeIntervalSince(started))
        papermill["exception"] = .bool(failed)
        if papermill["parameters"] == nil { papermill["parameters"] = .object([:]) }
        notebook.metadata["papermill"] = .object(papermill)
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
