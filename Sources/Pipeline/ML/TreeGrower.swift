import Dispatch
import Foundation

/// Grows one decision tree over binned features from per-row sums, for both boosting and forests.
///
/// Every row carries two numbers `a` and `b`: gradient and hessian for boosting (Newton
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
        /// Build histograms on several threads (off when trees themselves run in parallel).
        var parallel: Bool
    }

    /// The grown tree plus what training needs: each leaf's rows (a range of `rows`) and the
    /// split gain per feature.
    struct Grown {
        var tree: DecisionTree
        var binThreshold: [Int]
        var leaves: [(node: Int, rows: Range<Int>)]
        var gains: [Double]
    }

    let bins: [[UInt8]]
    let edges: [[Double]]

    private struct Cell { var a = 0.0, b = 0.0, n = 0 }

    private struct Candidate {
        var node: Int
        var rows: Range<Int>
        var depth: Int
        var sums: Cell
        var histogram: [Cell]
        var split: Split?
    }

    private struct Split {
        var gain: Double
        var feature: Int
        var bin: Int
        var missingLeft: Bool
    }

    private static let cellsPerFeature = 256

    /// Grows a tree on `rows` (indices into the binned data, repeats allowed) and reorders `rows`
    /// so each leaf's rows are contiguous. `leafValue(Σa, Σb)` gives a leaf's output.
    func grow(rows: inout [Int32], a: [Double], b: [Double], settings: Settings,
              generator: inout SeededGenerator, leafValue: (Double, Double) -> Double) -> Grown {
        var tree = DecisionTree(feature: [-1], threshold: [0], missingGoesLeft: [false], left: [-1], right: [-1], value: [0])
        var binThreshold = [0]
        var gains = [Double](repeating: 0, count: bins.count)
        var leaves: [(node: Int, rows: Range<Int>)] = []
        let rootHistogram = histogram(rows: rows, range: 0..<rows.count, a: a, b: b, parallel: settings.parallel)
        let rootSums = total(rootHistogram)
        var open: [Candidate] = []
        var root = Candidate(node: 0, rows: 0..<rows.count, depth: 0, sums: rootSums, histogram: rootHistogram, split: nil)
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
            let c = open.remove(at: pick)
            guard let split = c.split, settings.maxLeafNodes.map({ leafCount < $0 }) ?? true else { close(c); continue }

            let middle = partition(&rows, c.rows, split)
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

            // Scan the smaller child, subtract for the larger.
            let leftSmaller = leftRows.count <= rightRows.count
            let small = histogram(rows: rows, range: leftSmaller ? leftRows : rightRows, a: a, b: b, parallel: settings.parallel)
            var large = c.histogram
            for i in large.indices { large[i].a -= small[i].a; large[i].b -= small[i].b; large[i].n -= small[i].n }
            let (lh, rh) = leftSmaller ? (small, large) : (large, small)
            for (id, range, h) in [(leftID, leftRows, lh), (rightID, rightRows, rh)] {
                var child = Candidate(node: id, rows: range, depth: c.depth + 1, sums: total(h), histogram: h, split: nil)
                child.split = bestSplit(child, settings: settings, generator: &generator)
                if child.split == nil { close(child) } else { open.append(child) }
            }
        }
        for c in open { close(c) }
        return Grown(tree: tree, binThreshold: binThreshold, leaves: leaves, gains: gains)
    }

    /// Stable in-place partition of `rows[range]`: left-going rows first. Returns the boundary.
    private func partition(_ rows: inout [Int32], _ range: Range<Int>, _ split: Split) -> Int {
        let column = bins[split.feature]
        var right: [Int32] = []
        right.reserveCapacity(range.count / 2)
        var write = range.lowerBound
        column.withUnsafeBufferPointer { col in
            rows.withUnsafeMutableBufferPointer { r in
                for i in range {
                    let bin = Int(col[Int(r[i])])
                    let goLeft = bin == FeatureBinner.missingBin ? split.missingLeft : bin <= split.bin
                    if goLeft { r[write] = r[i]; write += 1 } else { right.append(r[i]) }
                }
                for (k, v) in right.enumerated() { r[write + k] = v }
            }
        }
        return write
    }

    private func total(_ h: [Cell]) -> Cell {
        var sum = Cell()
        for k in 0..<TreeGrower.cellsPerFeature {
            sum.a += h[k].a; sum.b += h[k].b; sum.n += h[k].n
        }
        return sum
    }

    /// (Σa, Σb, count) per feature bin over `rows[range]`.
    private func histogram(rows: [Int32], range: Range<Int>, a: [Double], b: [Double], parallel: Bool) -> [Cell] {
        let features = bins.count, width = TreeGrower.cellsPerFeature
        var out = [Cell](repeating: Cell(), count: features * width)
        // Gather the node's sums once so each feature pass streams them.
        var ga = [Double](repeating: 0, count: range.count), gb = [Double](repeating: 0, count: range.count)
        var rowIndex = [Int](repeating: 0, count: range.count)
        for (k, i) in range.enumerated() {
            let r = Int(rows[i])
            rowIndex[k] = r; ga[k] = a[r]; gb[k] = b[r]
        }
        out.withUnsafeMutableBufferPointer { hist in
            let base = hist.baseAddress!
            let fill = { (f: Int) in
                let cells = base + f * width
                self.bins[f].withUnsafeBufferPointer { col in
                    ga.withUnsafeBufferPointer { ga in
                        gb.withUnsafeBufferPointer { gb in
                            rowIndex.withUnsafeBufferPointer { idx in
                                for k in 0..<idx.count {
                                    let bin = Int(col[idx[k]])
                                    cells[bin].a += ga[k]; cells[bin].b += gb[k]; cells[bin].n += 1
                                }
                            }
                        }
                    }
                }
            }
            if parallel && range.count * features >= 40_000 {
                DispatchQueue.concurrentPerform(iterations: features, execute: fill)
            } else {
                for f in 0..<features { fill(f) }
            }
        }
        return out
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

    private func bestSplit(_ c: Candidate, settings: Settings, generator: inout SeededGenerator) -> Split? {
        if let maxDepth = settings.maxDepth, c.depth >= maxDepth { return nil }
        if c.sums.n < 2 * settings.minSamplesLeaf { return nil }
        var features = Array(0..<bins.count)
        if let k = settings.featuresPerSplit, k < features.count {
            features.shuffle(using: &generator)
            features = Array(features.prefix(k)).sorted()
        }
        let parent = score(c.sums.a, c.sums.b, settings.criterion)
        var best: Split?
        let width = TreeGrower.cellsPerFeature, minLeaf = settings.minSamplesLeaf, minWeight = settings.minChildWeight
        for f in features {
            let binCount = edges[f].count + 1
            let missing = c.histogram[f * width + FeatureBinner.missingBin]
            var left = Cell()
            for k in 0..<binCount {
                let cell = c.histogram[f * width + k]
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
}
