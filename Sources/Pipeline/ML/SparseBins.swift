/// For every feature, the rows whose bin is not the feature's most common one, in row order.
///
/// Customer features are lopsided: most people never clicked or viewed, so one bin (0 or
/// missing) holds 70–99 % of the rows. A histogram then visits only the other rows and gets the
/// common bin's sums as the node's totals minus the rest, as LightGBM does for its most frequent
/// bin — a fraction of the work of visiting every row.
struct SparseBins: Sendable {
    struct Column: Sendable {
        /// The feature's most common bin, whose rows are left out.
        let common: Int
        let rows: [Int32]
        let codes: [UInt8]
    }

    let columns: [Column]

    init(_ binned: BinnedFeatures) {
        columns = Parallel.map(binned.featureCount) { f in
            binned.codes.withUnsafeBufferPointer { codes in
                let column = UnsafeBufferPointer(rebasing: codes[(f * binned.rowCount)..<((f + 1) * binned.rowCount)])
                var tally = [Int](repeating: 0, count: Histogram.width)
                for code in column { tally[Int(code)] += 1 }
                // The lowest of equally common bins, so the choice is fixed by the data alone.
                let common = tally.indices.max { tally[$0] < tally[$1] || (tally[$0] == tally[$1] && $0 > $1) }!
                var rows: [Int32] = [], kept: [UInt8] = []
                rows.reserveCapacity(column.count - tally[common])
                kept.reserveCapacity(column.count - tally[common])
                for (i, code) in column.enumerated() where Int(code) != common {
                    rows.append(Int32(i))
                    kept.append(code)
                }
                return Column(common: common, rows: rows, codes: kept)
            }
        }
    }
}
