import Foundation

/// Stops the kernel when the process that started it is gone, as ipykernel's parent poller does:
/// a frontend killed with SIGKILL cannot shut its kernel down, and an orphan would hold its ports,
/// its memory and a running cell forever. Polling `getppid` (not `PR_SET_PDEATHSIG`) because that
/// signal fires when the launching *thread* ends, and runners start kernels from worker threads.
public enum ParentWatch {
    /// Calls `orphaned` once, on a background thread, within `interval` of the parent's exit.
    public static func start(interval: TimeInterval = 0.2, orphaned: @escaping @Sendable (_ parent: pid_t) -> Void) {
        let parent = getppid()
        let thread = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: interval) }
            orphaned(parent)
        }
        thread.name = "parent-watch"
        thread.start()
    }
}
