import CZeroMQ
import Foundation

/// A one-shot kernel timer a thread waits on with `poll` (Linux timerfd). Arming and disarming
/// are single system calls that wake nobody, so a thread can ask "wake the other thread if I am
/// still busy in 5 ms" before every request and pay nothing when it is done sooner — where a
/// condition variable or a dispatch timer would cost a thread switch each time.
final class DeadlineTimer: @unchecked Sendable {
    let descriptor: Int32

    init() {
        descriptor = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_CLOEXEC) | Int32(TFD_NONBLOCK))
        precondition(descriptor >= 0, "cannot create a timer: \(String(cString: strerror(errno)))")
    }

    deinit { close(descriptor) }

    /// Makes `descriptor` readable after `nanoseconds` (at least 1: zero would disarm), replacing
    /// any earlier deadline.
    func arm(after nanoseconds: Int) {
        set(max(1, nanoseconds))
    }

    /// Cancels the deadline, and forgets an expiry nobody has read yet.
    func disarm() { set(0) }

    /// Forgets an expiry (call before looking at what it was about).
    func clear() {
        var expirations: UInt64 = 0
        _ = read(descriptor, &expirations, MemoryLayout<UInt64>.size)
    }

    private func set(_ nanoseconds: Int) {
        var deadline = itimerspec()
        deadline.it_value = timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
        _ = timerfd_settime(descriptor, 0, &deadline, nil)
    }
}
