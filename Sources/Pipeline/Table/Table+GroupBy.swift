/// Summaries per group of rows that share key values.
extension Table {
    /// One row per distinct combination of `keys` (sorted by the keys, nulls last; a null key is a
    /// group of its own, so no row is dropped), with one column per aggregate after the keys.
    public func groupBy(_ keys: [String], _ aggregates: [Aggregate]) throws -> Table {
        let keyColumns = try keys.map { try column($0) }
        var groupOf = [Int](repeating: 0, count: rowCount)
        var firstRow: [Int] = []
        var index: [[Value]: Int] = [:]
        for i in 0..<rowCount {
            let key = keyColumns.map { $0[i] }
            if let g = index[key] { groupOf[i] = g } else {
                groupOf[i] = firstRow.count
                index[key] = firstRow.count
                firstRow.append(i)
            }
        }
        // Order groups by their key values, using the same comparators as `sorted`.
        let comparators = keyColumns.map { $0.rowComparator() }
        let order = firstRow.indices.sorted { a, b in
            for compare in comparators {
                let (result, _) = compare(firstRow[a], firstRow[b])
                if result != 0 { return result < 0 }
            }
            return a < b
        }
        var rank = [Int](repeating: 0, count: firstRow.count)
        for (position, g) in order.enumerated() { rank[g] = position }
        let groups = GroupAssignment(groupOf: groupOf.map { rank[$0] }, count: firstRow.count)
        let keyOut = keyColumns.map { $0.gathering(order.map { firstRow[$0] }) }
        let summaries = try aggregates.map { try summarize($0, over: groups) }
        return try Table(keyOut + summaries)
    }

    /// One row of summaries over the whole table.
    public func aggregate(_ aggregates: [Aggregate]) throws -> Table {
        let groups = GroupAssignment(groupOf: [Int](repeating: 0, count: rowCount), count: 1)
        return try Table(aggregates.map { try summarize($0, over: groups) })
    }

    private func summarize(_ aggregate: Aggregate, over groups: GroupAssignment) throws -> Column {
        guard let name = aggregate.column else {
            var counts = [Int](repeating: 0, count: groups.count)
            for g in groups.groupOf { counts[g] += 1 }
            return Column(aggregate.name, ints: counts)
        }
        let input = try column(name)
        let type = try aggregate.outputType(for: input.type)
        var cells = [Value](repeating: .null, count: groups.count)
        switch aggregate.function {
        case .count:
            var counts = [Int](repeating: 0, count: groups.count)
            for (i, g) in groups.groupOf.enumerated() where !input.isNull(i) { counts[g] += 1 }
            return Column(aggregate.name, ints: counts)
        case .distinctCount:
            var seen = [Set<Value>](repeating: [], count: groups.count)
            for (i, g) in groups.groupOf.enumerated() where !input.isNull(i) { seen[g].insert(input[i]) }
            return Column(aggregate.name, ints: seen.map(\.count))
        case .min, .max:
            let wantSign = aggregate.function == .min ? -1 : 1
            for (i, g) in groups.groupOf.enumerated() where !input.isNull(i) {
                let v = input[i]
                if cells[g].isNull || Value.compare(v, cells[g]) == wantSign { cells[g] = v }
            }
        case .sum where type == .int:
            var sums = [Int](repeating: 0, count: groups.count)
            for (i, g) in groups.groupOf.enumerated() where !input.isNull(i) {
                guard case .int(let x) = input[i].integerValue else { continue }
                let (total, overflow) = sums[g].addingReportingOverflow(x)
                if overflow { throw PipelineError(.invalidArgument, "the sum of column `\(name)` overflows Int") }
                sums[g] = total
            }
            return Column(aggregate.name, ints: sums)
        case .sum, .mean, .std:
            var stats = [RunningStatistics](repeating: RunningStatistics(), count: groups.count)
            let values = input.doubles!
            for (i, g) in groups.groupOf.enumerated() where !input.isNull(i) { stats[g].add(values[i]) }
            for g in 0..<groups.count {
                switch aggregate.function {
                case .sum: cells[g] = .double(stats[g].sum)
                case .mean: cells[g] = stats[g].count > 0 ? .double(stats[g].mean) : .null
                default: cells[g] = stats[g].count > 1 ? .double(stats[g].sampleStandardDeviation) : .null
                }
            }
        }
        return try Column(name: aggregate.name, type: type, values: cells)
    }
}

/// Which group each row belongs to, groups numbered in output order.
struct GroupAssignment {
    let groupOf: [Int]
    let count: Int
}

/// Count, sum, mean and spread in one pass (Welford's update, so large means lose no precision).
struct RunningStatistics {
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var mean = 0.0
    private var m2 = 0.0

    mutating func add(_ x: Double) {
        count += 1
        sum += x
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    var sampleStandardDeviation: Double { count > 1 ? (m2 / Double(count - 1)).squareRoot() : .nan }
}
