/// Writes tables as Parquet files that pandas, pyarrow, DuckDB and Spark read with the right types:
/// Int → INT64, Double → DOUBLE, String → BYTE_ARRAY (STRING), Bool → BOOLEAN, Timestamp → INT64
/// TIMESTAMP(MICROS, UTC). Every column is OPTIONAL with definition levels, so nulls round-trip;
/// values are dictionary-encoded when they repeat enough (`ParquetDictionary`), else PLAIN, in
/// one v1 data page per column chunk, compressed with `compression`, in row groups of at most
/// `rowGroupRows` rows.
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
            // Encoding and compressing a column is most of the work and needs nothing from the
            // others, so the columns' pages are made on every core; they are written in order.
            let rows = start..<end
            let encoded = Parallel.map(table.columnCount) { k in Result { try pages(table.columns[k], rows: rows, compression: compression) } }
            for (column, pages) in zip(table.columns, encoded) {
                let (chunk, uncompressed) = writeChunk(column, rows: rows, pages: try pages.get(), compression: compression, into: &out)
                chunks.append(chunk)
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

    /// A column chunk's pages, each as its uncompressed size and compressed bytes: a dictionary
    /// page when the values repeat enough (see `ParquetDictionary`), then one data page.
    private struct ChunkPages {
        var dictionary: (size: Int, bytes: [UInt8], count: Int)?
        var data: (size: Int, bytes: [UInt8])
    }

    private static func pages(_ column: Column, rows: Range<Int>, compression: ParquetCompression) throws -> ChunkPages {
        let levels = RLEHybrid.encodeLevels(rows.map { !column.isNull($0) })
        var page: [UInt8] = []
        withUnsafeBytes(of: UInt32(levels.count).littleEndian) { page.append(contentsOf: $0) }
        page.append(contentsOf: levels)
        let present = rows.filter { !column.isNull($0) }
        guard let dictionary = ParquetDictionary(column, rows: present) else {
            appendPlain(column, rows: present, to: &page)
            return ChunkPages(dictionary: nil, data: (page.count, try compression.compress(page)))
        }
        var values: [UInt8] = []
        appendPlain(column, rows: dictionary.firstRows, to: &values)
        page.append(contentsOf: dictionary.encodedIndices)
        return ChunkPages(dictionary: (values.count, try compression.compress(values), dictionary.firstRows.count),
                          data: (page.count, try compression.compress(page)))
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

    /// Appends one column chunk (its dictionary page, if any, and its data page) and returns its
    /// ColumnChunk metadata and uncompressed size.
    private static func writeChunk(_ column: Column, rows: Range<Int>, pages: ChunkPages, compression: ParquetCompression,
                                   into out: inout [UInt8]) -> (Thrift, Int) {
        let start = out.count
        var uncompressed = 0
        if let dictionary = pages.dictionary {
            let header = Thrift.structure([
                (1, .i32(Int32(ParquetFormat.PageType.dictionary))),
                (2, .i32(Int32(dictionary.size))),
                (3, .i32(Int32(dictionary.bytes.count))),
                (7, .structure([(1, .i32(Int32(dictionary.count))), (2, .i32(ParquetFormat.Encoding.plain))])),
            ]).encoded()
            out.append(contentsOf: header)
            out.append(contentsOf: dictionary.bytes)
            uncompressed += header.count + dictionary.size
        }
        let dataOffset = out.count
        let header = Thrift.structure([
            (1, .i32(Int32(ParquetFormat.PageType.data))),
            (2, .i32(Int32(pages.data.size))),
            (3, .i32(Int32(pages.data.bytes.count))),
            (5, .structure([
                (1, .i32(Int32(rows.count))),
                (2, .i32(pages.dictionary == nil ? ParquetFormat.Encoding.plain : ParquetFormat.Encoding.rleDictionary)),
                (3, .i32(ParquetFormat.Encoding.rle)),
                (4, .i32(ParquetFormat.Encoding.rle)),
            ])),
        ]).encoded()
        out.append(contentsOf: header)
        out.append(contentsOf: pages.data.bytes)
        uncompressed += header.count + pages.data.size
        let encodings = [ParquetFormat.Encoding.plain, ParquetFormat.Encoding.rle]
            + (pages.dictionary == nil ? [] : [ParquetFormat.Encoding.rleDictionary])
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
        if pages.dictionary != nil { metadata.append((11, .i64(Int64(start)))) }
        return (.structure([(2, .i64(Int64(start))), (Int16(3), .structure(metadata))]), uncompressed)
    }
}
