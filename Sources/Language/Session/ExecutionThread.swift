import Foundation

/// The one thread a session's code runs on, with the interpreter's large stack (deep recursion
/// must end in `RecursionError`, not overflow the caller's stack). It is started on first use
/// and kept: starting a thread and mapping its stack for every cell cost more than a small cell.
/// A caller whose own thread has a stack that large (a kernel's execution thread) runs cells
/// inline instead: two thread switches per cell cost more than a small cell too.
final class ExecutionThread: @unchecked Sendable {
    /// What the thread and its owner share; the thread holds only this, so the owner can go away.
    private final class Mailbox: @unchecked Sendable {
        let lock = NSLock()
        let posted = DispatchSemaphore(value: 0)
        var jobs: [(() -> Void)?] = []
        var thread: Thread?
    }

    private let mailbox = Mailbox()
    let stackSize: Int

    init(stackSize: Int) { self.stackSize = stackSize }

    /// Ends the thread once it has finished what was posted.
    deinit { post(nil) }

    /// Runs `body` on the thread and returns its result; inline when already on it, or when the
    /// calling thread's stack is at least `stackSize`.
    func run<T>(_ body: @escaping () -> T) -> T {
        mailbox.lock.lock()
        let onThread = mailbox.thread.map { Thread.current == $0 } ?? false
        mailbox.lock.unlock()
        if onThread || Self.callerStackSize() >= stackSize { return body() }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        post {
            box.value = body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private func post(_ job: (() -> Void)?) {
        let mailbox = self.mailbox
        mailbox.lock.lock()
        if mailbox.thread == nil, job != nil {
            let thread = Thread {
                while true {
                    mailbox.posted.wait()
                    mailbox.lock.lock()
                    let next = mailbox.jobs.removeFirst()
                    mailbox.lock.unlock()
                    guard let next else { return }
                    next()
                }
            }
            thread.stackSize = stackSize
            thread.name = "propel-execution"
            mailbox.thread = thread
            thread.start()
        }
        // Read under the lock: another thread may be starting the thread as this one posts.
        let running = mailbox.thread != nil
        if running { mailbox.jobs.append(job) }
        mailbox.lock.unlock()
        if running { mailbox.posted.signal() }
    }
}

extension ExecutionThread {
    /// The calling thread's stack size as Foundation created it (a thread started elsewhere
    /// reports the default attributes' size, never more than it has; the main thread counts as 0).
    static func callerStackSize() -> Int {
        Thread.isMainThread ? 0 : Thread.current.stackSize
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
