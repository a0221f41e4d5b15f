/// (Σa, Σb, count) per bin of every feature over one tree node's rows: 256 cells per feature,
/// feature-major, bin 255 holding missing values. A split is read off these sums, and a child's
/// histogram is its parent's minus its sibling's, so only the smaller child is ever scanned.
struct Histogram {
    struct Cell {
        var a = 0.0, b = 0.0, n = 0

        @inline(__always) mutating func add(_ a: Double, _ b: Double) { self.a += a; self.b += b; n += 1 }
        @inline(__always) mutating func add(_ other: Cell) { a += other.a; b += other.b; n += other.n }
    }

    static let width = 256
    /// Below this many rows one partial histogram suffices; above, four interleaved partials
    /// break the store-to-load chain when consecutive rows share a bin (common for counts).
    private static let interleaveFrom = 2_048
    /// Rows × features below which threads cost more than they save.
    private static let parallelFrom = 60_000

    private(set) var cells: [Cell]

    private init(cells: [Cell]) { self.cells = cells }

    /// Holds nothing: what a finished node keeps so its cells can be reused by a child.
    static var empty: Histogram { Histogram(cells: []) }

    @inline(__always) subscript(feature f: Int, bin k: Int) -> Cell { cells[f * Histogram.width + k] }

    /// Sums over every row (0..<rowCount in order) when `rows` is nil, else over `rows`, whose
    /// `a` and `b` values are gathered into `scratchA` / `scratchB` first so each feature pass
    /// streams them. Features run on separate cores (see `Parallel`); each feature's sums are
    /// accumulated in one fixed order, so the result does not depend on the thread count.
    init(binned: BinnedFeatures, rows: UnsafeBufferPointer<Int32>?, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
         scratchA: UnsafeMutablePointer<Double>, scratchB: UnsafeMutablePointer<Double>) {
        let features = binned.featureCount, width = Histogram.width
        let m = rows?.count ?? binned.rowCount
        var sumA = a, sumB = b
        if let rows {
            for k in 0..<m {
                let r = Int(rows[k])
                scratchA[k] = a[r]; scratchB[k] = b[r]
            }
            sumA = UnsafePointer(scratchA); sumB = UnsafePointer(scratchB)
        }
        let ga = sumA, gb = sumB
        cells = [Cell](repeating: Cell(), count: features * width)
        cells.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            binned.codes.withUnsafeBufferPointer { codes in
                let fill = { (f: Int) in
                    let column = codes.baseAddress! + f * binned.rowCount
                    if let rows {
                        Histogram.accumulate(base + f * width, m, ga, gb) { Int(column[Int(rows[$0])]) }
                    } else {
                        Histogram.accumulate(base + f * width, m, ga, gb) { Int(column[$0]) }
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

    /// One feature's 256 cells from `m` rows whose bins `bin(k)` and sums `a[k]`, `b[k]` are given.
    @inline(__always)
    private static func accumulate(_ cells: UnsafeMutablePointer<Cell>, _ m: Int, _ a: UnsafePointer<Double>,
                                   _ b: UnsafePointer<Double>, _ bin: (Int) -> Int) {
        guard m >= interleaveFrom else {
            for k in 0..<m { cells[bin(k)].add(a[k], b[k]) }
            return
        }
        let parts = UnsafeMutablePointer<Cell>.allocate(capacity: 4 * width)
        parts.initialize(repeating: Cell(), count: 4 * width)
        defer { parts.deallocate() }
        let p1 = parts + width, p2 = parts + 2 * width, p3 = parts + 3 * width
        var k = 0
        while k + 4 <= m {
            let b0 = bin(k), b1 = bin(k + 1), b2 = bin(k + 2), b3 = bin(k + 3)
            parts[b0].add(a[k], b[k])
            p1[b1].add(a[k + 1], b[k + 1])
            p2[b2].add(a[k + 2], b[k + 2])
            p3[b3].add(a[k + 3], b[k + 3])
            k += 4
        }
        while k < m { parts[bin(k)].add(a[k], b[k]); k += 1 }
        for j in 0..<width {
            var c = parts[j]
            c.add(p1[j]); c.add(p2[j]); c.add(p3[j])
            cells[j] = c
        }
    }

    /// This histogram minus `other` (a parent minus one child gives the other child).
    mutating func subtract(_ other: Histogram) {
        cells.withUnsafeMutableBufferPointer { mine in
            other.cells.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count {
                    mine[i].a -= theirs[i].a; mine[i].b -= theirs[i].b; mine[i].n -= theirs[i].n
                }
            }
        }
    }

    /// The node's totals, read from feature 0 (every feature's bins partition the same rows).
    var total: Cell {
        var sum = Cell()
        for k in 0..<Histogram.width { sum.add(cells[k]) }
        return sum
    }
}
