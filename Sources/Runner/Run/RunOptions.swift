/// Everything `propel run` was asked to do, already validated.
public struct RunOptions: Sendable {
    public enum Destination: Equatable, Sendable {
        case directory(String)
        case inPlace
    }

    public var destination: Destination = .directory("out")
    public var kernel: String?
    /// Parameters in papermill's precedence order (-f files, -y, -p, -r; later wins).
    public var parameters: [(name: String, input: ParameterInput)] = []
    public var execution = NotebookExecutor.Options()
    public var startupTimeout: Double = 60
    public var workingDirectory: String?
    public var logOutput = false
    public var jobs = 1
    public var report: String?
    public var htmlDirectory: String?
    /// Seconds between saves of an output notebook while it runs; nil: only when it finishes.
    public var autosaveInterval: Double? = 10

    public init() {}
}
