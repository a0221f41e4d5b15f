/// Every feature's bin codes in one column-major buffer: feature `f` occupies
/// `codes[f·rowCount ..< (f+1)·rowCount]`. One byte per value keeps a 100,000-row column at
/// 100 KB, so a histogram pass over a node's rows stays in the L2 cache, and a root pass streams
/// the column contiguously.
struct BinnedFeatures: Sendable {
    let rowCount: Int
    let featureCount: Int
    let codes: [UInt8]
    /// Non-missing bins per feature: codes are below this or the missing bin, so histogram work
    /// can skip the empty bins in between.
    let binCounts: [Int]

    init(rowCount: Int, featureCount: Int, codes: [UInt8], binCounts: [Int]) {
        precondition(codes.count == rowCount * featureCount, "one code per row and feature")
        precondition(binCounts.count == featureCount && binCounts.allSatisfy { $0 <= FeatureBinner.missingBin },
                     "one bin count per feature, below the missing bin")
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.codes = codes
        self.binCounts = binCounts
    }

    @inline(__always) subscript(feature f: Int, row i: Int) -> UInt8 { codes[f * rowCount + i] }
}
