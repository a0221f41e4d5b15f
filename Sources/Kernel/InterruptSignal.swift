import Foundation

/// SIGINT as an interrupt, not a death: jupyter_client sends it in signal mode and before every
/// shutdown. It is blocked in every thread and taken synchronously by one watcher thread with
/// `sigwait`, so no code runs in signal-handler context and no poll sees EINTR from it.
public enum InterruptSignal {
    /// Blocks SIGINT in the calling thread and every thread it starts afterwards. Call it first in
    /// `main`, before any thread exists, or a thread that left it unblocked would take the signal.
    public static func block() {
        var set = interruptSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Starts the watcher thread: `handler` runs on it for every SIGINT. Call after `block()`.
    public static func watch(_ handler: @escaping @Sendable () -> Void) {
        let thread = Thread {
            var set = interruptSet()
            var received: Int32 = 0
            while true {
                if sigwait(&set, &received) == 0 && received == SIGINT { handler() }
            }
        }
        thread.name = "sigint"
        thread.start()
    }

    private static func interruptSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        return set
    }
}
