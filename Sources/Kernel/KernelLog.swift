import Foundation
import Jupyter

/// Where the kernel reports what it refused or could not do. Jupyter servers capture a kernel's
/// stderr into their log, so that is the default; tests pass their own sink to check what was logged.
public typealias KernelLog = @Sendable (String) -> Void

public enum KernelLogs {
    /// Writes `[propel kernel <time>] message` lines to stderr.
    public static let standardError: KernelLog = { message in
        FileHandle.standardError.write(Data("[propel kernel \(Timestamp.now())] \(message)\n".utf8))
    }
}
