/// What went wrong starting or talking to a kernel.
public enum KernelClientError: Error, CustomStringConvertible, Equatable, Sendable {
    case noSuchKernel(name: String, searched: [String])
    case invalidKernelSpec(path: String, reason: String)
    case spawnFailed(command: String, reason: String)
    /// The kernel process exited; `status` is what `waitpid` reported in shell terms (code, or 128+signal).
    case kernelDied(status: Int32)
    case timeout(String)
    case protocolError(String)

    public var description: String {
        switch self {
        case .noSuchKernel(let name, let searched):
            return "no kernel named \"\(name)\"; searched \(searched.joined(separator: ", "))"
        case .invalidKernelSpec(let path, let reason): return "invalid kernelspec \(path): \(reason)"
        case .spawnFailed(let command, let reason): return "could not start kernel `\(command)`: \(reason)"
        case .kernelDied(let status): return "the kernel died (exit status \(status))"
        case .timeout(let what): return "timed out waiting for \(what)"
        case .protocolError(let what): return "kernel protocol error: \(what)"
        }
    }
}
