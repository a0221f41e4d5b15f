/// Page compression for Parquet files.
public enum ParquetCompression: String, Sendable, CaseIterable {
    case none = "uncompressed", snappy, gzip

    /// Parquet's CompressionCodec number.
    var codec: Int32 {
        switch self {
        case .none: return 0
        case .snappy: return 1
        case .gzip: return 2
        }
    }

    func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        switch self {
        case .none: return bytes
        case .snappy: return Snappy.compress(bytes)
        case .gzip: return try Gzip.compress(bytes)
        }
    }

    static func decompress(_ bytes: ArraySlice<UInt8>, codec: Int, size: Int, column: String) throws -> [UInt8] {
        switch codec {
        case 0: return Array(bytes)
        case 1: return try Snappy.decompress(bytes)
        case 2: return try Gzip.decompress(bytes, expectedSize: size)
        default:
            let names = [3: "LZO", 4: "Brotli", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW"]
            throw PipelineError(.malformedFile, "column `\(column)` uses \(names[codec] ?? "codec \(codec)") compression, which Propel cannot read",
                                hint: "write the file with compression \"snappy\", \"gzip\" or none")
        }
    }
}

/// Numbers from the Parquet format's Thrift definitions (parquet.thrift).
enum ParquetFormat {
    static let magic: [UInt8] = Array("PAR1".utf8)

    enum PhysicalType: Int {
        case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
    }

    enum Encoding {
        static let plain: Int32 = 0, plainDictionary: Int32 = 2, rle: Int32 = 3, rleDictionary: Int32 = 8
    }

    enum PageType {
        static let data = 0, index = 1, dictionary = 2, dataV2 = 3
    }

    enum ConvertedType {
        static let utf8: Int32 = 0, date: Int32 = 6, timestampMillis: Int32 = 9, timestampMicros: Int32 = 10
    }

    enum Repetition {
        static let required: Int32 = 0, optional: Int32 = 1
    }
}
