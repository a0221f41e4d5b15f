import Foundation
import JSON
import Jupyter

/// Runs shell requests in order against the engine, each wrapped in `status: busy` …
/// `status: idle`, the reply sent before idle.
///
/// One thread at a time runs requests (the one holding the queue's right to run them; the hand-over
/// goes through the queue's lock), so the engine needs no locking besides `interrupt`.
final class Executor: @unchecked Sendable {
    let engine: Engine
    let queue = RequestQueue()
    let publisher: IOPubPublisher
    let session: Session
    let history = History()
    let inputs = InputBroker()
    let log: KernelLog
    /// Sends a reply on the channel the request came from (shell).
    let reply: (_ request: Message, _ msgType: String, _ content: JSONValue) -> Void
    /// Sends an input_request on stdin.
    let sendInputRequest: (Message) -> Void
    /// A shutdown_request arrived on shell (protocol ≤ 5.3 clients send it there).
    let shutdown: (_ request: Message) -> Void
    /// Moves requests waiting on the shell socket into `queue` (before stop_on_error decides what to abort).
    var drainShell: () -> Void = {}

    /// One counter for execute_input, execute_result and execute_reply: stored executions so far.
    private(set) var executionCount = 0
    /// Executes taken off the queue by a failure with stop_on_error, answered after its idle.
    var abandoned: [Message] = []
    private let runLock = NSLock()
    private var running = false

    init(engine: Engine, publisher: IOPubPublisher, session: Session, log: @escaping KernelLog,
         reply: @escaping (Message, String, JSONValue) -> Void, sendInputRequest: @escaping (Message) -> Void,
         shutdown: @escaping (Message) -> Void) {
        self.engine = engine
        self.publisher = publisher
        self.session = session
        self.log = log
        self.reply = reply
        self.sendInputRequest = sendInputRequest
        self.shutdown = shutdown
    }

    /// Runs the queued requests in order; call only while holding the queue's right to run them
    /// (`queue.claim()`), which this gives back when the queue is empty.
    func runQueued() {
        while let request = queue.next() { handle(request) }
    }

    /// Stops the running cell and any input wait. Called from the control and signal threads.
    func interrupt() {
        runLock.lock()
        if running { engine.interrupt() }
        runLock.unlock()
        inputs.cancel(EngineError(ename: "KeyboardInterrupt", evalue: "interrupted while waiting for input"))
    }

    /// Stops taking requests (the queued ones are dropped: the kernel is going away).
    func stop() {
        queue.close()
        inputs.cancel(EngineError(ename: "KernelShutdown", evalue: "the kernel is shutting down"))
    }

    func handle(_ request: Message) {
        serve(request)
        abort(abandoned)
        abandoned = []
    }

    private func serve(_ request: Message) {
        publisher.status(.busy, parent: request)
        defer { publisher.status(.idle, parent: request) }
        do {
            switch request.msgType {
            case "execute_request": try execute(request)
            case "complete_request": try complete(request)
            case "inspect_request": try inspect(request)
            case "is_complete_request": try isComplete(request)
            case "history_request": try historyReply(request)
            case "comm_info_request": reply(request, "comm_info_reply", ["status": "ok", "comms": [:]])
            case "comm_open": try refuseComm(request)
            case "comm_msg", "comm_close": break  // no comms are ever open
            case "shutdown_request": shutdown(request)
            default: log("ignored \(request.msgType) on shell: unknown message type")
            }
        } catch {
            log("bad \(request.msgType): \(error)")
            if request.msgType.hasSuffix("_request") {
                let type = String(request.msgType.dropLast("_request".count)) + "_reply"
                reply(request, type, ["status": "error", "ename": "BadRequest", "evalue": .string("\(error)"),
                                      "traceback": [.string("\(error)")]])
            }
        }
    }

    /// Runs `body` with the engine marked as running, so interrupts reach it and only it.
    func whileRunning<T>(_ body: () -> T) -> T {
        runLock.lock()
        running = true
        runLock.unlock()
        defer {
            runLock.lock()
            running = false
            runLock.unlock()
        }
        return body()
    }

    func nextExecutionCount(stored: Bool) -> Int {
        if stored { executionCount += 1 }
        return executionCount
    }
}
