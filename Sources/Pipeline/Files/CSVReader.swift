/// Reads RFC 4180 CSV with a header row (CRLF or LF line ends, quoted fields with `""` escapes and
/// embedded line breaks, an optional UTF-8 byte-order mark).
///
/// Column types are inferred (see `TypeInference`) unless declared in `types`. An unquoted empty
/// field is null; a quoted empty field is the empty string. Every error names the file, the row
/// (the header is row 1, as a spreadsheet numbers them) and the column.
public enum CSVReader {
    public static func read(_ bytes: [UInt8], source: String, types: [String: DataType] = [:]) throws -> Table {
        var records = try Records(bytes, source: source)
        guard let header = try records.next() else {
            throw PipelineError(.malformedFile, "\(source): the file is empty; a CSV file needs a header row")
        }
        let names = header.fields.map { $0 ?? "" }
        var seen = Set<String>()
        for (c, name) in names.enumerated() {
            if name.isEmpty { throw PipelineError(.malformedFile, "\(source), row 1, column \(c + 1): the header has an empty column name") }
            if !seen.insert(name).inserted { throw PipelineError(.malformedFile, "\(source), row 1: the column name `\(name)` appears twice") }
        }
        for name in types.keys.sorted() where !seen.contains(name) {
            throw PipelineError(.unknownColumn, "\(source): a type is declared for `\(name)`, which the header does not have",
                                hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" } ?? "columns: \(names.joined(separator: ", "))")
        }
        var cells = [[String?]](repeating: [], count: names.count)
        var rowNumbers: [Int] = []
        while let record = try records.next() {
            if names.count > 1, record.fields.count == 1, record.fields[0] == nil { continue }  // a blank line
            guard record.fields.count == names.count else {
                throw PipelineError(.malformedFile, "\(source), row \(record.row): \(record.fields.count) fields, expected \(names.count) (\(names.joined(separator: ", ")))")
            }
            for (c, field) in record.fields.enumerated() { cells[c].append(field) }
            rowNumbers.append(record.row)
        }
        return try Table(names.indices.map { c in
            try TypeInference.column(names[c], texts: cells[c], declared: types[names[c]]) { index, message in
                PipelineError(.malformedFile, "\(source), row \(rowNumbers[index]), column `\(names[c])`: \(message)")
            }
        })
    }

    /// One record: its fields (nil for an unquoted empty field) and its row number.
    struct Record {
        var fields: [String?]
        var row: Int
    }

    /// Splits the bytes into records, tracking row numbers for errors.
    struct Records {
        private let bytes: [UInt8]
        private let source: String
        private var position = 0
        private var row = 0

        init(_ bytes: [UInt8], source: String) throws {
            self.bytes = bytes
            self.source = source
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        mutating func next() throws -> Record? {
            guard position < bytes.count else { return nil }
            row += 1
            var fields: [String?] = []
            while true {
                let (text, ended) = try field(column: fields.count + 1)
                fields.append(text)
                if ended { return Record(fields: fields, row: row) }
            }
        }

        /// One field; `ended` when it closed its record (line end or end of input).
        private mutating func field(column: Int) throws -> (String?, Bool) {
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
            if position < bytes.count, bytes[position] == quote {
                position += 1
                var buffer: [UInt8] = []
                while true {
                    guard position < bytes.count else {
                        throw PipelineError(.malformedFile, "\(source), row \(row), column \(column): a quoted field is never closed")
                    }
                    let b = bytes[position]
                    position += 1
                    if b != quote { buffer.append(b); continue }
                    if position < bytes.count, bytes[position] == quote { buffer.append(quote); position += 1; continue }
                    break
                }
                let ended = try endOfField(column: column)
                return (String(decoding: buffer, as: UTF8.self), ended)
            }
            let start = position
            while position < bytes.count, bytes[position] != comma, bytes[position] != 10, bytes[position] != 13 {
                if bytes[position] == quote {
                    throw PipelineError(.malformedFile, "\(source), row \(row), column \(column): a quote inside an unquoted field",
                                        hint: "quote the whole field and double the quote: \"a \"\"b\"\" c\"")
                }
                position += 1
            }
            let text = position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
            return (text, try endOfField(column: column))
        }

        /// Consumes the separator after a field: a comma (false) or a line end / the end (true).
        private mutating func endOfField(column: Int) throws -> Bool {
            guard position < bytes.count else { return true }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1; return false
            case 13:
                position += 1
                if position < bytes.count, bytes[position] == 10 { position += 1 }
                return true
            case 10: position += 1; return true
            default:
                throw PipelineError(.malformedFile, "\(source), row \(row), column \(column): text after a closing quote",
                                    hint: "a quote inside a quoted field must be doubled")
            }
        }
    }
}
