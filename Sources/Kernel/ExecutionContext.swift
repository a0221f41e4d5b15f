import Foundation
import JSON
import Jupyter

/// What a running cell can do to the outside world: write to stdout/stderr, display rich output,
/// clear output, page help text, ask for input. Handed to `Engine.execute`; thread-safe, so code
/// may also write from threads it started.
///
/// Stream text is coalesced: consecutive writes to one stream become one `stream` message, sent
/// when the stream changes, before any other output, after 50 ms, and before the reply — so a
/// chatty loop does not trip Jupyter servers' 1,000 messages/s iopub limit. When the request is
/// `silent`, nothing is broadcast at all.
public final class ExecutionContext: @unchecked Sendable {
    public let executionCount: Int
    public let silent: Bool
    public let allowStdin: Bool

    public enum StreamName: String, Sendable { case stdout, stderr }

    private let publish: (String, JSONValue) -> Void
    private let requestInput: (String, Bool) throws -> String
    private let lock = NSLock()
    private var pendingStream: StreamName?
    private var pendingText = ""
    private var flushScheduled = false
    private var payloads: [JSONValue] = []

    /// - `publish` sends one iopub message (type, content) attributed to the request.
    /// - `requestInput` asks the client (only called when `allowStdin`).
    init(executionCount: Int, silent: Bool, allowStdin: Bool, publish: @escaping (String, JSONValue) -> Void,
         requestInput: @escaping (String, Bool) throws -> String) {
        self.executionCount = executionCount
        self.silent = silent
        self.allowStdin = allowStdin
        self.publish = publish
        self.requestInput = requestInput
    }

    /// Appends `text` to stdout or stderr.
    public func stream(_ name: StreamName, _ text: String) {
        guard !silent, !text.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        if let pendingStream, pendingStream != name { flushLocked() }
        pendingStream = name
        pendingText += text
        if !flushScheduled {
            flushScheduled = true
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { [weak self] in self?.flush() }
        }
    }

    /// Shows `bundle`; with `update`, replaces the earlier output carrying the same `displayID`.
    public func display(_ bundle: MimeBundle, metadata: [String: JSONValue] = [:], displayID: String? = nil,
                        update: Bool = false) {
        guard !silent else { return }
        var content: [String: JSONValue] = ["data": .object(Self.jsonBundle(bundle)), "metadata": .object(metadata)]
        if let displayID { content["transient"] = ["display_id": .string(displayID)] }
        send(update && displayID != nil ? "update_display_data" : "display_data", .object(content))
    }

    /// Clears the cell's output; `wait` defers it until the next output arrives (no flicker).
    public func clearOutput(wait: Bool) {
        guard !silent else { return }
        send("clear_output", ["wait": .bool(wait)])
    }

    /// Sends `bundle` to the pager (help text): a `page` payload on the execute reply.
    public func page(_ bundle: MimeBundle) {
        lock.lock()
        payloads.append(["source": "page", "data": .object(Self.jsonBundle(bundle)), "start": 0])
        lock.unlock()
    }

    /// Asks the user for a line of text. Throws a clear error when the frontend cannot answer
    /// (`allow_stdin: false`), or when the wait is interrupted.
    public func input(prompt: String, password: Bool = false) throws -> String {
        guard allowStdin else {
            throw EngineError(ename: "StdinNotImplementedError",
                              evalue: "input was requested, but this frontend does not support input requests")
        }
        flush()
        return try requestInput(prompt, password)
    }

    /// Sends any coalesced stream text now.
    public func flush() {
        lock.lock()
        flushLocked()
        lock.unlock()
    }

    /// The payloads gathered for the reply.
    var replyPayloads: [JSONValue] {
        lock.lock()
        defer { lock.unlock() }
        return payloads
    }

    /// Publishes a non-stream output after the streams written before it.
    func send(_ msgType: String, _ content: JSONValue) {
        lock.lock()
        flushLocked()
        publish(msgType, content)
        lock.unlock()
    }

    private func flushLocked() {
        flushScheduled = false
        guard let name = pendingStream, !pendingText.isEmpty else { return }
        publish("stream", ["name": .string(name.rawValue), "text": .string(pendingText)])
        pendingStream = nil
        pendingText = ""
    }

    /// JSON MIME types carry JSON, not a string of it (nbformat and frontends expect the object).
    static func jsonBundle(_ bundle: MimeBundle) -> [String: JSONValue] {
        bundle.reduce(into: [:]) { result, entry in
            let isJSON = entry.key == "application/json" || entry.key.hasSuffix("+json")
            if isJSON, let parsed = try? JSONParser.parse(entry.value) {
                result[entry.key] = parsed
            } else {
                result[entry.key] = .string(entry.value)
            }
        }
    }
}
