import Notebook

/// Writes the output notebook while it runs, so a runner killed without warning (CI's time limit
/// sends SIGKILL) still leaves every output produced so far. Rewriting a notebook costs time in
/// proportion to its size, so saves back off (papermill#454/#458): never sooner than `interval`
/// after the last one, nor sooner than ten times the last write's duration.
public final class Autosave {
    /// Seconds between saves; the executor also wakes this often during a long cell.
    public let interval: Double
    private let write: (Notebook) throws -> Void
    private let clock = ContinuousClock()
    private var lastSave: ContinuousClock.Instant?
    private var backoff: Duration = .zero
    private var reportedFailure = false
    private let failed: (Error) -> Void

    /// `failed` hears of the first write that fails (later ones are tried silently).
    public init(interval: Double, write: @escaping (Notebook) throws -> Void, failed: @escaping (Error) -> Void) {
        self.interval = interval
        self.write = write
        self.failed = failed
    }

    /// Saves when the last save is at least `interval` (and the back-off) ago, or always if `force`.
    public func save(_ notebook: Notebook, force: Bool = false) {
        let now = clock.now
        if !force, let lastSave, now - lastSave < max(.seconds(interval), backoff) { return }
        do {
            try write(notebook)
        } catch {
            if !reportedFailure { failed(error) }
            reportedFailure = true
        }
        lastSave = clock.now
        backoff = (clock.now - now) * 10
    }
}
