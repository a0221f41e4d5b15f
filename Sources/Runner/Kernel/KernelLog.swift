import Foundation

/// A file that receives a kernel's own stdout and stderr, so its noise stays out of the runner's
/// output but its last words can be quoted when it fails to start or dies.
final class KernelLog: @unchecked Sendable {
    let path = NSTemporaryDirectory() + "propel-kernel-\(UUID().uuidString).log"

    /// The log's last lines, formatted to follow an error message; empty when there is nothing.
    func tail(lines count: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(count)
        guard !lines.isEmpty else { return "" }
        return "\nkernel output (last lines):\n" + lines.map { "  " + ANSI.strip(String($0)) }.joined(separator: "\n")
    }

    func remove() { unlink(path) }
}
