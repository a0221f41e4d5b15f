import Foundation
import JSON
import Jupyter

/// The inputs (and text outputs) of stored executions, for `history_request`.
///
/// One session number is used in every reply and accepted in every request (0 also means "this
/// session"), so a client can take `[session, line]` from a tail reply and ask for that range.
final class History {
    struct Entry {
        let line: Int
        let input: String
        let output: String?
    }

    /// This kernel process's session number.
    let session = 1
    private(set) var entries: [Entry] = []

    func append(line: Int, input: String, output: String?) {
        entries.append(Entry(line: line, input: input, output: output))
    }

    func reply(to request: HistoryRequest) -> HistoryReply {
        let selected: [Entry]
        switch request.histAccessType {
        case .tail:
            selected = Array(entries.suffix(max(0, request.n ?? 10)))
        case .range:
            let asked = request.session ?? 0
            guard asked == 0 || asked == session else { return HistoryReply(history: []) }
            let start = request.start ?? 1
            let stop = request.stop ?? Int.max
            selected = entries.filter { $0.line >= start && $0.line < stop }
        case .search:
            let pattern = request.pattern ?? "*"
            var matches = entries.filter { fnmatch(pattern, $0.input, 0) == 0 }
            if request.unique == true {
                var seen = Set<String>()
                matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            if let n = request.n { matches = Array(matches.suffix(max(0, n))) }
            selected = matches
        }
        return HistoryReply(history: selected.map { entry in
            let input: JSONValue = request.output
                ? [.string(entry.input), entry.output.map(JSONValue.string) ?? .null]
                : .string(entry.input)
            return [.int(session), .int(entry.line), input]
        })
    }
}
