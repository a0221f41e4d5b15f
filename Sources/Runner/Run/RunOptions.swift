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

    public init() {}
}
