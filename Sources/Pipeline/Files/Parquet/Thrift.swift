/// Thrift's compact protocol, which Parquet uses for its footer and page headers: values are
/// built and read as a small tree, so the Parquet code reads like the format's field tables.
indirect enum Thrift {
    case bool(Bool)
    case i8(Int8)
    case i16(Int16)
    case i32(Int32)
    case i64(Int64)
    case double(Double)
    case binary([UInt8])
    case list(ElementType, [Thrift])
    /// Fields by id, in increasing id order when written.
    case structure([(Int16, Thrift)])

    enum ElementType: UInt8 {
        case boolTrue = 1, boolFalse = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8
        case list = 9, set = 10, map = 11, structure = 12
    }

    static func string(_ s: String) -> Thrift { .binary(Array(s.utf8)) }

    /// The field `id` of a struct.
    subscript(id: Int16) -> Thrift? {
        guard case .structure(let fields) = self else { return nil }
        return fields.first { $0.0 == id }?.1
    }

    var int: Int? {
        switch self {
        case .i8(let v): return Int(v)
        case .i16(let v): return Int(v)
        case .i32(let v): return Int(v)
        case .i64(let v): return Int(v)
        default: return nil
        }
    }

    var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    var text: String? { if case .binary(let b) = self { return String(decoding: b, as: UTF8.self) }; return nil }
    var items: [Thrift] { if case .list(_, let items) = self { return items }; return [] }

    private var elementType: ElementType {
        switch self {
        case .bool(let b): return b ? .boolTrue : .boolFalse
        case .i8: return .i8
        case .i16: return .i16
        case .i32: return .i32
        case .i64: return .i64
        case .double: return .double
        case .binary: return .binary
        case .list: return .list
        case .structure: return .structure
        }
    }

    // MARK: Writing

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .bool(let b): out.append(b ? 1 : 2)  // only inside lists; struct fields carry it in the header
        case .i8(let v): out.append(UInt8(bitPattern: v))
        case .i16(let v): Thrift.varint(Thrift.zigzag(Int64(v)), into: &out)
        case .i32(let v): Thrift.varint(Thrift.zigzag(Int64(v)), into: &out)
        case .i64(let v): Thrift.varint(Thrift.zigzag(v), into: &out)
        case .double(let d): withUnsafeBytes(of: d.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        case .binary(let b):
            Thrift.varint(UInt64(b.count), into: &out)
            out.append(contentsOf: b)
        case .list(let type, let items):
            if items.count < 15 { out.append(UInt8(items.count) << 4 | type.rawValue) } else {
                out.append(0xF0 | type.rawValue)
                Thrift.varint(UInt64(items.count), into: &out)
            }
            for item in items { item.write(into: &out) }
        case .structure(let fields):
            var last: Int16 = 0
            for (id, value) in fields {
                let type = value.elementType.rawValue
                if id > last, id - last <= 15 { out.append(UInt8(id - last) << 4 | type) } else {
                    out.append(type)
                    Thrift.varint(Thrift.zigzag(Int64(id)), into: &out)
                }
                if case .bool = value {} else { value.write(into: &out) }
                last = id
            }
            out.append(0)
        }
    }

    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    // MARK: Reading

    /// Reads one struct starting at `position`, advancing it past the struct.
    static func readStruct(_ bytes: [UInt8], at position: inout Int) throws -> Thrift {
        var reader = Reader(bytes: bytes, position: position)
        let value = try reader.structure(depth: 0)
        position = reader.position
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var position: Int

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw PipelineError(.malformedFile, "Parquet metadata is truncated") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() throws -> UInt64 {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw PipelineError(.malformedFile, "Parquet metadata has an overlong integer") }
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }

        mutating func zigzag() throws -> Int64 {
            let v = try varint()
            return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
        }

        mutating func structure(depth: Int) throws -> Thrift {
            guard depth < 64 else { throw PipelineError(.malformedFile, "Parquet metadata is nested too deeply") }
            var fields: [(Int16, Thrift)] = []
            var last: Int16 = 0
            while true {
                let header = try byte()
                if header == 0 { return .structure(fields) }
                let delta = header >> 4
                let id = delta == 0 ? Int16(truncatingIfNeeded: try zigzag()) : last &+ Int16(delta)
                guard let type = ElementType(rawValue: header & 0x0F) else {
                    throw PipelineError(.malformedFile, "Parquet metadata has an unknown field type \(header & 0x0F)")
                }
                let value: Thrift
                switch type {
                case .boolTrue: value = .bool(true)
                case .boolFalse: value = .bool(false)
                default: value = try self.value(type, depth: depth)
                }
                fields.append((id, value))
                last = id
            }
        }

        mutating func value(_ type: ElementType, depth: Int) throws -> Thrift {
            switch type {
            case .boolTrue, .boolFalse: return .bool(try byte() == 1)
            case .i8: return .i8(Int8(bitPattern: try byte()))
            case .i16: return .i16(Int16(truncatingIfNeeded: try zigzag()))
            case .i32: return .i32(Int32(truncatingIfNeeded: try zigzag()))
            case .i64: return .i64(try zigzag())
            case .double:
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(try byte()) << (8 * UInt64(k)) }
                return .double(Double(bitPattern: bits))
            case .binary:
                let n = Int(try varint())
                guard n >= 0, position + n <= bytes.count else { throw PipelineError(.malformedFile, "Parquet metadata is truncated") }
                defer { position += n }
                return .binary(Array(bytes[position..<position + n]))
            case .list, .set:
                let header = try byte()
                var count = Int(header >> 4)
                if count == 15 { count = Int(try varint()) }
                guard let element = ElementType(rawValue: header & 0x0F), count <= bytes.count - position + 1 else {
                    throw PipelineError(.malformedFile, "Parquet metadata has a malformed list")
                }
                var items: [Thrift] = []
                for _ in 0..<count { items.append(try value(element, depth: depth + 1)) }
                return .list(element, items)
            case .map:
                let count = Int(try varint())
                guard count > 0 else { return .list(.structure, []) }
                let types = try byte()
                guard let k = ElementType(rawValue: types >> 4), let v = ElementType(rawValue: types & 0x0F),
                      count <= bytes.count - position else {
                    throw PipelineError(.malformedFile, "Parquet metadata has a malformed map")
                }
                var pairs: [Thrift] = []
                for _ in 0..<count {
                    let key = try value(k, depth: depth + 1), item = try value(v, depth: depth + 1)
                    pairs.append(.structure([(Int16(1), key), (Int16(2), item)]))
                }
                return .list(.structure, pairs)
            case .structure: return try structure(depth: depth + 1)
            }
        }
    }
}
