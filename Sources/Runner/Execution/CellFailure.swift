/// What went wrong in one cell, with everything the error report and the CI reports show.
public struct CellFailure: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case error
        case timeout(seconds: Double, total: Bool)
        case kernelDied(reason: String)
    }

    public var kind: Kind
    public var cellIndex: Int
    public var cellID: String
    public var executionCount: Int?
    public var source: String
    public var ename: String
    public var evalue: String
    public var traceback: [String]
    public var stdout: String
    public var stderr: String

    public init(
        kind: Kind, cellIndex: Int, cellID: String, executionCount: Int?, source: String, ename: String, evalue: String,
        traceback: [String], stdout: String = "", stderr: String = ""
    ) {
        self.kind = kind
        self.cellIndex = cellIndex
        self.cellID = cellID
        self.executionCount = executionCount
        self.source = source
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
        self.stdout = stdout
        self.stderr = stderr
    }

    /// `ZeroDivisionError: division by zero`.
    public var headline: String { evalue.isEmpty ? ename : "\(ename): \(evalue)" }

    /// `cell 2 (id d8b2b974, In [2])`, how every message names the cell.
    public var cellLabel: String {
        "cell \(cellIndex + 1) (id \(cellID), In [\(executionCount.map(String.init) ?? " ")])"
    }
}
