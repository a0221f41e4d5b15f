import Foundation
import JSON
import Jupyter

/// The requests that ask about code without running it, and comms.
extension Executor {
    func complete(_ request: Message) throws {
        let content = try request.decodeContent(CompleteRequest.self)
        let cursor = Self.clamp(content.cursorPos, content.code)
        let completion = engine.complete(content.code, cursorPosition: cursor)
        reply(request, "complete_reply", try JSONValue(encoding: CompleteReply(
            matches: completion.matches, cursorStart: completion.start, cursorEnd: completion.end)))
    }

    func inspect(_ request: Message) throws {
        let content = try request.decodeContent(InspectRequest.self)
        let bundle = engine.inspect(content.code, cursorPosition: Self.clamp(content.cursorPos, content.code),
                                    detailLevel: content.detailLevel)
        reply(request, "inspect_reply", try JSONValue(encoding: InspectReply(
            found: bundle != nil, data: bundle.map(ExecutionContext.jsonBundle) ?? [:])))
    }

    func isComplete(_ request: Message) throws {
        let content = try request.decodeContent(IsCompleteRequest.self)
        let answer: IsCompleteReply
        switch engine.isComplete(content.code) {
        case .complete: answer = IsCompleteReply(status: "complete")
        case .incomplete(let indent): answer = IsCompleteReply(status: "incomplete", indent: indent)
        case .invalid: answer = IsCompleteReply(status: "invalid")
        case .unknown: answer = IsCompleteReply(status: "unknown")
        }
        var body = try JSONValue(encoding: answer)
        body["status"] = .string(answer.status)
        reply(request, "is_complete_reply", body)
    }

    func historyReply(_ request: Message) throws {
        let content = try request.decodeContent(HistoryRequest.self)
        reply(request, "history_reply", try JSONValue(encoding: history.reply(to: content)))
    }

    /// No comm targets exist: a comm_open is answered with comm_close so the frontend does not wait.
    func refuseComm(_ request: Message) throws {
        let content = try request.decodeContent(CommContent.self)
        log("comm_open for unknown target \(content.targetName ?? "(none)"); closing comm \(content.commID)")
        publishLater("comm_close", ["comm_id": .string(content.commID), "data": [:]], parent: request)
    }

    /// Cursor positions are Unicode scalar offsets; out-of-range ones are pinned to the code.
    static func clamp(_ cursor: Int, _ code: String) -> Int {
        min(max(0, cursor), code.unicodeScalars.count)
    }
}
