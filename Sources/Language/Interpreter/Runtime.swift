import Foundation
import Synchronization

/// Hot counters kept behind a pointer so compiled code updates them without exclusivity checks.
struct Counters {
    /// Ticks left before the next (slower) check of the interrupt flag and step limit.
    var budget = Runtime.checkInterval
    var depth = 0
    var steps = 0
    var outputBytes = 0
    var outputTruncated = false
}

/// The state running code shares: globals, builtins, the host, interruption and limits.
final class Runtime {
    static let checkInterval = 64

    let globals: Globals
    let options: SessionOptions
    let counters: UnsafeMutablePointer<Counters>
    /// Where stores to a name the resolver could not bind go (such code never runs: the cell fails first).
    let scratchSlot: UnsafeMutablePointer<Value>
    let interruptRequested = Atomic<Bool>(false)
    var builtins: [Value] = []
    var builtinNames: [String: Int] = [:]
    var host: Host = SilentHost()

    init(options: SessionOptions) {
        self.options = options
        globals = Globals(capacity: options.maxGlobals)
        counters = .allocate(capacity: 1)
        scratchSlot = .allocate(capacity: 1)
        scratchSlot.initialize(to: .null)
        counters.initialize(to: Counters())
    }

    deinit {
        counters.deinitialize(count: 1)
        counters.deallocate()
        scratchSlot.deinitialize(count: 1)
        scratchSlot.deallocate()
    }

    func addBuiltin(_ name: String, _ value: Value) {
        if let i = builtinNames[name] { builtins[i] = value; return }
        builtinNames[name] = builtins.count
        builtins.append(value)
    }

    /// Called on every loop back-edge and function call; cheap except every `checkInterval` ticks.
    @inline(__always) func tick() throws {
        counters.pointee.budget &-= 1
        if counters.pointee.budget < 0 { try slowTick() }
    }

    @inline(never) func slowTick() throws {
        counters.pointee.budget = Runtime.checkInterval
        counters.pointee.steps &+= Runtime.checkInterval
        try checkInterrupt()
        if let limit = options.stepLimit, counters.pointee.steps > limit {
            throw LanguageError("Interrupted", "step limit of \(limit) exceeded")
        }
    }

    func checkInterrupt() throws {
        if interruptRequested.load(ordering: .relaxed) {
            interruptRequested.store(false, ordering: .relaxed)
            throw LanguageError.interrupted
        }
    }

    func resetForCell(host: Host) {
        self.host = host
        counters.pointee = Counters()
    }

    // MARK: output

    /// Writes program output, enforcing the per-cell output limit.
    func write(_ text: String, to stream: StandardStream) {
        if counters.pointee.outputTruncated { return }
        let size = text.utf8.count
        let limit = options.maxOutputBytes
        if counters.pointee.outputBytes + size > limit {
            let room = max(0, limit - counters.pointee.outputBytes)
            let head = String(decoding: text.utf8.prefix(room), as: UTF8.self)
            host.write(head, to: stream)
            host.write("\n… output truncated: this cell wrote more than \(limit) bytes; the rest is not shown\n", to: .error)
            counters.pointee.outputTruncated = true
            counters.pointee.outputBytes = limit
            return
        }
        counters.pointee.outputBytes += size
        host.write(text, to: stream)
    }

    /// Sleeps in small steps so an interrupt stops it promptly.
    func sleep(seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            try checkInterrupt()
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return }
            Thread.sleep(forTimeInterval: min(left, 0.01))
        }
    }
}

/// A host that discards everything (used before a cell sets the real one, and by `evaluate`).
final class SilentHost: Host {
    func write(_ text: String, to stream: StandardStream) {}
    func display(_ bundle: MimeBundle, id: String?, update: Bool) {}
    func clearOutput(wait: Bool) {}
    func page(_ bundle: MimeBundle) {}
    func readLine(prompt: String, password: Bool) throws -> String {
        throw LanguageError("StdinNotAllowed", "input(_:) is not available here: the frontend does not accept input")
    }
}
