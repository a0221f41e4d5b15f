/// Row indices of a train/test split; lists are sorted so the split does not reorder data.
public struct SplitIndices: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]
}

/// Seeded train/test splits: stratified by label, or by time at an as-of cutoff.
public enum Split {
    /// Each class is shuffled with `seed` and `testFraction` of it (rounded) goes to the test
    /// set, so both sets keep the class balance — with ~15 % positives an unstratified split
    /// can skew the test AUC noticeably.
    public static func stratified(labels: [Double], testFraction: Double, seed: UInt64) throws -> SplitIndices {
        guard testFraction > 0, testFraction < 1 else {
            throw PipelineError(.invalidArgument, "test fraction must be between 0 and 1 (exclusive), got \(testFraction)")
        }
        var generator = SeededGenerator(seed: seed)
        var train: [Int] = [], test: [Int] = []
        for cls in [0.0, 1.0] {
            var rows = labels.indices.filter { labels[$0] == cls }
            rows.shuffle(using: &generator)
            let nTest = Int((Double(rows.count) * testFraction).rounded())
            test += rows[..<nTest]
            train += rows[nTest...]
        }
        guard !train.isEmpty, !test.isEmpty else {
            throw PipelineError(.invalidArgument, "a split of \(labels.count) rows leaves an empty train or test set")
        }
        return SplitIndices(train: train.sorted(), test: test.sorted())
    }

    /// Rows strictly before `cutoff` train, rows at or after it test: the model is judged on
    /// the future it would face, which a random split hides (leakage through time).
    public static func time(_ table: Table, column: String, cutoff: Timestamp) throws -> SplitIndices {
        let col = try table.column(column)
        guard case .timestamp(let micros) = col.storage else {
            throw PipelineError(.typeMismatch, "time split column `\(column)` is a \(col.type) column, expected Timestamp")
        }
        var train: [Int] = [], test: [Int] = []
        for i in micros.indices {
            if col.isNull(i) {
                throw PipelineError(.invalidArgument, "time split column `\(column)` is null at row \(i + 1)")
            }
            if micros[i] < cutoff.microseconds { train.append(i) } else { test.append(i) }
        }
        guard !train.isEmpty, !test.isEmpty else {
            throw PipelineError(.invalidArgument, "cutoff \(cutoff) leaves \(train.count) training and \(test.count) test rows",
                                hint: "pick a cutoff inside the data's time range")
        }
        return SplitIndices(train: train, test: test)
    }
}
