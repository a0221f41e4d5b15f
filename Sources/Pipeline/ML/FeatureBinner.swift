/// Maps each feature to at most 255 ordered bins (bin 255 holds missing values), as
/// scikit-learn's HistGradientBoosting does, so tree growing scans 255 histogram cells per
/// feature instead of sorting values.
struct FeatureBinner: Sendable {
    static let missingBin = 255
    static let maxBins = 255

    /// Per feature, ascending upper edges: value v falls in bin k when edges[k-1] < v <= edges[k].
    let edges: [[Double]]

    /// Edges are midpoints between consecutive distinct values when there are few of them,
    /// else quantiles of (at most 200,000 sampled) training values.
    init(fitting x: FeatureMatrix, seed: UInt64 = 0) {
        var generator = SeededGenerator(seed: seed)
        let sample: [Int]? = x.rowCount > 200_000
            ? Array((0..<x.rowCount).shuffled(using: &generator).prefix(200_000)).sorted() : nil
        edges = Parallel.map(x.featureCount) { f in FeatureBinner.edges(of: x.columns[f], sample: sample) }
    }

    private static func edges(of column: [Double], sample: [Int]?) -> [Double] {
        var values = (sample.map { s in s.map { column[$0] } } ?? column).filter { !$0.isNaN }
        values.sort()
        var distinct: [Double] = []
        for v in values where distinct.last != v {
            distinct.append(v)
            if distinct.count > maxBins { break }
        }
        if distinct.count <= maxBins {
            return zip(distinct, distinct.dropFirst()).map { ($0 + $1) / 2 }
        }
        // Quantile edges (linear interpolation), deduplicated.
        var out: [Double] = []
        for k in 1..<maxBins {
            let position = Double(k) / Double(maxBins) * Double(values.count - 1)
            let lo = Int(position), frac = position - Double(lo)
            let q = lo + 1 < values.count ? values[lo] + frac * (values[lo + 1] - values[lo]) : values[lo]
            if out.last.map({ q > $0 }) ?? true { out.append(q) }
        }
        return out
    }

    /// Number of non-missing bins of feature `j`.
    func binCount(_ j: Int) -> Int { edges[j].count + 1 }

    /// Column-major bin codes; features are binned on separate cores (each column is
    /// independent, so the result does not depend on how many there are).
    func transform(_ x: FeatureMatrix) -> BinnedFeatures {
        let n = x.rowCount, d = x.featureCount
        var codes = [UInt8](repeating: 0, count: n * d)
        codes.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            let encode = { (f: Int) in
                let e = self.edges[f], target = base + f * n
                x.columns[f].withUnsafeBufferPointer { column in
                    for i in 0..<n { target[i] = FeatureBinner.code(column[i], e) }
                }
            }
            if n * d >= 50_000 {
                Parallel.forEach(d, encode)
            } else {
                for f in 0..<d { encode(f) }
            }
        }
        return BinnedFeatures(rowCount: n, featureCount: d, codes: codes, binCounts: edges.indices.map(binCount))
    }

    /// The bin of `v` under ascending `edges`: the first edge >= v, or the missing bin for NaN.
    @inline(__always) static func code(_ v: Double, _ edges: [Double]) -> UInt8 {
        if v.isNaN { return UInt8(missingBin) }
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if edges[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return UInt8(lo)
    }
}
