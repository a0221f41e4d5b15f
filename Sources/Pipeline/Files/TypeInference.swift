/// Turning text cells (CSV fields) into a typed column.
///
/// Inference picks the narrowest type every non-null cell fits: Int, then Double, Bool
/// (`true`/`false` in any case), Timestamp (ISO 8601), else String. Integers written with a leading
/// zero or plus sign (`007`, `+33…`) stay text, because they are codes and phone numbers, not numbers.
enum TypeInference {
    static func column(_ name: String, texts: [String?], declared: DataType?,
                       error: (Int, String) -> PipelineError) throws -> Column {
        let type = declared ?? infer(texts)
        var nulls = [Bool](repeating: false, count: texts.count)
        func parse<T>(_ zero: T, _ convert: (String) -> T?) throws -> [T] {
            var out = [T](repeating: zero, count: texts.count)
            for (i, text) in texts.enumerated() {
                guard let text else { nulls[i] = true; continue }
                guard let v = convert(text) else { throw error(i, "`\(text)` is not \(type == .int ? "an" : "a") \(type)") }
                out[i] = v
            }
            return out
        }
        switch type {
        case .int: return Column(name, ints: try parse(0) { Int($0) }, nulls: nulls)
        case .double: return Column(name, doubles: try parse(0.0) { Double($0) }, nulls: nulls)
        case .bool: return Column(name, bools: try parse(false, bool), nulls: nulls)
        case .timestamp: return Column(name, timestamps: try parse(Int64(0)) { Timestamp(parsing: $0)?.microseconds }, nulls: nulls)
        case .string:
            return Column(name, strings: texts.enumerated().map { i, text in
                if text == nil { nulls[i] = true }
                return text ?? ""
            }, nulls: nulls)
        }
    }

    static func infer(_ texts: [String?]) -> DataType {
        var candidates: [DataType] = [.int, .double, .bool, .timestamp]
        var any = false
        for case let text? in texts {
            any = true
            candidates.removeAll { !fits(text, $0) }
            if candidates.isEmpty { return .string }
        }
        return any ? candidates[0] : .string
    }

    static func fits(_ text: String, _ type: DataType) -> Bool {
        switch type {
        case .int: return !text.hasPrefix("+") && !hasLeadingZero(text) && Int(text) != nil
        case .double: return !text.hasPrefix("+") && !hasLeadingZero(text) && Double(text) != nil
        case .bool: return bool(text) != nil
        case .timestamp: return Timestamp(parsing: text) != nil
        case .string: return true
        }
    }

    /// `007`, `-01.5`: a zero followed by another digit, the mark of a code rather than a number.
    static func hasLeadingZero(_ text: String) -> Bool {
        let digits = Array(text.utf8.drop { $0 == UInt8(ascii: "-") }.prefix(2))
        return digits.count == 2 && digits[0] == UInt8(ascii: "0") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digits[1])
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
