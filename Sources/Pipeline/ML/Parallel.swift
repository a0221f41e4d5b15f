import Dispatch
import Foundation

/// Splits `0..<count` into fixed-size ranges and runs a closure per range on every core with
/// `DispatchQueue.concurrentPerform`, results in range order. The ranges depend only on `count`
/// and `chunk`, never on the number of cores, so sums of per-range results are bit-identical
/// whatever the machine (determinism for a seed whatever the thread count).
struct ParallelChunks {
    let ranges: [Range<Int>]

    init(count: Int, chunk: Int = 16_384) {
        ranges = stride(from: 0, to: count, by: max(chunk, 1)).map { $0..<min($0 + chunk, count) }
    }

    func map<T>(_ body: (Range<Int>) -> T) -> [T] {
        Parallel.map(ranges.count) { body(ranges[$0]) }
    }

    func forEach(_ body: (Range<Int>) -> Void) {
        Parallel.forEach(ranges.count) { body(ranges[$0]) }
    }
}

/// Loops over independent tasks on every core. A loop started inside another one's task runs
/// inline on that thread, so a search that trains trials in parallel does not also split each
/// trial's histograms across threads: the outermost independent work gets the cores.
enum Parallel {
    private static let nestingKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `body(0..<count)`, concurrently unless already inside a parallel task.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 || pthread_getspecific(nestingKey) != nil {
            for k in 0..<count { body(k) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count) { k in
            let outer = pthread_getspecific(nestingKey)
            pthread_setspecific(nestingKey, UnsafeRawPointer(bitPattern: 1))
            body(k)
            pthread_setspecific(nestingKey, outer)
        }
    }

    /// `body(0..<count)` in index order, computed as `forEach` does.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let results = UnsafeMutablePointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        defer { results.deinitialize(count: count); results.deallocate() }
        forEach(count) { k in results[k] = body(k) }
        return (0..<count).map { results[$0]! }
    }
}
