@testable import Pipeline
import XCTest

/// Histograms that visit only each feature's uncommon bins (and take the common bin as the
/// node's totals minus the rest), and siblings taken as parent minus child, must agree with
/// visiting every row: same counts exactly, same sums up to rounding, same trees.
final class MLHistogramTests: XCTestCase {
    /// Lopsided like customer features: a rare count (90 % zero), a recency missing for 95 % of
    /// rows, and a dense feature with no common bin.
    static func lopsided(rows: Int) -> (binned: BinnedFeatures, edges: [[Double]], pairs: [SIMD2<Double>]) {
        var g = SeededGenerator(seed: 11)
        var count = [Double](), recency = [Double](), dense = [Double](), pairs = [SIMD2<Double>]()
        for _ in 0..<rows {
            count.append(g.unit() < 0.9 ? 0 : Double(1 + g.next() % 5))
            recency.append(g.unit() < 0.95 ? .nan : (g.unit() * 5_000).rounded())
            dense.append(g.unit())
            let p = g.unit()
            pairs.append(SIMD2(p - (g.unit() < 0.3 ? 1 : 0), p * (1 - p)))
        }
        let x = FeatureMatrix(names: ["count", "recency", "dense"], columns: [count, recency, dense])
        let binner = FeatureBinner(fitting: x)
        return (binner.transform(x), binner.edges, pairs)
    }

    func histogram(_ binned: BinnedFeatures, sparse: SparseBins?, rows: [Int32]?, _ pairs: [SIMD2<Double>]) -> Histogram {
        let scratch = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: binned.rowCount)
        let members = UnsafeMutablePointer<UInt8>.allocate(capacity: binned.rowCount)
        members.initialize(repeating: 0, count: binned.rowCount)
        defer { scratch.deallocate(); members.deallocate() }
        let h = pairs.withUnsafeBufferPointer { pairs in
            if let rows {
                return rows.withUnsafeBufferPointer {
                    Histogram(binned: binned, sparse: sparse, rows: $0, pairs: pairs.baseAddress!, scratch: scratch, members: members)
                }
            }
            return Histogram(binned: binned, sparse: sparse, rows: nil, pairs: pairs.baseAddress!, scratch: scratch, members: members)
        }
        XCTAssertTrue((0..<binned.rowCount).allSatisfy { members[$0] == 0 }, "row flags must be cleared for the next node")
        return h
    }

    func assertSame(_ a: Histogram, _ b: Histogram, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.counts, b.counts, message, file: file, line: line)
        XCTAssertEqual(a.total.n, b.total.n, message, file: file, line: line)
        let worst = zip(a.sums, b.sums).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-9, message, file: file, line: line)
    }

    func testUncommonBinHistogramsMatchVisitingEveryRow() {
        let (binned, _, pairs) = Self.lopsided(rows: 6_000)
        let sparse = SparseBins(binned)
        XCTAssertEqual(sparse.columns.map(\.common), [0, FeatureBinner.missingBin, sparse.columns[2].common])
        XCTAssertLessThan(sparse.columns[1].rows.count, 600, "only the recency's present values are listed")
        var g = SeededGenerator(seed: 3)
        for rows in [nil, (0..<6_000).filter { _ in g.unit() < 0.7 }.map(Int32.init), [Int32(5), 17, 4_000]] as [[Int32]?] {
            let visited = histogram(binned, sparse: nil, rows: rows, pairs)
            let shortcut = histogram(binned, sparse: sparse, rows: rows, pairs)
            assertSame(shortcut, visited, "rows: \(rows?.count ?? 6_000)")
            XCTAssertEqual(shortcut.total.n, rows?.count ?? 6_000)
        }
    }

    /// Uncommon bins are summed bin by bin (rows outside the node adding −0): each sum must have
    /// exactly the bits of adding the node's rows of that bin one by one in row order.
    func testUncommonBinSumsAreTheRowOrderSumsBitForBit() {
        let (binned, _, pairs) = Self.lopsided(rows: 6_000)
        let sparse = SparseBins(binned)
        var g = SeededGenerator(seed: 9)
        for rows in [nil, (0..<6_000).filter { _ in g.unit() < 0.8 }.map(Int32.init)] as [[Int32]?] {
            let node = rows ?? (0..<6_000).map(Int32.init)
            let h = histogram(binned, sparse: sparse, rows: rows, pairs)
            var checked = 0
            for f in 0..<binned.featureCount where 2 * sparse.columns[f].rows.count <= node.count {
                var sums = [SIMD2<Double>](repeating: .zero, count: Histogram.width)
                var counts = [Int32](repeating: 0, count: Histogram.width)
                for row in node {
                    let j = Int(binned[feature: f, row: Int(row)])
                    sums[j] += pairs[Int(row)]
                    counts[j] += 1
                }
                for j in 0..<Histogram.width where j != sparse.columns[f].common {
                    XCTAssertEqual(h.sums[f * Histogram.width + j].x.bitPattern, sums[j].x.bitPattern, "feature \(f) bin \(j)")
                    XCTAssertEqual(h.sums[f * Histogram.width + j].y.bitPattern, sums[j].y.bitPattern, "feature \(f) bin \(j)")
                    XCTAssertEqual(h.counts[f * Histogram.width + j], counts[j], "feature \(f) bin \(j)")
                }
                checked += 1
            }
            XCTAssertEqual(checked, 2, "the count and the recency take the uncommon-bin path")
        }
    }

    func testSparseBinsListEachBinsRowsInRowOrderAndTallyEveryBin() {
        let (binned, _, _) = Self.lopsided(rows: 3_000)
        for (f, column) in SparseBins(binned).columns.enumerated() {
            let codes = (0..<3_000).map { Int(binned[feature: f, row: $0]) }
            for j in 0..<Histogram.width {
                XCTAssertEqual(column.tally[j], Int32(codes.filter { $0 == j }.count))
                let expected = j == column.common ? [] : codes.indices.filter { codes[$0] == j }.map(Int32.init)
                XCTAssertEqual(Array(column.rows[column.rows(of: j)]), expected, "feature \(f) bin \(j)")
            }
        }
    }

    func testSubtractingAChildFromItsParentGivesTheSibling() {
        let (binned, _, pairs) = Self.lopsided(rows: 5_000)
        let sparse = SparseBins(binned)
        let left = (0..<5_000).filter { $0 % 3 != 0 }.map(Int32.init), right = (0..<5_000).filter { $0 % 3 == 0 }.map(Int32.init)
        for sparse in [nil, sparse] {
            var sibling = histogram(binned, sparse: sparse, rows: nil, pairs)
            sibling.subtract(histogram(binned, sparse: sparse, rows: left, pairs))
            assertSame(sibling, histogram(binned, sparse: nil, rows: right, pairs), "sparse: \(sparse != nil)")
        }
    }

    func testTreesGrownFromUncommonBinsMatchVisitingEveryRow() {
        let (binned, edges, pairs) = Self.lopsided(rows: 8_000)
        let settings = TreeGrower.Settings(criterion: .newton(l2: 0), maxDepth: 5, maxLeafNodes: 20, minSamplesLeaf: 10,
                                           minChildWeight: 1e-3, featuresPerSplit: nil)
        var g = SeededGenerator(seed: 5)
        let sample = (0..<8_000).filter { _ in g.unit() < 0.6 }.map(Int32.init)
        for start in [Array(Int32(0)..<8_000), sample] {
            var trees: [DecisionTree] = []
            for sparse in [nil, SparseBins(binned)] {
                var rows = start, generator = SeededGenerator(seed: 1)
                let grown = TreeGrower(bins: binned, edges: edges, sparse: sparse)
                    .grow(rows: &rows, pairs: pairs, settings: settings, generator: &generator) { -$0 / ($1 + 1e-300) }
                trees.append(grown.tree)
            }
            let (visited, shortcut) = (trees[0], trees[1])
            XCTAssertGreaterThan(visited.leafCount, 5, "the data must give a real tree")
            XCTAssertEqual(shortcut.feature, visited.feature)
            XCTAssertEqual(shortcut.threshold, visited.threshold)
            XCTAssertEqual(shortcut.missingGoesLeft, visited.missingGoesLeft)
            XCTAssertEqual(shortcut.left, visited.left)
            for (a, b) in zip(shortcut.value, visited.value) { XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b))) }
        }
    }
}
