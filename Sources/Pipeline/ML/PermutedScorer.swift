/// A model's scores with one feature's column replaced — what permutation importance asks
/// features × repeats times. For a tree ensemble each tree's output on the unpermuted rows is
/// kept, and a replaced column only re-walks the trees that split on that feature; the outputs
/// are then added in tree order from the same start, so every score has exactly the bits a full
/// scoring gives. Shallow boosted trees use two or three of the features each, so a permutation
/// costs a fraction of a full scoring. The running sums just before each feature's first tree
/// are kept too, so a permutation starts adding there: the trees before it add what they
/// always add (a rarely used feature's first tree is often far down the ensemble).
struct PermutedScorer {
    /// The columns permutations replace: preprocessed for ensembles (filling and scaling work
    /// value by value, so permuting before or after them is the same), raw otherwise.
    let columns: FeatureMatrix
    private let model: Model
    private let ensemble: Ensemble?

    /// Above this many kept tree outputs (64 MB) the full scoring is used instead.
    static let keptOutputLimit = 8_000_000

    private struct Ensemble {
        let trees: [DecisionTree]
        let start: Double
        let finish: (Double) -> Double
        /// `outputs[t][i]`: tree t's output for row i, unpermuted.
        let outputs: [[Double]]
        /// Per feature, the first tree that splits on it (the tree count when none does).
        let firstUse: [Int]
        /// Tree index t of a `firstUse` → each row's start plus the outputs of trees 0..<t, in order.
        let before: [Int: [Double]]
    }

    init(model: Model, x: FeatureMatrix) throws {
        self.model = model
        let trees: [DecisionTree], start: Double, finish: (Double) -> Double
        switch model.estimator {
        case .boostedTrees(let m): (trees, start, finish) = (m.trees, m.baseline, Sigmoid.value)
        case .randomForest(let m):
            let k = 1 / Double(m.trees.count)
            (trees, start, finish) = (m.trees, 0, { $0 * k })
        case .logistic: (trees, start, finish) = ([], 0, { $0 })
        }
        guard !trees.isEmpty, trees.count * x.rowCount <= Self.keptOutputLimit else {
            columns = x
            ensemble = nil
            return
        }
        let prepared = model.preprocessing.apply(try x.checked(against: model))
        columns = prepared
        let outputs = trees.outputs(prepared)
        let firstUse = (0..<x.featureCount).map { j in trees.firstIndex { $0.feature.contains(Int32(j)) } ?? trees.count }
        var before: [Int: [Double]] = [:], running = [Double](repeating: start, count: x.rowCount)
        for t in 0...trees.count {
            if firstUse.contains(t) { before[t] = running }
            if t < trees.count { running.add(outputs[t]) }
        }
        ensemble = Ensemble(trees: trees, start: start, finish: finish, outputs: outputs, firstUse: firstUse, before: before)
    }

    /// Scores with column `j` of `columns` replaced by `column`.
    func scores(replacing j: Int, with column: [Double]) throws -> [Double] {
        var permuted = columns
        permuted.columns[j] = column
        guard let e = ensemble else { return try model.probabilities(permuted) }
        let feature = Int32(j), first = e.firstUse[j]
        let using = e.trees.indices[first...].filter { e.trees[$0].feature.contains(feature) }
        var outputs = e.outputs
        for (t, output) in zip(using, using.map { e.trees[$0] }.outputs(permuted)) { outputs[t] = output }
        var raw = e.before[first]!
        for output in outputs[first...] { raw.add(output) }
        return raw.map(e.finish)
    }
}

extension [Double] {
    /// Adds `other` element by element.
    fileprivate mutating func add(_ other: [Double]) {
        withUnsafeMutableBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] += theirs[i] }
            }
        }
    }
}

extension FeatureMatrix {
    /// Self, when its features are the model's, in order.
    func checked(against model: Model) throws -> FeatureMatrix {
        guard names == model.features else {
            throw PipelineError(.schemaViolation, "the model reads features (\(model.features.joined(separator: ", "))) but got (\(names.joined(separator: ", ")))")
        }
        return self
    }
}
