import Notebook

/// The result of running one notebook, what every report is made from.
public struct NotebookResult: Sendable {
    public var input: String
    /// Where the executed notebook was written, if it was.
    public var output: String?
    public var status: RunStatus
    public var failure: CellFailure?
    public var allowedErrors: [CellFailure]
    public var executedCells: Int
    public var plannedCells: Int
    public var seconds: Double
    /// Why the run could not start (bad input, usage, kernel start), when there is no cell to blame.
    public var message: String?
    /// The executed notebook (for the HTML page).
    public var notebook: Notebook?

    public init(
        input: String, output: String? = nil, status: RunStatus, failure: CellFailure? = nil, allowedErrors: [CellFailure] = [],
        executedCells: Int = 0, plannedCells: Int = 0, seconds: Double = 0, message: String? = nil, notebook: Notebook? = nil
    ) {
        self.input = input
        self.output = output
        self.status = status
        self.failure = failure
        self.allowedErrors = allowedErrors
        self.executedCells = executedCells
        self.plannedCells = plannedCells
        self.seconds = seconds
        self.message = message
        self.notebook = notebook
    }

    /// What went wrong, in one phrase.
    public var problem: String? {
        if let failure {
            switch failure.kind {
            case .error: return failure.headline
            case .timeout(let s, let total): return total ? "notebook ran past --total-timeout \(Timestamp.seconds(s))" : "cell ran past --timeout \(Timestamp.seconds(s))"
            case .kernelDied(let reason): return "the kernel died (\(reason))"
            }
        }
        return message
    }

    /// The one summary line per notebook, e.g.
    /// `FAILED nb.ipynb cell 2 (id d8b2b974, In [2]): ZeroDivisionError: division by zero (0.98 s)`.
    public var summaryLine: String {
        let time = String(format: "%.2f s", seconds)
        let written = output.map { " → \($0)" } ?? ""
        if status == .ok {
            let errors = allowedErrors.isEmpty ? "" : ", \(allowedErrors.count) allowed error\(allowedErrors.count == 1 ? "" : "s")"
            return "OK \(input): \(executedCells) cell\(executedCells == 1 ? "" : "s")\(errors) (\(time))\(written)"
        }
        let cell = failure.map { " \($0.cellLabel)" } ?? ""
        return "\(status.label) \(input)\(cell): \(problem ?? "failed") (\(time))\(written)"
    }
}
