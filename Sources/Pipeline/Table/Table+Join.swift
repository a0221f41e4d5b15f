/// Combining two tables on equal key columns.
extension Table {
    public enum JoinKind: String, Sendable {
        /// Only rows with a match on both sides.
        case inner
        /// Every row of the left table; right columns are null where nothing matches.
        case left
    }

    /// Rows of this table matched to rows of `other` whose `keys` columns are equal (as in SQL, a
    /// null key matches nothing). Output follows this table's row order, then `other`'s for several
    /// matches. The keys appear once; another column name both sides share gets `suffix` on the
    /// right side's copy.
    public func join(_ other: Table, on keys: [String], kind: JoinKind = .inner, suffix: String = "_right") throws -> Table {
        guard !keys.isEmpty else { throw PipelineError(.invalidArgument, "a join needs at least one key column") }
        let leftKeys = try keys.map { try column($0) }
        let rightKeys = try keys.map { name -> Column in
            do { return try other.column(name) } catch let error as PipelineError {
                throw PipelineError(error.kind, "no column `\(name)` in the right table of the join", hint: error.hint)
            }
        }
        for (l, r) in zip(leftKeys, rightKeys) where Value.compare(l.zero, r.zero) == nil {
            throw PipelineError(.typeMismatch, "cannot join the \(l.type) column `\(l.name)` with the \(r.type) column of the same name")
        }
        var rightRows: [[Value]: [Int]] = [:]
        for j in 0..<other.rowCount where !rightKeys.contains(where: { $0.isNull(j) }) {
            rightRows[rightKeys.map { $0[j].groupKey }, default: []].append(j)
        }
        var leftIndex: [Int] = [], rightIndex: [Int?] = []
        for i in 0..<rowCount {
            let matches = leftKeys.contains(where: { $0.isNull(i) }) ? nil : rightRows[leftKeys.map { $0[i].groupKey }]
            if let matches {
                for j in matches { leftIndex.append(i); rightIndex.append(j) }
            } else if kind == .left {
                leftIndex.append(i); rightIndex.append(nil)
            }
        }
        let keySet = Set(keys), leftNames = Set(columnNames)
        let rightColumns = other.columns.filter { !keySet.contains($0.name) }.map { c -> Column in
            var out = c.gathering(optional: rightIndex)
            if leftNames.contains(c.name) { out.name += suffix }
            return out
        }
        return try Table(columns.map { $0.gathering(leftIndex) } + rightColumns)
    }
}

extension Column {
    /// The rows at `indices`, with a null where the index is `nil` (the unmatched rows of a join).
    func gathering(optional indices: [Int?]) -> Column {
        let present = indices.map { $0 ?? 0 }
        let gathered = count == 0 ? Column(name: name, storage: storage.empty(count: indices.count)) : gathering(present)
        let mask = indices.enumerated().map { $1 == nil || gathered.isNull($0) }
        return Column(name: name, storage: gathered.storage, nulls: mask)
    }
}

extension Column.Storage {
    /// `count` zero cells of the same kind (placeholders under a null mask).
    func empty(count: Int) -> Column.Storage {
        switch self {
        case .int: return .int([Int](repeating: 0, count: count))
        case .double: return .double([Double](repeating: 0, count: count))
        case .string: return .string([String](repeating: "", count: count))
        case .bool: return .bool([Bool](repeating: false, count: count))
        case .timestamp: return .timestamp([Int64](repeating: 0, count: count))
        }
    }
}
