/// Writes tables as Parquet files that pandas, pyarrow, DuckDB and Spark read with the right types:
/// Int → INT64, Double → DOUBLE, String → BYTE_ARRAY (STRING), Bool → BOOLEAN, Timestamp → INT64
/// TIMESTAMP(MICROS, UTC). Every column is OPTIONAL with definition levels, so nulls round-trip;
/// values are dictionary-encoded when they repeat enough (`ParquetDictionary`, one data page),
/// else PLAIN in v1 data pages of about `pageBytes` (pyarrow's default size), compressed with
/// `compression`, in row groups of at most `rowGroupRows` rows.
public enum ParquetWriter {
    public static func bytes(_ table: Table, compression: ParquetCompression = .snappy, rowGroupRows: Int = 131_072) throws -> [UInt8] {
        guard rowGroupRows > 0 else { throw PipelineError(.invalidArgument, "a row group needs at least one row") }
        var out = ParquetFormat.magic
        var rowGroups: [Thrift] = []
        var start = 0
        repeat {
            let end = Swift.min(start + rowGroupRows, table.rowCount)
            let groupStart = out.count
            var chunks: [Thrift] = []
            var uncompressedTotal = 0
            // Compressing is most of the work. Columns are encoded on every core, then every page
            // of every column is compressed on every core — a column of ids is most of the bytes,
            // and as one page it kept one core busy long after the others were done.
            let rows = start..<end
            let encoded = try Parallel.map(table.columnCount) { k in Result { try encode(table.columns[k], rows: rows) } }.map { try $0.get() }
            let pages = encoded.indices.flatMap { c in encoded[c].pages.indices.map { (column: c, page: $0) } }
            let compressed = try Parallel.map(pages.count) { j in
                Result { try compression.compress(encoded[pages[j].column].pages[pages[j].page].bytes) }
            }.map { try $0.get() }
            var next = 0
            for (column, chunk) in zip(table.columns, encoded) {
                let done = Array(compressed[next..<next + chunk.pages.count])
                next += chunk.pages.count
                let (metadata, uncompressed) = writeChunk(column, rows: rows, chunk: chunk, compressed: done, compression: compression, into: &out)
                chunks.append(metadata)
                uncompressedTotal += uncompressed
            }
            rowGroups.append(.structure([
                (1, .list(.structure, chunks)),
                (2, .i64(Int64(uncompressedTotal))),
                (3, .i64(Int64(end - start))),
                (5, .i64(Int64(groupStart))),
                (6, .i64(Int64(out.count - groupStart))),
                (7, .i16(Int16(truncatingIfNeeded: rowGroups.count))),
            ]))
            start = end
        } while start < table.rowCount

        let schema: [Thrift] = [.structure([(4, .string("schema")), (5, .i32(Int32(table.columnCount)))])]
            + table.columns.map(schemaElement)
        let metadata = Thrift.structure([
            (1, .i32(1)),
            (2, .list(.structure, schema)),
            (3, .i64(Int64(table.rowCount))),
            (4, .list(.structure, rowGroups)),
            (6, .string("propel parquet writer version 1.0")),
        ]).encoded()
        out.append(contentsOf: metadata)
        withUnsafeBytes(of: UInt32(metadata.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: ParquetFormat.magic)
        return out
    }

    private static func schemaElement(_ column: Column) -> Thrift {
        var fields: [(Int16, Thrift)] = [(1, .i32(Int32(physicalType(column.type).rawValue))), (3, .i32(ParquetFormat.Repetition.optional)),
                                         (4, .string(column.name))]
        switch column.type {
        case .string:
            fields.append((6, .i32(ParquetFormat.ConvertedType.utf8)))
            fields.append((10, .structure([(1, .structure([]))])))
        case .timestamp:
            fields.append((6, .i32(ParquetFormat.ConvertedType.timestampMicros)))
            let micros = Thrift.structure([(2, .structure([]))])
            fields.append((10, .structure([(8, .structure([(1, .bool(true)), (Int16(2), micros)]))])))
        default: break
        }
        return .structure(fields)
    }

    private static func physicalType(_ type: DataType) -> ParquetFormat.PhysicalType {
        switch type {
        case .int, .timestamp: return .int64
        case .double: return .double
        case .string: return .byteArray
        case .bool: return .boolean
        }
    }

    /// About how many bytes of values a PLAIN data page holds (pyarrow's default page size).
    static let pageBytes = 1 << 20

    /// A column chunk's uncompressed pages: a dictionary page when the values repeat enough (see
    /// `ParquetDictionary`), then the data pages and the rows each holds. Pages are compressed
    /// separately.
    private struct EncodedChunk {
        var dictionaryValues: Int?
        var pages: [(bytes: [UInt8], rows: Int)]
    }

    private static func encode(_ column: Column, rows: Range<Int>) throws -> EncodedChunk {
        let present = rows.filter { !column.isNull($0) }
        if let dictionary = ParquetDictionary(column, rows: present) {
            var values: [UInt8] = []
            appendPlain(column, rows: dictionary.firstRows, to: &values)
            var page = levels(column, rows: rows)
            page.append(contentsOf: dictionary.encodedIndices)
            return EncodedChunk(dictionaryValues: dictionary.firstRows.count, pages: [(values, 0), (page, rows.count)])
        }
        var pages: [(bytes: [UInt8], rows: Int)] = []
        var first = rows.lowerBound, bytes = 0, valuesFrom = 0
        for (k, row) in rows.enumerated() {
            bytes += plainSize(column, row: row)
            guard bytes >= pageBytes || k == rows.count - 1 else { continue }
            var page = levels(column, rows: first..<row + 1)
            let valuesTo = present[valuesFrom...].firstIndex { $0 > row } ?? present.count
            appendPlain(column, rows: Array(present[valuesFrom..<valuesTo]), to: &page)
            pages.append((page, row + 1 - first))
            first = row + 1
            bytes = 0
            valuesFrom = valuesTo
        }
        if pages.isEmpty { pages.append((levels(column, rows: rows), 0)) }   // no rows: one empty page
        return EncodedChunk(dictionaryValues: nil, pages: pages)
    }

    /// A data page's definition levels, with their length in front.
    private static func levels(_ column: Column, rows: Range<Int>) -> [UInt8] {
        let levels = RLEHybrid.encodeLevels(rows.map { !column.isNull($0) })
        var page: [UInt8] = []
        withUnsafeBytes(of: UInt32(levels.count).littleEndian) { page.append(contentsOf: $0) }
        page.append(contentsOf: levels)
        return page
    }

    /// Bytes `row`'s value takes PLAIN (a null none).
    private static func plainSize(_ column: Column, row: Int) -> Int {
        if column.isNull(row) { return 0 }
        switch column.storage {
        case .string(let a): return 4 + a[row].utf8.count
        case .bool: return 1
        default: return 8
        }
    }

    /// PLAIN encoding of `rows`' values.
    private static func appendPlain(_ column: Column, rows: [Int], to page: inout [UInt8]) {
        switch column.storage {
        case .int(let a): for i in rows { withUnsafeBytes(of: Int64(a[i]).littleEndian) { page.append(contentsOf: $0) } }
        case .timestamp(let a): for i in rows { withUnsafeBytes(of: a[i].littleEndian) { page.append(contentsOf: $0) } }
        case .double(let a): for i in rows { withUnsafeBytes(of: a[i].bitPattern.littleEndian) { page.append(contentsOf: $0) } }
        case .string(let a):
            for i in rows {
                let utf8 = a[i].utf8
                withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { page.append(contentsOf: $0) }
                page.append(contentsOf: utf8)
            }
        case .bool(let a):
            var byte: UInt8 = 0
            for (k, i) in rows.enumerated() {
                if a[i] { byte |= 1 << UInt8(k % 8) }
                if k % 8 == 7 { page.append(byte); byte = 0 }
            }
            if rows.count % 8 != 0 { page.append(byte) }
        }
    }

    /// Appends one column chunk (its dictionary page, if any, and its data pages, `compressed`
    /// being `chunk`'s pages compressed) and returns its ColumnChunk metadata and uncompressed size.
    private static func writeChunk(_ column: Column, rows: Range<Int>, chunk: EncodedChunk, compressed: [[UInt8]],
                                   compression: ParquetCompression, into out: inout [UInt8]) -> (Thrift, Int) {
        let start = out.count
        var uncompressed = 0, dataOffset = start
        for (index, ((page, pageRows), bytes)) in zip(chunk.pages, compressed).enumerated() {
            let header: [UInt8]
            if index == 0, let count = chunk.dictionaryValues {
                header = Thrift.structure([
                    (1, .i32(Int32(ParquetFormat.PageType.dictionary))),
                    (2, .i32(Int32(page.count))),
                    (3, .i32(Int32(bytes.count))),
                    (7, .structure([(1, .i32(Int32(count))), (2, .i32(ParquetFormat.Encoding.plain))])),
                ]).encoded()
            } else {
                if index == (chunk.dictionaryValues == nil ? 0 : 1) { dataOffset = out.count }
                header = Thrift.structure([
                    (1, .i32(Int32(ParquetFormat.PageType.data))),
                    (2, .i32(Int32(page.count))),
                    (3, .i32(Int32(bytes.count))),
                    (5, .structure([
                        (1, .i32(Int32(pageRows))),
                        (2, .i32(chunk.dictionaryValues == nil ? ParquetFormat.Encoding.plain : ParquetFormat.Encoding.rleDictionary)),
                        (3, .i32(ParquetFormat.Encoding.rle)),
                        (4, .i32(ParquetFormat.Encoding.rle)),
                    ])),
                ]).encoded()
            }
            out.append(contentsOf: header)
            out.append(contentsOf: bytes)
            uncompressed += header.count + page.count
        }
        let encodings = [ParquetFormat.Encoding.plain, ParquetFormat.Encoding.rle]
            + (chunk.dictionaryValues == nil ? [] : [ParquetFormat.Encoding.rleDictionary])
        var metadata: [(Int16, Thrift)] = [
            (1, .i32(Int32(physicalType(column.type).rawValue))),
            (2, .list(.i32, encodings.map(Thrift.i32))),
            (3, .list(.binary, [.string(column.name)])),
            (4, .i32(compression.codec)),
            (5, .i64(Int64(rows.count))),
            (6, .i64(Int64(uncompressed))),
            (7, .i64(Int64(out.count - start))),
            (9, .i64(Int64(dataOffset))),
        ]
        if chunk.dictionaryValues != nil { metadata.append((11, .i64(Int64(start)))) }
        return (.structure([(2, .i64(Int64(start))), (Int16(3), .structure(metadata))]), uncompressed)
    }
}
