/// (Σa, Σb, count) per bin of every feature over one tree node's rows: 256 bins per feature,
/// feature-major, bin 255 holding missing values. A split is read off these sums, and a child's
/// histogram is its parent's minus its sibling's, so only the smaller child is ever scanned.
///
/// Stored as two parallel arrays rather than one array of (a, b, n) cells: a row's (a, b) pair
/// is added to its bin's sums with one 16-byte vector add and its count is a separate 4-byte
/// add, which the inner loop issues faster than a 24-byte cell's three fields.
struct Histogram {
    struct Cell {
        var a = 0.0, b = 0.0, n = 0

        @inline(__always) mutating func add(_ other: Cell) { a += other.a; b += other.b; n += other.n }
    }

    static let width = 256
    /// Below this many rows one partial histogram suffices; above, four interleaved partials
    /// break the store-to-load chain when consecutive rows share a bin (common for counts).
    private static let interleaveFrom = 2_048
    /// Rows × features below which threads cost more than they save.
    private static let parallelFrom = 60_000

    /// (Σa, Σb) per feature bin, `[f · width + bin]`.
    private(set) var sums: [SIMD2<Double>]
    /// Rows per feature bin, same layout.
    private(set) var counts: [Int32]
    /// The node's totals over all its rows.
    private(set) var total: Cell

    private init(sums: [SIMD2<Double>], counts: [Int32], total: Cell) {
        self.sums = sums
        self.counts = counts
        self.total = total
    }

    /// Holds nothing: what a finished node keeps so its arrays can be reused by a child.
    static var empty: Histogram { Histogram(sums: [], counts: [], total: Cell()) }

    @inline(__always) subscript(feature f: Int, bin k: Int) -> Cell {
        let i = f * Histogram.width + k, s = sums[i]
        return Cell(a: s.x, b: s.y, n: Int(counts[i]))
    }

    /// Sums over every row (0..<rowCount in order) when `rows` is nil, else over `rows` (no
    /// repeats when `sparse` is given). A feature of `sparse` with at most half as many uncommon
    /// rows as the node visits only those (rows of the node are flagged in `members`, which is
    /// all zero before and after); any other feature visits the node's rows, whose (a, b) pairs
    /// are gathered into `scratch` first so each feature pass streams them. The node's total is
    /// added up in row order in that same pass over its rows; over every row the caller may pass
    /// it as `everyRowTotal` (boosting adds it up while refreshing the pairs). Features run on
    /// separate cores (see `Parallel`); each feature's sums are accumulated in one fixed order,
    /// so the result does not depend on the thread count.
    init(binned: BinnedFeatures, sparse: SparseBins?, rows: UnsafeBufferPointer<Int32>?, pairs: UnsafePointer<SIMD2<Double>>,
         scratch: UnsafeMutablePointer<SIMD2<Double>>, members: UnsafeMutablePointer<UInt8>, everyRowTotal: SIMD2<Double>? = nil) {
        let features = binned.featureCount, width = Histogram.width
        let m = rows?.count ?? binned.rowCount
        let uncommonOnly = (0..<features).map { f in sparse.map { 2 * $0.columns[f].rows.count <= m } ?? false }
        let flagsMembers = rows != nil && uncommonOnly.contains(true)
        let gathers = rows != nil && uncommonOnly.contains(false)
        let total: Cell
        if let rows {
            // One pass per combination, so the loop carries no tests.
            var sum = SIMD2<Double>.zero
            switch (gathers, flagsMembers) {
            case (true, true):
                for k in 0..<m { let row = Int(rows[k]), pair = pairs[row]; scratch[k] = pair; members[row] = 1; sum += pair }
            case (true, false):
                for k in 0..<m { let pair = pairs[Int(rows[k])]; scratch[k] = pair; sum += pair }
            case (false, true):
                for k in 0..<m { let row = Int(rows[k]); members[row] = 1; sum += pairs[row] }
            case (false, false):
                for k in 0..<m { sum += pairs[Int(rows[k])] }
            }
            total = Cell(a: sum.x, b: sum.y, n: m)
        } else if let everyRowTotal {
            total = Cell(a: everyRowTotal.x, b: everyRowTotal.y, n: m)
        } else {
            total = Histogram.total(rows: nil, rowCount: binned.rowCount, pairs: pairs)
        }
        self.total = total
        let ordered = rows == nil ? pairs : UnsafePointer(scratch)
        sums = [SIMD2<Double>](repeating: .zero, count: features * width)
        counts = [Int32](repeating: 0, count: features * width)
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                let sumBase = sums.baseAddress!, countBase = counts.baseAddress!
                binned.codes.withUnsafeBufferPointer { codes in
                    let fill = { (f: Int) in
                        let column = codes.baseAddress! + f * binned.rowCount
                        let target = (sumBase + f * width, countBase + f * width)
                        if uncommonOnly[f] {
                            Histogram.accumulate(target, binned.binCounts[f], uncommon: sparse!.columns[f], total, pairs,
                                                 members: flagsMembers ? UnsafePointer(members) : nil)
                        } else if let rows {
                            Histogram.accumulate(target, binned.binCounts[f], m, ordered, counting: true) { Int(column[Int(rows[$0])]) }
                        } else if let sparse {
                            // Every row: the counts are the feature's tally, only the sums change.
                            Histogram.accumulate(target, binned.binCounts[f], m, ordered, counting: false) { Int(column[$0]) }
                            sparse.columns[f].tally.withUnsafeBufferPointer { target.1.update(from: $0.baseAddress!, count: width) }
                        } else {
                            Histogram.accumulate(target, binned.binCounts[f], m, ordered, counting: true) { Int(column[$0]) }
                        }
                    }
                    if m * features >= Histogram.parallelFrom {
                        Parallel.forEach(features, fill)
                    } else {
                        for f in 0..<features { fill(f) }
                    }
                }
            }
        }
        if flagsMembers, let rows {
            for k in 0..<m { members[Int(rows[k])] = 0 }
        }
    }

    /// (Σa, Σb, count) over `rows` in order, or over every row (0..<rowCount) when nil.
    static func total(rows: UnsafeBufferPointer<Int32>?, rowCount: Int, pairs: UnsafePointer<SIMD2<Double>>) -> Cell {
        var sum = SIMD2<Double>.zero
        if let rows {
            for row in rows { sum += pairs[Int(row)] }
        } else {
            for k in 0..<rowCount { sum += pairs[k] }
        }
        return Cell(a: sum.x, b: sum.y, n: rows?.count ?? rowCount)
    }

    /// One feature's bins from its uncommon rows (those flagged in `members` when given); the
    /// common bin gets the node's `total` minus every other bin. Each bin's rows are added up in
    /// a register in row order; a row outside the node adds −0, which leaves every sum as it is
    /// (x + −0 = x for every x), so the sums are bit for bit those of adding only the node's rows.
    private static func accumulate(_ target: (sums: UnsafeMutablePointer<SIMD2<Double>>, counts: UnsafeMutablePointer<Int32>),
                                   _ binCount: Int, uncommon column: SparseBins.Column, _ total: Cell,
                                   _ pairs: UnsafePointer<SIMD2<Double>>, members: UnsafePointer<UInt8>?) {
        let (sums, counts) = target
        column.rows.withUnsafeBufferPointer { rows in
            func visit(_ j: Int) {
                let range = column.rows(of: j)
                guard !range.isEmpty else { return }
                var sum = SIMD2<Double>.zero
                guard let members else {
                    for e in range { sum += pairs[Int(rows[e])] }
                    sums[j] = sum
                    counts[j] = column.tally[j]
                    return
                }
                var count: Int32 = 0
                for e in range {
                    let row = Int(rows[e]), inside = members[row]
                    sum += pairs[row].replacing(with: -0.0, where: SIMDMask(repeating: inside == 0))
                    count &+= Int32(inside)
                }
                sums[j] = sum
                counts[j] = count
            }
            for j in 0..<binCount where j != column.common { visit(j) }
            if column.common != FeatureBinner.missingBin { visit(FeatureBinner.missingBin) }
        }
        var rest = SIMD2<Double>.zero, restCount: Int32 = 0
        func subtract(_ j: Int) {
            guard j != column.common else { return }
            rest += sums[j]
            restCount &+= counts[j]
        }
        for j in 0..<binCount { subtract(j) }
        subtract(FeatureBinner.missingBin)
        sums[column.common] = SIMD2(total.a, total.b) - rest
        counts[column.common] = Int32(total.n) &- restCount
    }

    /// One feature's 256 bins from `m` rows whose bins `bin(k)` and pairs `pairs[k]` are given;
    /// only bins below `binCount` and the missing bin can be non-empty. Without `counting` only
    /// the sums are written (the caller knows the counts).
    @inline(__always)
    private static func accumulate(_ target: (sums: UnsafeMutablePointer<SIMD2<Double>>, counts: UnsafeMutablePointer<Int32>),
                                   _ binCount: Int, _ m: Int, _ pairs: UnsafePointer<SIMD2<Double>>, counting: Bool,
                                   _ bin: (Int) -> Int) {
        let (sums, counts) = target
        guard m >= interleaveFrom else {
            for k in 0..<m {
                let j = bin(k)
                sums[j] += pairs[k]
                if counting { counts[j] &+= 1 }
            }
            return
        }
        // Four partials side by side: partial p's bin j is at p·width + j. Only the bins a code
        // can name (below `binCount`, and missing) are zeroed, added to and read.
        let partSums = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: 4 * width)
        let partCounts = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * width)
        for p in 0..<4 {
            (partSums + p * width).initialize(repeating: .zero, count: binCount)
            (partCounts + p * width).initialize(repeating: 0, count: binCount)
            partSums[p * width + FeatureBinner.missingBin] = .zero
            partCounts[p * width + FeatureBinner.missingBin] = 0
        }
        defer { partSums.deallocate(); partCounts.deallocate() }
        var k = 0
        while k + 4 <= m {
            let j0 = bin(k), j1 = bin(k + 1) + width, j2 = bin(k + 2) + 2 * width, j3 = bin(k + 3) + 3 * width
            partSums[j0] += pairs[k]; partSums[j1] += pairs[k + 1]; partSums[j2] += pairs[k + 2]; partSums[j3] += pairs[k + 3]
            if counting { partCounts[j0] &+= 1; partCounts[j1] &+= 1; partCounts[j2] &+= 1; partCounts[j3] &+= 1 }
            k += 4
        }
        while k < m {
            let j = bin(k)
            partSums[j] += pairs[k]
            if counting { partCounts[j] &+= 1 }
            k += 1
        }
        func merge(_ j: Int) {
            sums[j] = ((partSums[j] + partSums[j + width]) + partSums[j + 2 * width]) + partSums[j + 3 * width]
            if counting { counts[j] = partCounts[j] &+ partCounts[j + width] &+ partCounts[j + 2 * width] &+ partCounts[j + 3 * width] }
        }
        for j in 0..<binCount { merge(j) }
        merge(FeatureBinner.missingBin)
    }

    /// This histogram minus `other` (a parent minus one child gives the other child).
    mutating func subtract(_ other: Histogram) {
        total = Cell(a: total.a - other.total.a, b: total.b - other.total.b, n: total.n - other.total.n)
        sums.withUnsafeMutableBufferPointer { mine in
            other.sums.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] -= theirs[i] }
            }
        }
        counts.withUnsafeMutableBufferPointer { mine in
            other.counts.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] &-= theirs[i] }
            }
        }
    }
}
