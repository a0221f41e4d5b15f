import Foundation
import JSON
import Jupyter

extension Executor {
    /// execute_request: execute_input, outputs, execute_result or one error, the reply; then
    /// history, and on failure with stop_on_error the queued executes are aborted.
    func execute(_ request: Message) throws {
        let content = try ExecuteRequest(content: request.content)
        let stored = content.storeHistory && !content.silent
        let count = nextExecutionCount(stored: stored)
        if !content.silent {
            publishLater("execute_input", ["code": .string(content.code), "execution_count": .int(count)], parent: request)
        }
        sendOutbox()
        let publish: (String, JSONValue) -> Void = { [publisher] type, body in publisher.publish(type, body, parent: request) }
        let context = ExecutionContext(executionCount: count, silent: content.silent, allowStdin: content.allowStdin,
                                       publish: publish) { [self] prompt, password in
            try askInput(prompt: prompt, password: password, for: request)
        }
        let outcome = whileRunning { engine.execute(content.code, context: context) }
        context.flush()

        var body: [String: JSONValue] = ["execution_count": .int(count), "payload": .array(context.replyPayloads)]
        var output: String?
        switch outcome {
        case .ok(let value):
            if let value, !content.silent {
                publishLater("execute_result", ["execution_count": .int(count),
                                                "data": .object(ExecutionContext.jsonBundle(value)), "metadata": [:]],
                             parent: request)
            }
            output = value?["text/plain"]
            body["status"] = "ok"
            body["user_expressions"] = .object(evaluate(content.userExpressions))
            reply(request, "execute_reply", .object(body))
        case .error(let error):
            // Taken before the reply goes out: anything queued now was sent before the client
            // could know of the failure; what it sends after seeing the reply must run.
            if content.stopOnError {
                drainShell()
                abandoned = queue.removeExecutes()
            }
            let fields = Self.errorFields(error)
            if !content.silent { publishLater("error", .object(fields), parent: request) }
            body.merge(fields) { $1 }
            body["status"] = "error"
            body["user_expressions"] = [:]
            reply(request, "execute_reply", .object(body))
        }
        if stored { history.append(line: count, input: content.code, output: output) }
    }

    /// Each `user_expressions` entry evaluated on its own: one failing does not fail the others.
    private func evaluate(_ expressions: [String: String]) -> [String: JSONValue] {
        expressions.mapValues { expression in
            switch engine.evaluate(expression: expression) {
            case .success(let bundle):
                return ["status": "ok", "data": .object(ExecutionContext.jsonBundle(bundle)), "metadata": [:]]
            case .failure(let error):
                return .object(Self.errorFields(error).merging(["status": "error"]) { $1 })
            }
        }
    }

    /// Requests queued behind a failed execute are answered without running (busy, error reply, idle).
    func abort(_ requests: [Message]) {
        for queued in requests {
            publishLater("status", IOPubPublisher.status(.busy), parent: queued)
            let aborted = EngineError(ename: "ExecutionAborted", evalue: "not run: an earlier execution failed (stop_on_error)")
            var body = Self.errorFields(aborted)
            body["status"] = "error"
            body["execution_count"] = .int(executionCount)
            body["user_expressions"] = [:]
            body["payload"] = []
            reply(queued, "execute_reply", .object(body))
            publishLater("status", IOPubPublisher.status(.idle), parent: queued)
        }
        sendOutbox()
    }

    /// Sends input_request on stdin (routed to the client that sent `request`) and waits for its reply.
    private func askInput(prompt: String, password: Bool, for request: Message) throws -> String {
        let message = session.message("input_request", content: ["prompt": .string(prompt), "password": .bool(password)],
                                      parent: request)
        return try inputs.ask(requestID: message.header.msgID) { sendInputRequest(message) }
    }

    static func errorFields(_ error: EngineError) -> [String: JSONValue] {
        ["ename": .string(error.ename), "evalue": .string(error.evalue), "traceback": .array(error.traceback.map(JSONValue.string))]
    }
}
