import CSQLite

/// The arguments SQLite passes to a custom function, read without copying into `Value`s
/// (functions run once per row, so this is the hot path of every feature query).
public struct SQLiteArguments {
    let argv: UnsafeMutablePointer<OpaquePointer?>?
    public let count: Int

    init(_ argc: Int32, _ argv: UnsafeMutablePointer<OpaquePointer?>?) {
        self.argv = argv
        self.count = Int(argc)
    }

    @inline(__always) func raw(_ i: Int) -> OpaquePointer? { argv![i] }

    public func isNull(_ i: Int) -> Bool { sqlite3_value_type(raw(i)) == SQLITE_NULL }
    public func double(_ i: Int) -> Double { sqlite3_value_double(raw(i)) }
    public func int(_ i: Int) -> Int { Int(sqlite3_value_int64(raw(i))) }
    public func text(_ i: Int) -> String {
        guard let p = sqlite3_value_text(raw(i)) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(raw(i)))), as: UTF8.self)
    }

    /// True for INTEGER and FLOAT values (and text SQLite can read as a number is *not* numeric).
    public func isNumeric(_ i: Int) -> Bool {
        let t = sqlite3_value_type(raw(i))
        return t == SQLITE_INTEGER || t == SQLITE_FLOAT
    }

    /// Argument `i` as microseconds since the epoch: timestamp text (any ISO form) or a number of
    /// microseconds. Nil for NULL or unparsable text.
    public func timestampMicros(_ i: Int) -> Int64? {
        switch sqlite3_value_type(raw(i)) {
        case SQLITE_INTEGER: return sqlite3_value_int64(raw(i))
        case SQLITE_FLOAT: return Int64(sqlite3_value_double(raw(i)))
        case SQLITE_TEXT:
            guard let p = sqlite3_value_text(raw(i)) else { return nil }
            return TimestampText.parse(UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(raw(i)))))
        default: return nil
        }
    }

    /// A uniform number in [0, 1) determined by the arguments' values alone (MurmurHash3 of
    /// their bytes): what `seeded_random(seed, key…)` returns.
    public func hashUniform() -> Double {
        // The key is laid out in a buffer on the stack: called once per row, an array per call
        // was most of the function's cost.
        var length = 0
        for i in 0..<count {
            switch sqlite3_value_type(raw(i)) {
            case SQLITE_INTEGER, SQLITE_FLOAT: length += 8
            case SQLITE_NULL: break
            default: length += sqlite3_value_text(raw(i)) == nil ? 0 : Int(sqlite3_value_bytes(raw(i)))
            }
            length += 1
        }
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 8) { buffer in
            var used = 0
            func put(_ bytes: UnsafeRawBufferPointer) {
                if let base = bytes.baseAddress, bytes.count > 0 { (buffer.baseAddress! + used).copyMemory(from: base, byteCount: bytes.count) }
                used += bytes.count
            }
            for i in 0..<count {
                switch sqlite3_value_type(raw(i)) {
                case SQLITE_INTEGER: withUnsafeBytes(of: sqlite3_value_int64(raw(i)).littleEndian, put)
                case SQLITE_FLOAT: withUnsafeBytes(of: sqlite3_value_double(raw(i)).bitPattern.littleEndian, put)
                case SQLITE_NULL: break
                default:
                    if let p = sqlite3_value_text(raw(i)) { put(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_value_bytes(raw(i))))) }
                }
                withUnsafeBytes(of: UInt8(0xff), put)
            }
            return Self.uniform(hashing: UnsafeRawBufferPointer(buffer))
        }
    }

    /// MurmurHash3 of `bytes` as a uniform number in [0, 1).
    static func uniform(hashing bytes: [UInt8]) -> Double {
        bytes.withUnsafeBytes { uniform(hashing: $0) }
    }

    static func uniform(hashing bytes: UnsafeRawBufferPointer) -> Double {
        let (h, _) = MurmurHash3.x64_128(bytes)
        return Double(h >> 11) * 0x1p-53
    }

    public func value(_ i: Int) -> Value {
        switch sqlite3_value_type(raw(i)) {
        case SQLITE_INTEGER: return .int(int(i))
        case SQLITE_FLOAT: return .double(double(i))
        case SQLITE_NULL: return .null
        default: return .string(text(i))
        }
    }
}

/// Sets a function's result from a `Value`.
func setResult(_ context: OpaquePointer?, _ value: Value) {
    switch value {
    case .null: sqlite3_result_null(context)
    case .int(let x): sqlite3_result_int64(context, Int64(x))
    case .double(let x): x.isNaN ? sqlite3_result_null(context) : sqlite3_result_double(context, x)
    case .bool(let b): sqlite3_result_int64(context, b ? 1 : 0)
    case .string(let s):
        var s = s
        s.withUTF8 { sqlite3_result_text(context, cText($0), Int32($0.count), transientDestructor) }
    case .timestamp(let t):
        TimestampText.withFormatted(t.microseconds) { sqlite3_result_text(context, $0, Int32(TimestampText.width), transientDestructor) }
    }
}

func setError(_ context: OpaquePointer?, _ error: Error) {
    let text = (error as? PipelineError)?.message ?? "\(error)"
    sqlite3_result_error(context, text, -1)
}
