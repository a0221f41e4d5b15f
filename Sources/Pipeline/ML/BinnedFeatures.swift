/// Every feature's bin codes, twice: column-major (feature `f` occupies
/// `codes[f·rowCount ..< (f+1)·rowCount]`), which partitioning a node by one feature streams,
/// and row-major (row `i` occupies `rowCodes[i·featureCount ..< (i+1)·featureCount]`), which
/// building a node's histogram reads — one cache line per row for all features instead of one
/// per feature. One byte per value keeps both small (1.4 MB each at 100,000 × 14).
struct BinnedFeatures: Sendable {
    let rowCount: Int
    let featureCount: Int
    let codes: [UInt8]
    let rowCodes: [UInt8]

    init(rowCount: Int, featureCount: Int, codes: [UInt8]) {
        precondition(codes.count == rowCount * featureCount, "one code per row and feature")
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.codes = codes
        var rowCodes = [UInt8](repeating: 0, count: codes.count)
        for f in 0..<featureCount {
            for i in 0..<rowCount { rowCodes[i * featureCount + f] = codes[f * rowCount + i] }
        }
        self.rowCodes = rowCodes
    }

    @inline(__always) subscript(feature f: Int, row i: Int) -> UInt8 { codes[f * rowCount + i] }
}
