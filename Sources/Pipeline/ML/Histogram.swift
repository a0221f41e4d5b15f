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
    /// Nodes with more rows than this are summed in fixed-size row blocks on every core, then
    /// the blocks added in order: the blocks depend only on the row count, so the result does
    /// not depend on the thread count.
    private static let block = 16_384

    private(set) var cells: [Cell]

    private init(cells: [Cell]) { self.cells = cells }

    /// Holds nothing: what a finished node keeps so its cells can be reused by a child.
    static var empty: Histogram { Histogram(cells: []) }

    @inline(__always) subscript(feature f: Int, bin k: Int) -> Cell { cells[f * Histogram.width + k] }

    /// Sums over every row (0..<rowCount in order) when `rows` is nil, else over `rows`, row by
    /// row: each row's codes for all features sit together (`BinnedFeatures.rowCodes`) and its
    /// `a` and `b` are read once, where a pass per feature would fetch both again per feature.
    init(binned: BinnedFeatures, rows: UnsafeBufferPointer<Int32>?, a: UnsafePointer<Double>, b: UnsafePointer<Double>) {
        let features = binned.featureCount, width = Histogram.width
        let m = rows?.count ?? binned.rowCount
        cells = [Cell](repeating: Cell(), count: features * width)
        binned.rowCodes.withUnsafeBufferPointer { codes in
            let codes = codes.baseAddress!
            let sum = { (range: Range<Int>, out: UnsafeMutablePointer<Cell>) in
                if let rows {
                    Histogram.accumulate(out, codes, features, range, a, b) { Int(rows[$0]) }
                } else {
                    Histogram.accumulate(out, codes, features, range, a, b) { $0 }
                }
            }
            cells.withUnsafeMutableBufferPointer { out in
                guard m > Histogram.block else { return sum(0..<m, out.baseAddress!) }
                let blocks = ParallelChunks(count: m, chunk: Histogram.block)
                let partials = blocks.map { range -> [Cell] in
                    var partial = [Cell](repeating: Cell(), count: features * width)
                    partial.withUnsafeMutableBufferPointer { sum(range, $0.baseAddress!) }
                    return partial
                }
                for partial in partials {
                    for i in 0..<out.count { out[i].add(partial[i]) }
                }
            }
        }
    }

    /// Adds rows `row(k)` for k in `range` to `cells` (feature-major, `width` per feature).
    @inline(__always)
    private static func accumulate(_ cells: UnsafeMutablePointer<Cell>, _ codes: UnsafePointer<UInt8>, _ features: Int,
                                   _ range: Range<Int>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                   _ row: (Int) -> Int) {
        for k in range {
            let r = row(k), rowCodes = codes + r * features
            let ga = a[r], gb = b[r]
            var cell = cells
            for f in 0..<features {
                cell[Int(rowCodes[f])].add(ga, gb)
                cell += width
            }
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
