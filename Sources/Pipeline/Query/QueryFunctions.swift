import Foundation

/// The functions the reference's queries rely on that SQLite lacks, registered on the
/// workspace connection: `corr`, `stddev`/`stddev_samp`/`stddev_pop`, `variance`/`var_samp`/
/// `var_pop`, `percentile(x, p)`, `median`, `time_between_previous_match`, seeded `rand()` /
/// `randn()` / `setseed(n)`, order-independent `seeded_random(seed, key…)`, and
/// `table_exists(name)`.
final class QueryFunctions {
    /// The stream `rand()` and `randn()` draw from; `setseed(n)` and `QueryService.seed` reset it.
    private(set) var random = RandomStream(seed: 42)
    private let lock = NSLock()

    func reseed(_ seed: UInt64) {
        lock.lock(); random = RandomStream(seed: seed); lock.unlock()
    }

    private func uniform() -> Double {
        lock.lock(); defer { lock.unlock() }
        return random.uniform()
    }

    func register(on db: SQLiteDatabase) throws {
        try db.createAggregate("corr", argumentCount: 2, CorrelationAggregate.self, window: true)
        for name in ["stddev", "stddev_samp"] { try db.createAggregate(name, argumentCount: 1, SampleStandardDeviation.self, window: true) }
        try db.createAggregate("stddev_pop", argumentCount: 1, PopulationStandardDeviation.self, window: true)
        for name in ["variance", "var_samp"] { try db.createAggregate(name, argumentCount: 1, SampleVariance.self, window: true) }
        try db.createAggregate("var_pop", argumentCount: 1, PopulationVariance.self, window: true)
        try db.createAggregate("percentile", argumentCount: 2, PercentileAggregate.self)
        try db.createAggregate("median", argumentCount: 1, MedianAggregate.self)
        for arity in [2, 3] {
            try db.createAggregate("time_between_previous_match", argumentCount: arity, TimeBetweenPreviousMatch.self, window: true)
        }
        try db.createFunction("rand", argumentCount: 0, deterministic: false) { [unowned self] _ in .double(self.uniform()) }
        try db.createFunction("randn", argumentCount: 0, deterministic: false) { [unowned self] _ in
            // Box–Muller; 1 - u keeps the logarithm finite.
            .double((-2 * log(1 - self.uniform())).squareRoot() * cos(2 * Double.pi * self.uniform()))
        }
        try db.createFunction("setseed", argumentCount: 1, deterministic: false) { [unowned self] a in
            self.reseed(UInt64(bitPattern: Int64(a.int(0))))
            return .null
        }
        try db.createFunction("seeded_random", argumentCount: -1) { a in
            guard a.count >= 1 else { throw PipelineError(.sql, "seeded_random(seed, key…) needs at least the seed") }
            return .double(a.hashUniform())
        }
        try db.createFunction("table_exists", argumentCount: 1) { [unowned db] a in
            .bool(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = ? COLLATE NOCASE AND type IN ('table', 'view')",
                                   [.string(a.text(0))]) ?? 0 > 0)
        }
    }
}
