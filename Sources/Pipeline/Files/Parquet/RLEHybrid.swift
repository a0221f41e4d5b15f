/// Parquet's RLE / bit-packing hybrid encoding, used for definition levels and dictionary indices.
enum RLEHybrid {
    /// Encodes 0/1 levels as RLE runs (bit width 1), one run per stretch of equal values.
    static func encodeLevels(_ levels: [Bool]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < levels.count {
            var j = i + 1
            while j < levels.count, levels[j] == levels[i] { j += 1 }
            Thrift.varint(UInt64(j - i) << 1, into: &out)
            out.append(levels[i] ? 1 : 0)
            i = j
        }
        return out
    }

    /// Encodes `values` of `bitWidth` bits (1…32): stretches of 8 or more equal values as RLE
    /// runs, the rest bit-packed in groups of 8 (only the last group is padded, with zeros).
    static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        func literals(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            let groups = (range.count + 7) / 8
            Thrift.varint(UInt64(groups) << 1 | 1, into: &out)
            var bits: UInt64 = 0, used = 0
            for k in 0..<groups * 8 {
                bits |= UInt64(range.lowerBound + k < range.upperBound ? values[range.lowerBound + k] : 0) << UInt64(used)
                used += bitWidth
                while used >= 8 { out.append(UInt8(truncatingIfNeeded: bits)); bits >>= 8; used -= 8 }
            }
        }
        var i = 0, pending = 0   // values[pending..<i] wait to be bit-packed
        while i < values.count {
            var j = i + 1
            while j < values.count, values[j] == values[i] { j += 1 }
            // A bit-packed run must hold whole groups: the stretch first completes the waiting group.
            let fill = (8 - (i - pending) % 8) % 8
            if j - i - fill >= 8 {
                literals(pending..<i + fill)
                Thrift.varint(UInt64(j - i - fill) << 1, into: &out)
                for k in 0..<(bitWidth + 7) / 8 { out.append(UInt8(truncatingIfNeeded: values[i] >> (8 * UInt32(k)))) }
                pending = j
            }
            i = j
        }
        literals(pending..<values.count)
        return out
    }

    /// Decodes `count` values of `bitWidth` bits from `bytes[start..<end]`.
    static func decode(_ bytes: [UInt8], from start: Int, to end: Int, bitWidth: Int, count: Int, column: String) throws -> [UInt32] {
        func corrupt() -> PipelineError { PipelineError(.malformedFile, "column `\(column)`: corrupt RLE / bit-packed data") }
        guard (0...32).contains(bitWidth) else { throw corrupt() }
        var out: [UInt32] = []
        out.reserveCapacity(count)
        var p = start
        let byteWidth = (bitWidth + 7) / 8
        while out.count < count {
            var header: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard p < end, shift < 64 else { throw corrupt() }
                let b = bytes[p]; p += 1
                header |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            if header & 1 == 0 {
                let run = Int(header >> 1)
                guard p + byteWidth <= end else { throw corrupt() }
                var value: UInt32 = 0
                for k in 0..<byteWidth { value |= UInt32(bytes[p + k]) << (8 * UInt32(k)) }
                p += byteWidth
                out.append(contentsOf: repeatElement(value, count: Swift.min(run, count - out.count)))
            } else {
                let values = Int(header >> 1) * 8
                // A final group may be cut short by the end of the data; bits past it are an error.
                let available = Swift.min(values * bitWidth / 8, end - p)
                var bitPosition = 0
                let mask = bitWidth == 32 ? UInt64(UInt32.max) : (1 << UInt64(bitWidth)) - 1
                for _ in 0..<values {
                    guard out.count < count else { break }
                    // The value's bytes (at most five), least significant first.
                    let first = bitPosition / 8, last = (bitPosition + bitWidth - 1) / 8
                    guard bitWidth == 0 || last < available else { throw corrupt() }
                    var word: UInt64 = 0
                    if bitWidth > 0 { for k in first...last { word |= UInt64(bytes[p + k]) << (8 * UInt64(k - first)) } }
                    out.append(UInt32(truncatingIfNeeded: (word >> UInt64(bitPosition % 8)) & mask))
                    bitPosition += bitWidth
                }
                p += available
            }
        }
        return out
    }
}
