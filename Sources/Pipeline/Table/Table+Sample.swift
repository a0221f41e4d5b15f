/// Seeded random subsets: samples for a quick look and train/test splits for models.
extension Table {
    /// `n` distinct rows chosen at random (all rows, shuffled, when `n` ≥ the row count).
    public func sample(n: Int, seed: UInt64) throws -> Table {
        guard n >= 0 else { throw PipelineError(.invalidArgument, "a sample size cannot be negative (got \(n))") }
        var generator = SplitMix64(seed: seed)
        return gathering(generator.choose(n, from: Array(0..<rowCount)))
    }

    /// round(`fraction` × rows) distinct rows chosen at random.
    public func sample(fraction: Double, seed: UInt64) throws -> Table {
        try Table.checkFraction(fraction)
        return try sample(n: Int((fraction * Double(rowCount)).rounded()), seed: seed)
    }

    /// Two disjoint parts: round(`fraction` × rows) rows in the first, the rest in the second; both
    /// keep the original row order. With `stratifiedBy`, each value of that column (null counts as a
    /// value) is split in the same proportion, so class balance survives in both parts.
    public func split(fraction: Double, seed: UInt64, stratifiedBy: String? = nil) throws -> (Table, Table) {
        try Table.checkFraction(fraction)
        var strata: [[Int]] = [Array(0..<rowCount)]
        if let stratifiedBy {
            let c = try column(stratifiedBy)
            var byValue: [Value: [Int]] = [:]
            var order: [Value] = []
            for i in 0..<rowCount {
                let v = c[i]
                if byValue[v] == nil { order.append(v) }
                byValue[v, default: []].append(i)
            }
            strata = order.map { byValue[$0]! }
        }
        var generator = SplitMix64(seed: seed)
        var first = [Bool](repeating: false, count: rowCount)
        for stratum in strata {
            for i in generator.choose(Int((fraction * Double(stratum.count)).rounded()), from: stratum) { first[i] = true }
        }
        return (gathering((0..<rowCount).filter { first[$0] }), gathering((0..<rowCount).filter { !first[$0] }))
    }

    private static func checkFraction(_ fraction: Double) throws {
        guard (0...1).contains(fraction) else {
            throw PipelineError(.invalidArgument, "a fraction must be between 0 and 1 (got \(fraction))")
        }
    }
}
