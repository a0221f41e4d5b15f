/// For every feature, the rows whose bin is not the feature's most common one, grouped by bin
/// (each bin's rows in row order), and every bin's row count.
///
/// Customer features are lopsided: most people never clicked or viewed, so one bin (0 or
/// missing) holds 70–99 % of the rows. A histogram then visits only the other rows and gets the
/// common bin's sums as the node's totals minus the rest, as LightGBM does for its most frequent
/// bin — a fraction of the work of visiting every row. Grouping by bin lets each bin's sum be
/// added up in a register in row order, the same additions in the same order as visiting the rows
/// in row order, without reloading the running sum from memory for every row.
struct SparseBins: Sendable {
    struct Column: Sendable {
        /// The feature's most common bin, whose rows are left out.
        let common: Int
        /// The uncommon rows, bin by bin: bin j's rows are `rows[starts[j] ..< starts[j + 1]]`.
        let rows: [Int32]
        /// `Histogram.width + 1` offsets into `rows`; the common bin's range is empty.
        let starts: [Int32]
        /// Rows per bin over all rows, the common bin included: every histogram of all rows has these counts.
        let tally: [Int32]

        /// The rows of bin `j`.
        func rows(of j: Int) -> Range<Int> { Int(starts[j])..<Int(starts[j + 1]) }
    }

    let columns: [Column]

    init(_ binned: BinnedFeatures) {
        columns = Parallel.map(binned.featureCount) { f in
            binned.codes.withUnsafeBufferPointer { codes in
                let column = UnsafeBufferPointer(rebasing: codes[(f * binned.rowCount)..<((f + 1) * binned.rowCount)])
                var tally = [Int32](repeating: 0, count: Histogram.width)
                for code in column { tally[Int(code)] += 1 }
                // The lowest of equally common bins, so the choice is fixed by the data alone.
                let common = tally.indices.max { tally[$0] < tally[$1] || (tally[$0] == tally[$1] && $0 > $1) }!
                var starts = [Int32](repeating: 0, count: Histogram.width + 1)
                for j in 0..<Histogram.width { starts[j + 1] = starts[j] + (j == common ? 0 : tally[j]) }
                var next = starts, rows = [Int32](repeating: 0, count: Int(starts[Histogram.width]))
                for (i, code) in column.enumerated() where Int(code) != common {
                    rows[Int(next[Int(code)])] = Int32(i)
                    next[Int(code)] += 1
                }
                return Column(common: common, rows: rows, starts: starts, tally: tally)
            }
        }
    }
}
