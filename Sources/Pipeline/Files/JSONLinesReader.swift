import JSON

/// Reads JSON Lines: one object per line (blank lines skipped). Columns are every key seen, in
/// order of first appearance; a row without a key holds null there. Types are inferred from the
/// JSON values (Ints and Doubles mix to Double; nested arrays and objects are kept as compact JSON
/// text; text that is all ISO 8601 timestamps becomes Timestamp, as in CSV, so exports read back
/// with their types) unless declared in `types`.
/// Errors name the file, line and key.
public enum JSONLinesReader {
    public static func read(_ bytes: [UInt8], source: String, types: [String: DataType] = [:]) throws -> Table {
        var order: [String] = []
        var cells: [String: [Value]] = [:]
        var lineNumbers: [Int] = []
        var line = 0, start = 0
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            defer { start = end + 1 }
            let slice = bytes[start..<end]
            if slice.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let object: [String: JSONValue]
            do {
                guard let o = try JSONParser.parse(slice).objectValue else {
                    throw PipelineError(.malformedFile, "\(source), line \(line): expected a JSON object")
                }
                object = o
            } catch let error as JSONError {
                throw PipelineError(.malformedFile, "\(source), line \(line), column \(error.column): \(error.message)")
            }
            for key in JSONLinesReader.keyOrder(slice, keys: object.keys) where cells[key] == nil {
                order.append(key)
                cells[key] = [Value](repeating: .null, count: lineNumbers.count)
            }
            for key in order { cells[key]!.append(object[key].map(cell) ?? .null) }
            lineNumbers.append(line)
        }
        for name in types.keys.sorted() where cells[name] == nil {
            throw PipelineError(.unknownColumn, "\(source): a type is declared for `\(name)`, which no line has",
                                hint: Suggestion.closest(to: name, in: order).map { "did you mean `\($0)`?" })
        }
        return try Table(order.map { name in
            let values = cells[name]!
            func failure(_ i: Int, _ message: String) -> PipelineError {
                PipelineError(.malformedFile, "\(source), line \(lineNumbers[i]), key `\(name)`: \(message)")
            }
            let (inferred, conflict) = Table.commonType(of: values)
            let type = types[name] ?? (inferred == .string && looksLikeTimestamps(values) ? .timestamp : inferred)
            if types[name] == nil, let i = conflict {
                throw failure(i, "found \(values[i].dataType!) `\(values[i])` after \(inferred) values")
            }
            return try Column(name: name, type: type, values: values.enumerated().map { i, v in
                guard let converted = convert(v, to: type) else { throw failure(i, "`\(v)` is not \(type == .int ? "an" : "a") \(type)") }
                return converted
            })
        })
    }

    /// Whether every non-null cell is an ISO 8601 timestamp string (and there is at least one).
    private static func looksLikeTimestamps(_ values: [Value]) -> Bool {
        var any = false
        for case .string(let s) in values {
            guard Timestamp(parsing: s) != nil else { return false }
            any = true
        }
        return any
    }

    /// `value` as a cell of `type` (Ints widen to Double, ISO 8601 strings parse as Timestamps), or
    /// nil when it does not fit.
    private static func convert(_ value: Value, to type: DataType) -> Value? {
        switch (value, type) {
        case (.null, _): return .null
        case (.int(let i), .double): return .double(Double(i))
        case (.string(let s), .timestamp): return Timestamp(parsing: s).map(Value.timestamp)
        default: return value.dataType == type ? value : nil
        }
    }

    /// The object's keys in the order the line writes them (the parsed object forgets it), found by
    /// scanning for strings at depth one that a colon follows; any key missed is added sorted.
    static func keyOrder(_ line: ArraySlice<UInt8>, keys: Dictionary<String, JSONValue>.Keys) -> [String] {
        var order: [String] = [], seen = Set<String>()
        var depth = 0, i = line.startIndex
        while i < line.endIndex {
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                let start = i
                i += 1
                while i < line.endIndex, line[i] != UInt8(ascii: "\"") { i += line[i] == UInt8(ascii: "\\") ? 2 : 1 }
                var j = i + 1
                while j < line.endIndex, line[j] == 32 || line[j] == 9 { j += 1 }
                if depth == 1, j < line.endIndex, line[j] == UInt8(ascii: ":"), i < line.endIndex,
                   let key = (try? JSONParser.parse(line[start...i]))?.stringValue, keys.contains(key), seen.insert(key).inserted {
                    order.append(key)
                }
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
            }
            i += 1
        }
        return order + keys.filter { !seen.contains($0) }.sorted()
    }

    private static func cell(_ value: JSONValue) -> Value {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array, .object: return .string(JSONWriter(style: .compact, sortKeys: true).string(value))
        }
    }
}
