import CZlib

/// gzip (RFC 1952) through the system zlib: Parquet's GZIP codec.
enum Gzip {
    static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PipelineError(.io, "gzip: cannot initialise zlib")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let status: Int32 = input.withUnsafeBufferPointer { inPtr in
            output.withUnsafeMutableBufferPointer { outPtr in
                stream.next_in = UnsafeMutablePointer(mutating: inPtr.baseAddress)
                stream.avail_in = uInt(inPtr.count)
                stream.next_out = outPtr.baseAddress
                stream.avail_out = uInt(outPtr.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw PipelineError(.io, "gzip: compression failed (zlib status \(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Inflates gzip (or zlib) data; `expectedSize` sizes the buffer when known.
    static func decompress(_ input: ArraySlice<UInt8>, expectedSize: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PipelineError(.io, "gzip: cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Swift.max(expectedSize, 64))
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { inPtr in
            stream.next_in = UnsafeMutablePointer(mutating: inPtr.baseAddress)
            stream.avail_in = uInt(inPtr.count)
            while status != Z_STREAM_END {
                if Int(stream.total_out) == output.count { output.append(contentsOf: [UInt8](repeating: 0, count: output.count)) }
                let produced = Int(stream.total_out)
                status = output.withUnsafeMutableBufferPointer { outPtr in
                    stream.next_out = outPtr.baseAddress! + produced
                    stream.avail_out = uInt(outPtr.count - produced)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                if status != Z_OK && status != Z_STREAM_END && !(status == Z_BUF_ERROR && stream.avail_out == 0) {
                    throw PipelineError(.malformedFile, "gzip data is corrupt (zlib status \(status))")
                }
                if status == Z_BUF_ERROR, stream.avail_in == 0 { throw PipelineError(.malformedFile, "gzip data is truncated") }
            }
        }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
