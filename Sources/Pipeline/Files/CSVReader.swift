/// Reads RFC 4180 CSV with a header row (CRLF or LF line ends, quoted fields with `""` escapes and
/// embedded line breaks, an optional UTF-8 byte-order mark).
///
/// Column types are inferred (see `TypeInference`) unless declared in `types`. An unquoted empty
/// field is null; a quoted empty field is the empty string. Every error names the file, the row
/// (the header is row 1, as a spreadsheet numbers them) and the column.
///
/// Fields are located in one pass over a copy of the bytes (quoted fields unescaped in place) and
/// kept as byte ranges; columns are then typed from those bytes.
public enum CSVReader {
    public static func read(_ bytes: [UInt8], source: String, types: [String: DataType] = [:]) throws -> Table {
        var buffer = bytes
        return try buffer.withUnsafeMutableBufferPointer { text in
            var scanner = CSVScanner(text, source: source)
            guard try scanner.nextRecord() else {
                throw PipelineError(.malformedFile, "\(source): the file is empty; a CSV file needs a header row")
            }
            let names = scanner.fields.indices.map { scanner.fields.isNull($0) ? "" : scanner.fields.string($0, in: UnsafeBufferPointer(text)) }
            try check(names, types, source)
            var columns = [TextCells](repeating: TextCells(), count: names.count)
            var rowNumbers: [Int] = []
            while try scanner.nextRecord() {
                let fields = scanner.fields
                if names.count > 1, fields.count == 1, fields.isNull(0) { continue }  // a blank line
                guard fields.count == names.count else {
                    throw PipelineError(.malformedFile, "\(source), row \(scanner.row): \(fields.count) fields, expected \(names.count) (\(names.joined(separator: ", ")))")
                }
                for c in 0..<fields.count { columns[c].append(start: fields.starts[c], end: fields.ends[c]) }
                rowNumbers.append(scanner.row)
            }
            let cells = UnsafeBufferPointer(text)
            return try Table(names.indices.map { c in
                try TypeInference.column(names[c], cells: columns[c], text: cells, declared: types[names[c]]) { index, message in
                    PipelineError(.malformedFile, "\(source), row \(rowNumbers[index]), column `\(names[c])`: \(message)")
                }
            })
        }
    }

    private static func check(_ names: [String], _ types: [String: DataType], _ source: String) throws {
        var seen = Set<String>()
        for (c, name) in names.enumerated() {
            if name.isEmpty { throw PipelineError(.malformedFile, "\(source), row 1, column \(c + 1): the header has an empty column name") }
            if !seen.insert(name).inserted { throw PipelineError(.malformedFile, "\(source), row 1: the column name `\(name)` appears twice") }
        }
        for name in types.keys.sorted() where !seen.contains(name) {
            throw PipelineError(.unknownColumn, "\(source): a type is declared for `\(name)`, which the header does not have",
                                hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" } ?? "columns: \(names.joined(separator: ", "))")
        }
    }
}
