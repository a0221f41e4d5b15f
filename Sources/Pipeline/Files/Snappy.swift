/// Snappy block compression (the raw format Parquet's SNAPPY codec uses): a varint of the
/// uncompressed length, then literals and back-references.
///
/// The compressor finds matches of four or more bytes through a hash table of recent positions and
/// emits them as 2-byte-offset copies (so references reach back at most 65,535 bytes); everything
/// else is literal. The decompressor accepts all element kinds and checks every bound.
enum Snappy {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 2 + 16)
        var n = UInt64(input.count)
        while n >= 0x80 { out.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
        out.append(UInt8(n))
        guard input.count >= 8 else {
            appendLiteral(input[...], to: &out)
            return out
        }
        let tableBits = 14
        var table = [Int32](repeating: -1, count: 1 << tableBits)
        input.withUnsafeBufferPointer { p in
            func load(_ i: Int) -> UInt32 {
                UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24
            }
            func hash(_ v: UInt32) -> Int { Int((v &* 0x1E35_A7BD) >> UInt32(32 - tableBits)) }
            var literalStart = 0, i = 0
            let last = input.count - 4
            while i <= last {
                let v = load(i), h = hash(v)
                let candidate = Int(table[h])
                table[h] = Int32(i)
                guard candidate >= 0, i - candidate <= 65535, load(candidate) == v else { i += 1; continue }
                var length = 4
                while i + length < input.count, p[candidate + length] == p[i + length] { length += 1 }
                appendLiteral(input[literalStart..<i], to: &out)
                appendCopy(offset: i - candidate, length: length, to: &out)
                i += length
                literalStart = i
                if i - 1 <= last { table[hash(load(i - 1))] = Int32(i - 1) }
            }
            appendLiteral(input[literalStart...], to: &out)
        }
        return out
    }

    private static func appendLiteral(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let n = bytes.count - 1
        if n < 60 {
            out.append(UInt8(n << 2))
        } else {
            let width = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4
            out.append(UInt8((59 + width) << 2))
            for k in 0..<width { out.append(UInt8((n >> (8 * k)) & 0xFF)) }
        }
        out.append(contentsOf: bytes)
    }

    /// Copies of up to 64 bytes each (tag 2: length − 1 in the tag, 16-bit offset).
    private static func appendCopy(offset: Int, length: Int, to out: inout [UInt8]) {
        var remaining = length
        while remaining > 0 {
            let piece = Swift.min(remaining, 64)
            out.append(UInt8(((piece - 1) << 2) | 2))
            out.append(UInt8(offset & 0xFF))
            out.append(UInt8(offset >> 8))
            remaining -= piece
        }
    }

    static func decompress(_ input: ArraySlice<UInt8>) throws -> [UInt8] {
        var i = input.startIndex
        func corrupt(_ what: String) -> PipelineError { PipelineError(.malformedFile, "snappy data is corrupt: \(what)") }
        var length = 0, shift = 0
        while true {
            guard i < input.endIndex, shift < 35 else { throw corrupt("bad length header") }
            let b = input[i]; i += 1
            length |= Int(b & 0x7F) << shift
            shift += 7
            if b < 0x80 { break }
        }
        var out: [UInt8] = []
        out.reserveCapacity(length)
        while i < input.endIndex {
            let tag = input[i]; i += 1
            switch tag & 3 {
            case 0:
                var n = Int(tag >> 2)
                if n >= 60 {
                    let width = n - 59
                    guard i + width <= input.endIndex else { throw corrupt("truncated literal length") }
                    n = 0
                    for k in 0..<width { n |= Int(input[i + k]) << (8 * k) }
                    i += width
                }
                n += 1
                guard i + n <= input.endIndex, out.count + n <= length else { throw corrupt("literal runs past the end") }
                out.append(contentsOf: input[i..<i + n])
                i += n
            default:
                let (n, offset): (Int, Int)
                switch tag & 3 {
                case 1:
                    guard i < input.endIndex else { throw corrupt("truncated copy") }
                    n = Int((tag >> 2) & 7) + 4
                    offset = Int(tag >> 5) << 8 | Int(input[i]); i += 1
                case 2:
                    guard i + 2 <= input.endIndex else { throw corrupt("truncated copy") }
                    n = Int(tag >> 2) + 1
                    offset = Int(input[i]) | Int(input[i + 1]) << 8; i += 2
                default:
                    guard i + 4 <= input.endIndex else { throw corrupt("truncated copy") }
                    n = Int(tag >> 2) + 1
                    offset = Int(input[i]) | Int(input[i + 1]) << 8 | Int(input[i + 2]) << 16 | Int(input[i + 3]) << 24; i += 4
                }
                guard offset > 0, offset <= out.count, out.count + n <= length else { throw corrupt("copy out of range") }
                let start = out.count - offset
                for k in 0..<n { out.append(out[start + k]) }
            }
        }
        guard out.count == length else { throw corrupt("\(out.count) bytes, header says \(length)") }
        return out
    }
}
