/// What the runner knows of a kernelspec before starting it.
public struct KernelSpecInfo: Equatable, Sendable {
    public var name: String
    public var displayName: String
    /// The kernelspec's `language`, which picks the parameter translator.
    public var language: String?
    /// The kernelspec's folder, when it came from disk.
    public var directory: String?

    public init(name: String, displayName: String, language: String?, directory: String? = nil) {
        self.name = name
        self.displayName = displayName
        self.language = language
        self.directory = directory
    }
}

/// Finds kernelspecs and starts kernels. The real one goes through the Jupyter client; tests
/// use a scripted one.
public protocol KernelLauncher: Sendable {
    /// The kernelspec called `name`, or `KernelStartError.notFound`.
    func find(_ name: String) throws -> KernelSpecInfo
    /// Starts the kernel with its working directory set to `directory` and waits until it answers
    /// `kernel_info`, at most `startupTimeout` seconds (`KernelStartError.failed` otherwise).
    func start(_ spec: KernelSpecInfo, directory: String, startupTimeout: Double) throws -> KernelSession
}
