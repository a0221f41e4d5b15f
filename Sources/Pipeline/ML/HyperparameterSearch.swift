import Foundation

/// One evaluated configuration.
public struct Trial: Sendable, Equatable {
    public let number: Int
    public let parameters: [String: String]
    /// ROC AUC on the validation rows (carved from the training set; test rows are never seen).
    public let score: Double
    /// Fraction of the inner training rows used (successive halving gives early rungs less).
    public let resource: Double
    public let rung: Int
    public let seconds: Double
}

/// Random search and successive halving over a `SearchSpace`, seeded, every trial recorded.
///
/// The training rows are split (stratified, seeded) into inner-train and validation rows; each
/// trial trains on inner-train (or a stratified fraction of it) and is scored by validation
/// ROC AUC. Reported as loss = −AUC in the reference; here the AUC itself, higher is better.
public struct HyperparameterSearch: Sendable {
    public let space: SearchSpace
    public let seed: UInt64
    public var validationFraction = 0.25

    public init(space: SearchSpace, seed: UInt64, validationFraction: Double = 0.25) {
        self.space = space
        self.seed = seed
        self.validationFraction = validationFraction
    }

    public struct Result: Sendable {
        public let trials: [Trial]
        /// The best full-resource trial.
        public let best: Trial
        public let bestSpec: ModelSpec

        /// One row per trial: number, rung, resource, score, seconds, then each parameter.
        public var table: Table {
            let names = Set(trials.flatMap { $0.parameters.keys }).sorted()
            var columns = [Column("trial", ints: trials.map(\.number)), Column("rung", ints: trials.map(\.rung)),
                           Column("resource", doubles: trials.map(\.resource)), Column("roc_auc", doubles: trials.map(\.score)),
                           Column("seconds", doubles: trials.map(\.seconds))]
            for name in names {
                columns.append(Column(name, strings: trials.map { $0.parameters[name] ?? "" }))
            }
            return try! Table(columns)
        }
    }

    /// `budget` random configurations, each on all inner-training rows.
    public func random(x: FeatureMatrix, y: [Double], budget: Int) throws -> Result {
        guard budget >= 1 else { throw PipelineError(.invalidArgument, "the search budget must be at least 1 trial") }
        let data = try prepare(x, y)
        var generator = SeededGenerator(seed: seed)
        let points = (1...budget).map { _ in space.sample(&generator) }
        return try finish(try runAll(points, firstNumber: 1, rung: 0, fraction: 1, data))
    }

    /// Successive halving: `candidates` random configurations start on `minResource` of the
    /// inner-training rows; after each rung the best 1/`eta` continue with `eta`× the rows,
    /// until one rung runs on all rows. Poor configurations are dropped cheaply.
    public func successiveHalving(x: FeatureMatrix, y: [Double], candidates: Int, eta: Int = 3,
                                  minResource: Double = 0.1) throws -> Result {
        guard candidates >= 2 else { throw PipelineError(.invalidArgument, "successive halving needs at least 2 candidates") }
        guard eta >= 2 else { throw PipelineError(.invalidArgument, "eta must be at least 2, got \(eta)") }
        guard minResource > 0, minResource <= 1 else { throw PipelineError(.invalidArgument, "min resource must be in (0, 1], got \(minResource)") }
        let data = try prepare(x, y)
        var generator = SeededGenerator(seed: seed)
        var alive = (0..<candidates).map { _ in space.sample(&generator) }
        var trials: [Trial] = [], fraction = minResource, rung = 0
        while true {
            let full = fraction >= 1 || alive.count == 1
            let used = full ? 1 : fraction
            let rungTrials = try runAll(alive, firstNumber: trials.count + 1, rung: rung, fraction: used, data)
            trials += rungTrials
            if full { break }
            let scored = zip(rungTrials, alive).sorted {
                $0.0.score > $1.0.score || ($0.0.score == $1.0.score && $0.0.number < $1.0.number)
            }
            alive = scored.prefix(max(1, alive.count / eta)).map(\.1)
            fraction *= Double(eta)
            rung += 1
        }
        return try finish(trials)
    }

    private struct Data {
        let train: FeatureMatrix, trainY: [Double], validation: FeatureMatrix, validationY: [Double]
    }

    private func prepare(_ x: FeatureMatrix, _ y: [Double]) throws -> Data {
        let split = try Split.stratified(labels: y, testFraction: validationFraction, seed: seed)
        return Data(train: x.gathering(split.train), trainY: split.train.map { y[$0] },
                    validation: x.gathering(split.test), validationY: split.test.map { y[$0] })
    }

    /// Trains `points` as trials numbered from `firstNumber`, one trial per core at a time (each
    /// trial's own training then runs on its thread; see `Parallel`). The largest configurations
    /// start first so the cores finish together. Results come back in `points` order. The rung's
    /// rows are drawn once, and binned once per boosting seed, for all its trials.
    private func runAll(_ points: [[String: String]], firstNumber: Int, rung: Int, fraction: Double, _ data: Data) throws -> [Trial] {
        var x = data.train, y = data.trainY
        if fraction < 1 {
            let keep = try Split.stratified(labels: y, testFraction: 1 - fraction, seed: seed &+ UInt64(rung)).train
            x = x.gathering(keep)
            y = keep.map { y[$0] }
        }
        let specs = try points.map { try space.spec(for: $0) }
        var binnings: [UInt64: SharedBinning] = [:]
        for case .boostedTrees(let p) in specs where p.validationFraction == nil && binnings[p.seed] == nil {
            binnings[p.seed] = SharedBinning(x, seed: p.seed)
        }
        let order = points.indices.sorted { HyperparameterSearch.cost(points[$0]) > HyperparameterSearch.cost(points[$1]) }
        let outcomes = Parallel.map(order.count) { k in
            Swift.Result<Trial, Error> {
                let i = order[k]
                let started = Date()
                var binning: SharedBinning?
                if case .boostedTrees(let p) = specs[i] { binning = binnings[p.seed] }
                let model = try Model.train(specs[i], x: x, y: y, missing: nil, binning: binning)
                let score = try Metrics.rocAUC(labels: data.validationY, scores: try model.probabilities(data.validation))
                return Trial(number: firstNumber + i, parameters: points[i], score: score, resource: fraction, rung: rung,
                             seconds: Date().timeIntervalSince(started))
            }
        }
        var trials = [Trial?](repeating: nil, count: points.count)
        for (k, outcome) in outcomes.enumerated() { trials[order[k]] = try outcome.get() }
        return trials.map { $0! }
    }

    /// A rough relative training cost of a configuration, for scheduling only: trees × depth.
    private static func cost(_ point: [String: String]) -> Double {
        (point["trees"].flatMap(Double.init) ?? 100) * (point["maxDepth"].flatMap(Double.init) ?? 6)
    }

    private func finish(_ trials: [Trial]) throws -> Result {
        let full = trials.filter { $0.resource >= 1 }
        let best = full.max { $0.score < $1.score || ($0.score == $1.score && $0.number > $1.number) }!
        return Result(trials: trials, best: best, bestSpec: try space.spec(for: best.parameters))
    }
}
