import Dispatch
import Foundation

/// Grows one decision tree over binned features from per-row sums, for both boosting and forests.
///
/// Every row carries a pair of numbers (a, b): gradient and hessian for boosting (Newton
/// criterion), label and weight for forests (gini / entropy). Each node keeps a histogram of
/// (Σa, Σb, count) per feature bin; a split is the best bin boundary over those histograms, and
/// a child's histogram is its parent's minus its sibling's, so only the smaller child is scanned.
struct TreeGrower {
    enum Criterion: Equatable {
        case newton(l2: Double)
        case gini
        case entropy
    }

    struct Settings {
        var criterion: Criterion
        var maxDepth: Int?
        /// Best-first growth up to this many leaves (boosting); `nil` grows until nothing splits.
        var maxLeafNodes: Int?
        var minSamplesLeaf: Int
        /// Smallest Σb a child may have (hessian guard for boosting).
        var minChildWeight: Double = 0
        /// Random features tried per split (forests); `nil` tries all.
        var featuresPerSplit: Int?
    }

    /// The grown tree plus what training needs: each leaf's rows (a range of `rows`) and the
    /// split gain per feature.
    struct Grown {
        var tree: DecisionTree
        var binThreshold: [Int]
        var leaves: [(node: Int, rows: Range<Int>)]
        var gains: [Double]

        /// The leaf binned row `row` falls in, walking the tree by bin thresholds.
        func leaf(of row: Int, in binned: BinnedFeatures) -> Int {
            var node = 0
            while tree.feature[node] >= 0 {
                let bin = Int(binned[feature: Int(tree.feature[node]), row: row])
                let goLeft = bin == FeatureBinner.missingBin ? tree.missingGoesLeft[node] : bin <= binThreshold[node]
                node = Int(goLeft ? tree.left[node] : tree.right[node])
            }
            return node
        }
    }

    let bins: BinnedFeatures
    let edges: [[Double]]
    /// Lets histograms visit only uncommon bins; nil when `grow` may be given repeated rows
    /// (bootstrap samples), which that shortcut cannot count.
    let sparse: SparseBins?

    init(bins: BinnedFeatures, edges: [[Double]], sparse: SparseBins?) {
        self.bins = bins
        self.edges = edges
        self.sparse = sparse
    }

    private typealias Cell = Histogram.Cell

    private struct Candidate {
        var node: Int
        var rows: Range<Int>
        var depth: Int
        var sums: Cell
        var histogram: Histogram
        var split: Split?
    }

    private struct Split {
        var gain: Double
        var feature: Int
        var bin: Int
        var missingLeft: Bool
    }

    /// Grows a tree on `rows` (indices into the binned data, repeats allowed only without
    /// `sparse`) and reorders `rows`
    /// so each leaf's rows are contiguous. `pairs[row]` is the row's (a, b);
    /// `leafValue(Σa, Σb)` gives a leaf's output. `everyRowTotal`, when given, says `rows` is
    /// every row in order and their pairs sum to it (in row order): the root then reads the
    /// binned columns straight, with no gather and no pass to add up its total.
    func grow(rows: inout [Int32], pairs: [SIMD2<Double>], everyRowTotal: SIMD2<Double>? = nil, settings: Settings,
              generator: inout SeededGenerator, leafValue: (Double, Double) -> Double) -> Grown {
        var tree = DecisionTree(feature: [-1], threshold: [0], missingGoesLeft: [false], left: [-1], right: [-1], value: [0])
        var binThreshold = [0]
        var gains = [Double](repeating: 0, count: bins.featureCount)
        var leaves: [(node: Int, rows: Range<Int>)] = []
        // Scratch for gathered pairs and for partitioning, allocated once per tree.
        let m = rows.count
        let scratch = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: m)
        let spill = UnsafeMutablePointer<Int32>.allocate(capacity: m)
        let members = UnsafeMutablePointer<UInt8>.allocate(capacity: bins.rowCount)
        members.initialize(repeating: 0, count: bins.rowCount)
        defer { scratch.deallocate(); spill.deallocate(); members.deallocate() }

        func histogram(_ range: Range<Int>, everyRowTotal: SIMD2<Double>? = nil) -> Histogram {
            pairs.withUnsafeBufferPointer { pairs in
                rows.withUnsafeBufferPointer { r in
                    Histogram(binned: bins, sparse: sparse, rows: everyRowTotal != nil ? nil : UnsafeBufferPointer(rebasing: r[range]),
                              pairs: pairs.baseAddress!, scratch: scratch, members: members, everyRowTotal: everyRowTotal)
                }
            }
        }

        precondition(everyRowTotal == nil || m == bins.rowCount, "every row means every binned row")
        let rootHistogram = histogram(0..<m, everyRowTotal: everyRowTotal)
        var open: [Candidate] = []
        var root = Candidate(node: 0, rows: 0..<m, depth: 0, sums: rootHistogram.total, histogram: rootHistogram, split: nil)
        root.split = bestSplit(root, settings: settings, generator: &generator)
        open.append(root)
        var leafCount = 1

        func close(_ c: Candidate) {
            tree.value[c.node] = leafValue(c.sums.a, c.sums.b)
            leaves.append((c.node, c.rows))
        }

        while !open.isEmpty {
            // Best-first when leaves are capped, depth-first (bounded memory) otherwise.
            let pick: Int
            if settings.maxLeafNodes != nil {
                var best = -1
                for (i, c) in open.enumerated() where c.split != nil {
                    if best < 0 || c.split!.gain > open[best].split!.gain { best = i }
                }
                if best < 0 { break }
                pick = best
            } else {
                pick = open.count - 1
            }
            var c = open.remove(at: pick)
            guard let split = c.split, settings.maxLeafNodes.map({ leafCount < $0 }) ?? true else { close(c); continue }

            let middle = partition(&rows, c.rows, split, spill: spill)
            let leftRows = c.rows.lowerBound..<middle, rightRows = middle..<c.rows.upperBound
            let leftID = tree.feature.count, rightID = leftID + 1
            tree.feature[c.node] = Int32(split.feature)
            tree.threshold[c.node] = split.bin < edges[split.feature].count ? edges[split.feature][split.bin] : .greatestFiniteMagnitude
            tree.missingGoesLeft[c.node] = split.missingLeft
            tree.left[c.node] = Int32(leftID)
            tree.right[c.node] = Int32(rightID)
            binThreshold[c.node] = split.bin
            for _ in 0..<2 {
                tree.feature.append(-1); tree.threshold.append(0); tree.missingGoesLeft.append(false)
                tree.left.append(-1); tree.right.append(-1); tree.value.append(0); binThreshold.append(0)
            }
            gains[split.feature] += split.gain
            leafCount += 1

            let leftSmaller = leftRows.count <= rightRows.count
            let smallRows = leftSmaller ? leftRows : rightRows
            // When neither child can ever split (too deep, too few rows, or no leaves left),
            // their totals are all that is needed: skip the histograms.
            let leavesLeft = settings.maxLeafNodes.map { leafCount < $0 } ?? true
            guard leavesLeft && (mightSplit(depth: c.depth + 1, rowCount: leftRows.count, settings)
                                 || mightSplit(depth: c.depth + 1, rowCount: rightRows.count, settings)) else {
                let small = pairs.withUnsafeBufferPointer { pairs in
                    rows.withUnsafeBufferPointer { r in
                        Histogram.total(rows: UnsafeBufferPointer(rebasing: r[smallRows]), rowCount: bins.rowCount, pairs: pairs.baseAddress!)
                    }
                }
                let large = Cell(a: c.sums.a - small.a, b: c.sums.b - small.b, n: c.sums.n - small.n)
                let (ls, rs) = leftSmaller ? (small, large) : (large, small)
                for (id, range, sums) in [(leftID, leftRows, ls), (rightID, rightRows, rs)] {
                    close(Candidate(node: id, rows: range, depth: c.depth + 1, sums: sums, histogram: .empty, split: nil))
                }
                continue
            }

            // Scan the smaller child, subtract for the larger (in place: the parent is done).
            let small = histogram(smallRows)
            var large = c.histogram
            c.histogram = Histogram.empty
            large.subtract(small)
            let (lh, rh) = leftSmaller ? (small, large) : (large, small)
            for (id, range, h) in [(leftID, leftRows, lh), (rightID, rightRows, rh)] {
                var child = Candidate(node: id, rows: range, depth: c.depth + 1, sums: h.total, histogram: h, split: nil)
                child.split = bestSplit(child, settings: settings, generator: &generator)
                if child.split == nil { close(child) } else { open.append(child) }
            }
        }
        for c in open { close(c) }
        return Grown(tree: tree, binThreshold: binThreshold, leaves: leaves, gains: gains)
    }

    /// Stable in-place partition of `rows[range]`: left-going rows first, right-going rows
    /// parked in `spill` and copied back. Returns the boundary.
    private func partition(_ rows: inout [Int32], _ range: Range<Int>, _ split: Split, spill: UnsafeMutablePointer<Int32>) -> Int {
        var write = range.lowerBound, parked = 0
        // 1 where a bin goes left: one table load per row instead of a missing-bin test.
        var goesLeft = (0..<Histogram.width).map { $0 <= split.bin ? 1 : 0 }
        goesLeft[FeatureBinner.missingBin] = split.missingLeft ? 1 : 0
        bins.codes.withUnsafeBufferPointer { codes in
            let column = codes.baseAddress! + split.feature * bins.rowCount
            rows.withUnsafeMutableBufferPointer { r in
                goesLeft.withUnsafeBufferPointer { goesLeft in
                    // Branch-free: each row is written to both places and only one cursor moves,
                    // so the unpredictable left/right choice costs no mispredicted branch.
                    for i in range {
                        let row = r[i], left = goesLeft[Int(column[Int(row)])]
                        r[write] = row
                        spill[parked] = row
                        write &+= left
                        parked &+= 1 &- left
                    }
                }
                (r.baseAddress! + write).update(from: spill, count: parked)
            }
        }
        return write
    }

    /// Larger is purer; a split's gain is score(left) + score(right) − score(parent).
    private func score(_ a: Double, _ b: Double, _ criterion: Criterion) -> Double {
        switch criterion {
        case .newton(let l2): return a * a / (b + l2)
        case .gini: return b > 0 ? -2 * a * (b - a) / b : 0
        case .entropy:
            var s = 0.0
            if a > 0 { s += a * log(a / b) }
            if b - a > 0 { s += (b - a) * log((b - a) / b) }
            return s
        }
    }

    /// False when a node at `depth` with `rowCount` rows is a leaf whatever its histogram.
    private func mightSplit(depth: Int, rowCount: Int, _ settings: Settings) -> Bool {
        (settings.maxDepth.map { depth < $0 } ?? true) && rowCount >= 2 * settings.minSamplesLeaf
    }

    private func bestSplit(_ c: Candidate, settings: Settings, generator: inout SeededGenerator) -> Split? {
        guard mightSplit(depth: c.depth, rowCount: c.sums.n, settings) else { return nil }
        var features = Array(0..<bins.featureCount)
        if let k = settings.featuresPerSplit, k < features.count {
            features.shuffle(using: &generator)
            features = Array(features.prefix(k)).sorted()
        }
        let parent = score(c.sums.a, c.sums.b, settings.criterion)
        var best: Split?
        let minLeaf = settings.minSamplesLeaf, minWeight = settings.minChildWeight
        for f in features {
            if case .newton(let l2) = settings.criterion {
                newtonScan(c, feature: f, l2: l2, parent: parent, minLeaf: minLeaf, minWeight: minWeight, best: &best)
                continue
            }
            let binCount = edges[f].count + 1
            let missing = c.histogram[feature: f, bin: FeatureBinner.missingBin]
            var left = Cell()
            for k in 0..<binCount {
                let cell = c.histogram[feature: f, bin: k]
                left.a += cell.a; left.b += cell.b; left.n += cell.n
                let last = k == binCount - 1
                for option in 0..<(missing.n > 0 ? 2 : 1) {
                    let missingLeft = option == 1
                    if last && missingLeft { continue }
                    if last && missing.n == 0 { continue }
                    var l = left
                    if missingLeft { l.a += missing.a; l.b += missing.b; l.n += missing.n }
                    let r = Cell(a: c.sums.a - l.a, b: c.sums.b - l.b, n: c.sums.n - l.n)
                    if l.n < minLeaf || r.n < minLeaf || l.b < minWeight || r.b < minWeight { continue }
                    let gain = score(l.a, l.b, settings.criterion) + score(r.a, r.b, settings.criterion) - parent
                    if gain > (best?.gain ?? 1e-12) {
                        // Without training NaNs, unseen NaNs follow the bigger child.
                        let sendLeft = missing.n > 0 ? missingLeft : l.n >= r.n
                        best = Split(gain: gain, feature: f, bin: k, missingLeft: sendLeft)
                    }
                }
            }
        }
        return best
    }

    /// The loop above for the Newton criterion (boosting, where it is hot): the same candidates
    /// in the same order with the same arithmetic, read straight from the histogram's buffers,
    /// and both children's a²/(b+λ) divided in one two-lane instruction — each lane rounds
    /// exactly as the scalar division does, so every gain and the chosen split are bit for bit
    /// the general loop's.
    private func newtonScan(_ c: Candidate, feature f: Int, l2: Double, parent: Double, minLeaf: Int, minWeight: Double,
                            best: inout Split?) {
        let binCount = edges[f].count + 1, base = f * Histogram.width
        let total = SIMD2(c.sums.a, c.sums.b), totalN = c.sums.n
        var bestGain = best?.gain ?? 1e-12
        c.histogram.sums.withUnsafeBufferPointer { allSums in
            c.histogram.counts.withUnsafeBufferPointer { allCounts in
                let sums = allSums.baseAddress! + base, counts = allCounts.baseAddress! + base
                let missing = sums[FeatureBinner.missingBin], missingN = Int(counts[FeatureBinner.missingBin])
                var left = SIMD2<Double>.zero, leftN = 0
                for k in 0..<binCount {
                    left += sums[k]
                    leftN += Int(counts[k])
                    // The last bin leaves nothing on the right unless missing values go there.
                    let options = k == binCount - 1 ? (missingN > 0 ? 1 : 0) : (missingN > 0 ? 2 : 1)
                    for option in 0..<options {
                        let missingLeft = option == 1
                        let l = missingLeft ? left + missing : left, ln = missingLeft ? leftN + missingN : leftN
                        let r = total - l, rn = totalN - ln
                        if ln < minLeaf || rn < minLeaf || l.y < minWeight || r.y < minWeight { continue }
                        let a = SIMD2(l.x, r.x), q = a * a / (SIMD2(l.y, r.y) + l2)
                        let gain = q.x + q.y - parent
                        if gain > bestGain {
                            bestGain = gain
                            // Without training NaNs, unseen NaNs follow the bigger child.
                            best = Split(gain: gain, feature: f, bin: k, missingLeft: missingN > 0 ? missingLeft : ln >= rn)
                        }
                    }
                }
            }
        }
    }
}
