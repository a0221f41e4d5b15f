/// Reads flat Parquet files: ours and typical pyarrow / pandas / Spark output. Supported: PLAIN and
/// dictionary encodings (dictionary pages with RLE_DICTIONARY or PLAIN_DICTIONARY indices, RLE
/// booleans), v1 and v2 data pages, no / snappy / gzip compression, any number of row groups and
/// pages. Types: BOOLEAN → Bool; INT32 / INT64 → Int; FLOAT / DOUBLE → Double; BYTE_ARRAY → String;
/// TIMESTAMP (millis, micros, nanos), INT96 and DATE → Timestamp. Anything else is an error naming
/// the column.
public enum ParquetReader {
    public static func read(_ bytes: [UInt8], source: String) throws -> Table {
        func malformed(_ what: String) -> PipelineError { PipelineError(.malformedFile, "\(source): \(what)") }
        guard bytes.count >= 12, bytes.starts(with: ParquetFormat.magic), bytes.suffix(4).elementsEqual(ParquetFormat.magic) else {
            throw malformed("not a Parquet file (no PAR1 marker at both ends)")
        }
        let footerLength = Int(UInt32(bytes[bytes.count - 8]) | UInt32(bytes[bytes.count - 7]) << 8
                                | UInt32(bytes[bytes.count - 6]) << 16 | UInt32(bytes[bytes.count - 5]) << 24)
        var position = bytes.count - 8 - footerLength
        guard footerLength > 0, position >= 4 else { throw malformed("the footer length is out of range") }
        let metadata: Thrift
        do { metadata = try Thrift.readStruct(bytes, at: &position) } catch let error as PipelineError {
            throw malformed(error.message)
        }
        let schema = metadata[2]?.items ?? []
        guard let root = schema.first else { throw malformed("the file has no schema") }
        let leaves = Array(schema.dropFirst())
        guard root[5]?.int == leaves.count else {
            let nested = leaves.first { ($0[5]?.int ?? 0) > 0 }?[4]?.text ?? "?"
            throw malformed("column `\(nested)` is nested; Propel reads flat tables only")
        }
        let columns = try leaves.map { try LeafColumn(element: $0, source: source) }
        let groups = (metadata[4]?.items ?? []).map { $0[1]?.items ?? [] }
        if let chunks = groups.first(where: { $0.count != columns.count }) {
            throw malformed("a row group has \(chunks.count) columns, the schema \(columns.count)")
        }
        // Columns decode independently (decompression is most of the work): on every core.
        let decoded = Parallel.map(columns.count) { c in
            Result { () throws -> Column in
                var column = columns[c]
                for chunks in groups {
                    do { try column.readChunk(chunks[c], from: bytes) } catch let error as PipelineError {
                        throw PipelineError(.malformedFile, "\(source), column `\(column.name)`: \(error.message)", hint: error.hint)
                    }
                }
                return try column.column()
            }
        }
        return try Table(decoded.map { try $0.get() })
    }
}

/// One flat column being read: its type mapping and the values and null flags decoded so far.
struct LeafColumn {
    let name: String
    let physical: ParquetFormat.PhysicalType
    let optional: Bool
    let type: DataType
    /// Multiplier (or divisor, when negative) from the stored unit to microseconds.
    let timeScale: Int64
    /// The kind of values this column decodes to (an empty example).
    private let kind: Decoded
    /// Decoded non-null values, one entry per page (joined once at the end, not page by page).
    private var pages: [Decoded] = []
    private var defined: [Bool] = []

    /// Physical values of one page: INT32 is widened, FLOAT is widened, INT96 becomes microseconds.
    enum Decoded {
        case int64([Int64]), double([Double]), bool([Bool]), text([String])

        var count: Int {
            switch self {
            case .int64(let a): return a.count
            case .double(let a): return a.count
            case .bool(let a): return a.count
            case .text(let a): return a.count
            }
        }

        /// The pages' values joined, given they all have this kind.
        func joined(_ pages: [Decoded]) -> Decoded {
            switch self {
            case .int64: return .int64(pages.flatMap { if case .int64(let a) = $0 { return a }; return [] })
            case .double: return .double(pages.flatMap { if case .double(let a) = $0 { return a }; return [] })
            case .bool: return .bool(pages.flatMap { if case .bool(let a) = $0 { return a }; return [] })
            case .text: return .text(pages.flatMap { if case .text(let a) = $0 { return a }; return [] })
            }
        }

        func gathering(_ indices: [UInt32]) throws -> Decoded {
            guard indices.allSatisfy({ Int($0) < count }) else {
                throw PipelineError(.malformedFile, "a dictionary index is out of range")
            }
            switch self {
            case .int64(let a): return .int64(indices.map { a[Int($0)] })
            case .double(let a): return .double(indices.map { a[Int($0)] })
            case .bool(let a): return .bool(indices.map { a[Int($0)] })
            case .text(let a): return .text(indices.map { a[Int($0)] })
            }
        }
    }

    init(element: Thrift, source: String) throws {
        name = element[4]?.text ?? ""
        guard let raw = element[1]?.int, let physical = ParquetFormat.PhysicalType(rawValue: raw) else {
            throw PipelineError(.malformedFile, "\(source): column `\(name)` has no physical type")
        }
        guard element[3]?.int != 2 else {
            throw PipelineError(.malformedFile, "\(source): column `\(name)` is repeated (a list); Propel reads flat tables only")
        }
        self.physical = physical
        optional = element[3]?.int != Int(ParquetFormat.Repetition.required)
        let converted = element[6]?.int, logical = element[10]
        var scale: Int64 = 1
        switch physical {
        case .boolean: type = .bool; kind = .bool([])
        case .float, .double: type = .double; kind = .double([])
        case .byteArray: type = .string; kind = .text([])
        case .int96: type = .timestamp; kind = .int64([])
        case .int32, .int64:
            kind = .int64([])
            if let timestamp = logical?[8] {
                type = .timestamp
                let unit = timestamp[2]
                scale = unit?[1] != nil ? 1000 : unit?[3] != nil ? -1000 : 1
            } else if converted == Int(ParquetFormat.ConvertedType.timestampMillis) {
                type = .timestamp; scale = 1000
            } else if converted == Int(ParquetFormat.ConvertedType.timestampMicros) {
                type = .timestamp
            } else if converted == Int(ParquetFormat.ConvertedType.date) || logical?[6] != nil {
                type = .timestamp; scale = 86_400_000_000
            } else {
                type = .int
            }
        case .fixedLenByteArray:
            throw PipelineError(.malformedFile, "\(source): column `\(name)` is FIXED_LEN_BYTE_ARRAY (a decimal or UUID), which Propel cannot read",
                                hint: "cast it to double or string before writing")
        }
        timeScale = scale
    }

    /// Decodes every page of one column chunk.
    mutating func readChunk(_ chunk: Thrift, from bytes: [UInt8]) throws {
        guard let meta = chunk[3], let total = meta[5]?.int, let codec = meta[4]?.int, let dataOffset = meta[9]?.int else {
            throw PipelineError(.malformedFile, "column chunk metadata is missing")
        }
        var position = meta[11]?.int.flatMap { $0 > 0 && $0 < dataOffset ? $0 : nil } ?? dataOffset
        var dictionary: Decoded?
        var read = 0
        while read < total {
            guard position < bytes.count - 8 else { throw PipelineError(.malformedFile, "pages end before all \(total) values were read") }
            let header = try Thrift.readStruct(bytes, at: &position)
            guard let pageType = header[1]?.int, let size = header[2]?.int, let stored = header[3]?.int,
                  stored >= 0, position + stored <= bytes.count else {
                throw PipelineError(.malformedFile, "a page header is malformed")
            }
            let body = bytes[position..<position + stored]
            position += stored
            switch pageType {
            case ParquetFormat.PageType.dictionary:
                let page = try ParquetCompression.decompress(body, codec: codec, size: size, column: name)
                dictionary = try decodePlain(page, from: 0, count: header[7]?[1]?.int ?? 0)
            case ParquetFormat.PageType.data:
                guard let dph = header[5], let n = dph[1]?.int, let encoding = dph[2]?.int else { throw PipelineError(.malformedFile, "a data page header is malformed") }
                let page = try ParquetCompression.decompress(body, codec: codec, size: size, column: name)
                var p = 0
                var levels = [Bool](repeating: true, count: n)
                if optional {
                    let length = try u32(page, at: 0)
                    guard 4 + length <= page.count else { throw PipelineError(.malformedFile, "definition levels run past the page") }
                    levels = try RLEHybrid.decode(page, from: 4, to: 4 + length, bitWidth: 1, count: n, column: name).map { $0 == 1 }
                    p = 4 + length
                }
                try appendPage(levels: levels, values: page, from: p, encoding: encoding, dictionary: dictionary)
                read += n
            case ParquetFormat.PageType.dataV2:
                guard let v2 = header[8], let n = v2[1]?.int, let encoding = v2[4]?.int, let levelBytes = v2[5]?.int else {
                    throw PipelineError(.malformedFile, "a v2 data page header is malformed")
                }
                let repetitionBytes = v2[6]?.int ?? 0
                let levelStart = body.startIndex + repetitionBytes, valueStart = levelStart + levelBytes
                guard valueStart <= body.endIndex else { throw PipelineError(.malformedFile, "definition levels run past the page") }
                let levelData = Array(body[levelStart..<valueStart])
                let levels = optional
                    ? try RLEHybrid.decode(levelData, from: 0, to: levelData.count, bitWidth: 1, count: n, column: name).map { $0 == 1 }
                    : [Bool](repeating: true, count: n)
                let compressed = v2[7]?.boolValue ?? true
                let page = compressed
                    ? try ParquetCompression.decompress(body[valueStart...], codec: codec, size: size - levelBytes - repetitionBytes, column: name)
                    : Array(body[valueStart...])
                try appendPage(levels: levels, values: page, from: 0, encoding: encoding, dictionary: dictionary)
                read += n
            default:
                continue
            }
        }
    }

    private mutating func appendPage(levels: [Bool], values page: [UInt8], from p: Int, encoding: Int, dictionary: Decoded?) throws {
        let present = levels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let decoded: Decoded
        switch Int32(encoding) {
        case ParquetFormat.Encoding.plain:
            decoded = try decodePlain(page, from: p, count: present)
        case ParquetFormat.Encoding.plainDictionary, ParquetFormat.Encoding.rleDictionary:
            guard let dictionary else { throw PipelineError(.malformedFile, "a dictionary-encoded page comes without a dictionary") }
            guard p < page.count || present == 0 else { throw PipelineError(.malformedFile, "a dictionary page is empty") }
            let indices = present == 0 ? [] : try RLEHybrid.decode(page, from: p + 1, to: page.count, bitWidth: Int(page[p]), count: present, column: name)
            decoded = try dictionary.gathering(indices)
        case ParquetFormat.Encoding.rle where physical == .boolean:
            let length = try u32(page, at: p)
            guard p + 4 + length <= page.count else { throw PipelineError(.malformedFile, "RLE booleans run past the page") }
            decoded = .bool(try RLEHybrid.decode(page, from: p + 4, to: p + 4 + length, bitWidth: 1, count: present, column: name).map { $0 == 1 })
        default:
            throw PipelineError(.malformedFile, "encoding \(encoding) is not supported",
                                hint: "write with PLAIN or dictionary encoding (pyarrow's defaults)")
        }
        guard decoded.count == present else { throw PipelineError(.malformedFile, "a page holds \(decoded.count) values for \(present) defined rows") }
        pages.append(decoded)
        defined.append(contentsOf: levels)
    }

    private func u32(_ page: [UInt8], at p: Int) throws -> Int {
        guard p + 4 <= page.count else { throw PipelineError(.malformedFile, "a page is truncated") }
        return Int(UInt32(page[p]) | UInt32(page[p + 1]) << 8 | UInt32(page[p + 2]) << 16 | UInt32(page[p + 3]) << 24)
    }

    /// `count` PLAIN-encoded values of the column's physical type.
    private func decodePlain(_ page: [UInt8], from start: Int, count: Int) throws -> Decoded {
        func need(_ bytes: Int) throws {
            guard start + bytes <= page.count else { throw PipelineError(.malformedFile, "a page holds fewer values than its header says") }
        }
        func fixed<T>(_ width: Int, _ read: (Int) -> T) throws -> [T] {
            try need(width * count)
            return (0..<count).map { read(start + $0 * width) }
        }
        func le(_ p: Int, _ width: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<width { v |= UInt64(page[p + k]) << (8 * UInt64(k)) }
            return v
        }
        switch physical {
        case .boolean:
            try need((count + 7) / 8)
            return .bool((0..<count).map { page[start + $0 / 8] >> ($0 % 8) & 1 == 1 })
        case .int32: return .int64(try fixed(4) { Int64(Int32(bitPattern: UInt32(le($0, 4)))) })
        case .int64: return .int64(try fixed(8) { Int64(bitPattern: le($0, 8)) })
        case .float: return .double(try fixed(4) { Double(Float(bitPattern: UInt32(le($0, 4)))) })
        case .double: return .double(try fixed(8) { Double(bitPattern: le($0, 8)) })
        case .int96:
            // Nanoseconds within the day, then the Julian day number (2440588 is 1970-01-01).
            return .int64(try fixed(12) { p in
                (Int64(le(p + 8, 4)) - 2_440_588) * 86_400_000_000 + Int64(bitPattern: le(p, 8)) / 1000
            })
        case .byteArray:
            var out: [String] = []
            out.reserveCapacity(count)
            var p = start
            for _ in 0..<count {
                let length = try u32(page, at: p)
                guard p + 4 + length <= page.count else { throw PipelineError(.malformedFile, "a string runs past the page") }
                out.append(String(decoding: page[p + 4..<p + 4 + length], as: UTF8.self))
                p += 4 + length
            }
            return .text(out)
        case .fixedLenByteArray:
            throw PipelineError(.malformedFile, "FIXED_LEN_BYTE_ARRAY is not supported")
        }
    }

    /// The finished column: values spread over the rows, nulls where the level says undefined.
    func column() throws -> Column {
        let nulls = defined.map { !$0 }
        func spread<T>(_ present: [T], _ zero: T) -> [T] {
            var out = [T](repeating: zero, count: defined.count)
            var k = 0
            for i in defined.indices where defined[i] { out[i] = present[k]; k += 1 }
            return out
        }
        switch kind.joined(pages) {
        case .bool(let a): return Column(name, bools: spread(a, false), nulls: nulls)
        case .double(let a): return Column(name, doubles: spread(a, 0), nulls: nulls)
        case .text(let a): return Column(name, strings: spread(a, ""), nulls: nulls)
        case .int64(let a):
            if type == .timestamp {
                let micros = a.map { timeScale >= 0 ? $0 &* timeScale : $0 / -timeScale }
                return Column(name, timestamps: spread(micros, 0), nulls: nulls)
            }
            return Column(name, ints: spread(a.map { Int($0) }, 0), nulls: nulls)
        }
    }
}
