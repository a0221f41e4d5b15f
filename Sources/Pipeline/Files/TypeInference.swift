import Foundation

/// Turning text cells (CSV fields) into a typed column.
///
/// Inference picks the narrowest type every non-null cell fits: Int, then Double, Bool
/// (`true`/`false` in any case), Timestamp (ISO 8601), else String. Integers written with a leading
/// zero or plus sign (`007`, `+33…`) stay text, because they are codes and phone numbers, not numbers.
/// Cells are parsed from their bytes; a column is parsed once per type tried, and a type that does
/// not fit usually fails on its first cell.
enum TypeInference {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func column(_ name: String, cells: TextCells, text: Bytes, declared: DataType?,
                       error: (Int, String) -> PipelineError) throws -> Column {
        let nulls = cells.starts.map { $0 < 0 }
        guard let declared else { return inferred(name, cells, text, nulls) }
        func parsed<T>(_ zero: T, _ parse: (Bytes) -> T?) throws -> [T] {
            let (values, rejected) = parseAll(cells, text, zero, parse)
            if let i = rejected {
                throw error(i, "`\(cells.string(i, in: text))` is not \(declared == .int ? "an" : "a") \(declared)")
            }
            return values
        }
        switch declared {
        case .int: return Column(name, ints: try parsed(0, int), nulls: nulls)
        case .double: return Column(name, doubles: try parsed(0.0, double), nulls: nulls)
        case .bool: return Column(name, bools: try parsed(false, bool), nulls: nulls)
        case .timestamp: return Column(name, timestamps: try parsed(Int64(0), Timestamp.microseconds(parsing:)), nulls: nulls)
        case .string: return Column(name, strings: strings(cells, text), nulls: nulls)
        }
    }

    private static func inferred(_ name: String, _ cells: TextCells, _ text: Bytes, _ nulls: [Bool]) -> Column {
        guard nulls.contains(false) else { return Column(name, strings: strings(cells, text), nulls: nulls) }
        if case (let v, nil) = parseAll(cells, text, 0, { isCode($0) ? nil : int($0) }) { return Column(name, ints: v, nulls: nulls) }
        if case (let v, nil) = parseAll(cells, text, 0.0, { isCode($0) ? nil : double($0) }) { return Column(name, doubles: v, nulls: nulls) }
        if case (let v, nil) = parseAll(cells, text, false, bool) { return Column(name, bools: v, nulls: nulls) }
        if case (let v, nil) = parseAll(cells, text, Int64(0), Timestamp.microseconds(parsing:)) { return Column(name, timestamps: v, nulls: nulls) }
        return Column(name, strings: strings(cells, text), nulls: nulls)
    }

    /// Every non-null cell parsed (nulls hold `zero`), or the index of the first cell `parse` rejects.
    private static func parseAll<T>(_ cells: TextCells, _ text: Bytes, _ zero: T, _ parse: (Bytes) -> T?) -> ([T], rejected: Int?) {
        var out = [T](repeating: zero, count: cells.count)
        for i in 0..<cells.count where !cells.isNull(i) {
            guard let v = parse(cells.bytes(i, in: text)) else { return ([], i) }
            out[i] = v
        }
        return (out, nil)
    }

    /// The cells as text (nulls as ""); a cell equal to the one before shares its `String`.
    private static func strings(_ cells: TextCells, _ text: Bytes) -> [String] {
        var out: [String] = []
        out.reserveCapacity(cells.count)
        var previous: Bytes? = nil
        for i in 0..<cells.count {
            guard !cells.isNull(i) else { out.append(""); previous = nil; continue }
            let bytes = cells.bytes(i, in: text)
            if let previous, previous.count == bytes.count, bytes.isEmpty || memcmp(previous.baseAddress!, bytes.baseAddress!, bytes.count) == 0 { out.append(out[i - 1]) } else { out.append(cells.string(i, in: text)) }
            previous = bytes
        }
        return out
    }

    /// `Int(text)`: an optional sign, then decimal digits, within Int's range.
    static func int(_ s: Bytes) -> Int? {
        guard let first = s.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        var i = negative || first == UInt8(ascii: "+") ? 1 : 0
        guard i < s.count else { return nil }
        var v = 0
        while i < s.count {
            let d = Int(s[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (n, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            v = n
            i += 1
        }
        return v
    }

    static func double(_ s: Bytes) -> Double? { Double(String(decoding: s, as: UTF8.self)) }

    /// `true`/`false` in any case.
    static func bool(_ s: Bytes) -> Bool? {
        func matches(_ word: StaticString) -> Bool {
            s.count == word.utf8CodeUnitCount && zip(s, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 | 0x20 == $1 }
        }
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    /// `+33…`, `007`, `-01.5`: a plus sign, or a zero followed by another digit — the marks of a
    /// code or phone number rather than a number.
    static func isCode(_ s: Bytes) -> Bool {
        if s.first == UInt8(ascii: "+") { return true }
        let digits = s.drop { $0 == UInt8(ascii: "-") }.prefix(2)
        return digits.count == 2 && digits.first == UInt8(ascii: "0") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digits.last!)
    }
}
