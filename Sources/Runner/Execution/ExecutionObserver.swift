import Notebook

/// Receives progress as a notebook runs (progress bar, per-cell lines, `--log-output`).
public protocol ExecutionObserver: AnyObject {
    /// `position` counts the cells that will run, from 1.
    func cellStarted(index: Int, position: Int, of total: Int)
    func cellOutput(_ output: Output, index: Int)
    func cellFinished(index: Int, position: Int, of total: Int, seconds: Double, failure: CellFailure?)
}
