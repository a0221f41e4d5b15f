@testable import Pipeline
import XCTest

/// Training must give the same model for a seed whatever the number of threads: histograms,
/// gradients and loss sums are split by fixed chunks or by feature, never by core count.
final class MLDeterminismTests: XCTestCase {
    func testModelsAreIdenticalOnOneThreadAndOnAll() throws {
        // Big enough that histograms and loss sums really do split across threads.
        let (x, y) = MLTestData.problem(rows: 20_000)
        let specs: [ModelSpec] = [
            .logistic(.init()),
            .boostedTrees(.init(trees: 8, subsample: 0.7, seed: 3)),
            .boostedTrees(.init(trees: 8, maxDepth: 3, seed: 3)),
            .randomForest(.init(trees: 4, maxDepth: 6, seed: 3)),
        ]
        for spec in specs {
            let everyCore = try Model.train(spec, x: x, y: y)
            // Inside a parallel task, nested parallel loops run inline: one thread per model.
            let oneThread = Parallel.map(2) { _ in Swift.Result { try Model.train(spec, x: x, y: y) } }
            for result in oneThread {
                XCTAssertEqual(try result.get(), everyCore, "\(spec.kind) depends on the thread count")
            }
        }
    }

    func testParallelLoopsKeepOrderAndRunNestedLoopsInline() {
        let outer = Parallel.map(3) { k in (k, Parallel.map(4) { $0 * 10 + k }) }
        XCTAssertEqual(outer.map(\.0), [0, 1, 2])
        XCTAssertEqual(outer.map(\.1), [[0, 10, 20, 30], [1, 11, 21, 31], [2, 12, 22, 32]])
        XCTAssertEqual(ParallelChunks(count: 10, chunk: 4).ranges, [0..<4, 4..<8, 8..<10])
        XCTAssertEqual(ParallelChunks(count: 0, chunk: 4).ranges, [])
    }

    /// Tallying draws per row gives exactly the sorted draws, from the same generator calls.
    func testBootstrapSamplesAreTheSortedDraws() {
        for n in [1, 7, 1_000] {
            var tallied = SeededGenerator(seed: UInt64(n)), drawn = tallied
            let sorted = (0..<n).map { _ in Int32(truncatingIfNeeded: Int(drawn.next() % UInt64(n))) }.sorted()
            XCTAssertEqual(RandomForest.bootstrapSample(n, &tallied), sorted)
            XCTAssertEqual(tallied.next(), drawn.next(), "the generator moved on by exactly n draws")
        }
    }
}
