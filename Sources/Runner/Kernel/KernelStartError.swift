/// Why a kernel could not be started; the runner exits with `RunStatus.kernelStartFailed`.
public enum KernelStartError: Error, CustomStringConvertible, Equatable {
    case notFound(name: String, searched: [String])
    case failed(String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            return "no kernel named '\(name)' (searched \(searched.joined(separator: ", ")); list them with `jupyter kernelspec list`)"
        case .failed(let reason): return reason
        }
    }
}
