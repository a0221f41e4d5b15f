import Foundation
import JSON
import Jupyter

/// Runs shell requests in order against the engine, each wrapped in `status: busy` …
/// `status: idle`, the reply sent before idle.
///
/// The messages that open a request (busy, execute_input) and those that close it (result or
/// error, reply, idle) are made first and then sent back to back from an outbox: ZeroMQ's I/O
/// thread then wakes once for each group and the client gets each group in one read, instead of
/// a wake-up on both sides per message. Outputs made while a cell runs leave at once.
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
    /// Encodes a reply for shell (routed by its identities) and returns what sends it.
    let prepareReply: (_ message: Message) -> () -> Void
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
    /// Messages made and not yet sent, in order (`sendOutbox`).
    private var outbox: [() -> Void] = []
    private let runLock = NSLock()
    private var running = false

    init(engine: Engine, publisher: IOPubPublisher, session: Session, log: @escaping KernelLog,
         prepareReply: @escaping (Message) -> () -> Void, sendInputRequest: @escaping (Message) -> Void,
         shutdown: @escaping (Message) -> Void) {
        self.engine = engine
        self.publisher = publisher
        self.session = session
        self.log = log
        self.prepareReply = prepareReply
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
        publishLater("status", IOPubPublisher.status(.busy), parent: request)
        // An execute sends busy together with execute_input, once it has read the request.
        if request.msgType != "execute_request" { sendOutbox() }
        defer {
            publishLater("status", IOPubPublisher.status(.idle), parent: request)
            sendOutbox()
        }
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

    /// Queues a reply to `request` (sent by `sendOutbox`).
    func reply(_ request: Message, _ msgType: String, _ content: JSONValue) {
        outbox.append(prepareReply(session.message(msgType, content: content, parent: request)))
    }

    /// Queues an iopub message about `request` (sent by `sendOutbox`).
    func publishLater(_ msgType: String, _ content: JSONValue, parent request: Message) {
        outbox.append(publisher.prepare(msgType, content, parent: request))
    }

    /// Sends the queued messages in order. Called before anything that may take long (running a
    /// cell) and at the end of each request.
    func sendOutbox() {
        let sends = outbox
        outbox = []
        for send in sends { send() }
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
