/// Writes tables as Parquet files that pandas, pyarrow, DuckDB and Spark read with the right types:
/// Int → INT64, Double → DOUBLE, String → BYTE_ARRAY (STRING), Bool → BOOLEAN, Timestamp → INT64
/// TIMESTAMP(MICROS, UTC). Every column is OPTIONAL with definition levels, so nulls round-trip;
/// values are PLAIN-encoded in one v1 data page per column chunk, compressed with `compression`,
/// in row groups of at most `rowGroupRows` rows.
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
            let pages = Parallel.map(table.columnCount) { k in Result { try page(table.columns[k], rows: rows, compression: compression) } }
            for (column, page) in zip(table.columns, pages) {
                let (chunk, uncompressed) = writeChunk(column, rows: rows, page: try page.get(), compression: compression, into: &out)
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

    /// A column's rows as one data page: its uncompressed size and its compressed bytes.
    private static func page(_ column: Column, rows: Range<Int>, compression: ParquetCompression) throws -> (size: Int, bytes: [UInt8]) {
        let defined = rows.map { !column.isNull($0) }
        let levels = RLEHybrid.encodeLevels(defined)
        var page: [UInt8] = []
        withUnsafeBytes(of: UInt32(levels.count).littleEndian) { page.append(contentsOf: $0) }
        page.append(contentsOf: levels)
        let present = rows.filter { !column.isNull($0) }
        switch column.storage {
        case .int(let a): for i in present { withUnsafeBytes(of: Int64(a[i]).littleEndian) { page.append(contentsOf: $0) } }
        case .timestamp(let a): for i in present { withUnsafeBytes(of: a[i].littleEndian) { page.append(contentsOf: $0) } }
        case .double(let a): for i in present { withUnsafeBytes(of: a[i].bitPattern.littleEndian) { page.append(contentsOf: $0) } }
        case .string(let a):
            for i in present {
                let utf8 = a[i].utf8
                withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { page.append(contentsOf: $0) }
                page.append(contentsOf: utf8)
            }
        case .bool(let a):
            var byte: UInt8 = 0
            for (k, i) in present.enumerated() {
                if a[i] { byte |= 1 << UInt8(k % 8) }
                if k % 8 == 7 { page.append(byte); byte = 0 }
            }
            if present.count % 8 != 0 { page.append(byte) }
        }
        return (page.count, try compression.compress(page))
    }

    /// Appends one column chunk (a single data page) and returns its ColumnChunk metadata and
    /// uncompressed size.
    private static func writeChunk(_ column: Column, rows: Range<Int>, page: (size: Int, bytes: [UInt8]), compression: ParquetCompression,
                                   into out: inout [UInt8]) -> (Thrift, Int) {
        let compressed = page.bytes
        let header = Thrift.structure([
            (1, .i32(Int32(ParquetFormat.PageType.data))),
            (2, .i32(Int32(page.size))),
            (3, .i32(Int32(compressed.count))),
            (5, .structure([
                (1, .i32(Int32(rows.count))),
                (2, .i32(ParquetFormat.Encoding.plain)),
                (3, .i32(ParquetFormat.Encoding.rle)),
                (4, .i32(ParquetFormat.Encoding.rle)),
            ])),
        ]).encoded()
        let offset = out.count
        out.append(contentsOf: header)
        out.append(contentsOf: compressed)
        let metadata = Thrift.structure([
            (1, .i32(Int32(physicalType(column.type).rawValue))),
            (2, .list(.i32, [.i32(ParquetFormat.Encoding.plain), .i32(ParquetFormat.Encoding.rle)])),
            (3, .list(.binary, [.string(column.name)])),
            (4, .i32(compression.codec)),
            (5, .i64(Int64(rows.count))),
            (6, .i64(Int64(header.count + page.size))),
            (7, .i64(Int64(header.count + compressed.count))),
            (9, .i64(Int64(offset))),
        ])
        return (.structure([(2, .i64(Int64(offset))), (Int16(3), metadata)]), header.count + page.size)
    }
}
