/// Splits CSV bytes into records and fields, tracking row numbers for errors. A record's fields
/// are byte ranges of the buffer; a quoted field is unescaped in place (it only gets shorter), so
/// no field is copied out.
struct CSVScanner {
    private let text: UnsafeMutableBufferPointer<UInt8>
    private let source: String
    private var position = 0
    /// The current record's row number (the header is row 1).
    private(set) var row = 0
    /// The current record's fields, reused from record to record.
    private(set) var fields = TextCells()

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 13, lf: UInt8 = 10

    init(_ text: UnsafeMutableBufferPointer<UInt8>, source: String) {
        self.text = text
        self.source = source
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Reads the next record into `fields`; false at the end of the input.
    mutating func nextRecord() throws -> Bool {
        guard position < text.count else { return false }
        row += 1
        fields.removeAll()
        while try !field(column: fields.count + 1) {}
        return true
    }

    /// Reads one field into `fields`; true when it closed its record (line end or end of input).
    private mutating func field(column: Int) throws -> Bool {
        let end = text.count
        if position < end, text[position] == Self.quote {
            let start = position
            var write = start
            position += 1
            while true {
                guard position < end else {
                    throw PipelineError(.malformedFile, "\(source), row \(row), column \(column): a quoted field is never closed")
                }
                let b = text[position]
                position += 1
                if b == Self.quote {
                    guard position < end, text[position] == Self.quote else { break }
                    position += 1
                }
                text[write] = b
                write += 1
            }
            fields.append(start: start, end: write)
            return try endOfField(column: column)
        }
        let start = position
        while position < end {
            let b = text[position]
            if b == Self.comma || b == Self.lf || b == Self.cr { break }
            if b == Self.quote {
                throw PipelineError(.malformedFile, "\(source), row \(row), column \(column): a quote inside an unquoted field",
                                    hint: "quote the whole field and double the quote: \"a \"\"b\"\" c\"")
            }
            position += 1
        }
        fields.append(start: position > start ? start : -1, end: position)
        return try endOfField(column: column)
    }

    /// Consumes the separator after a field: a comma (false) or a line end / the end (true).
    private mutating func endOfField(column: Int) throws -> Bool {
        guard position < text.count else { return true }
        switch text[position] {
        case Self.comma: position += 1; return false
        case Self.cr:
            position += 1
            if position < text.count, text[position] == Self.lf { position += 1 }
            return true
        case Self.lf: position += 1; return true
        default:
            throw PipelineError(.malformedFile, "\(source), row \(row), column \(column): text after a closing quote",
                                hint: "a quote inside a quoted field must be doubled")
        }
    }
}
