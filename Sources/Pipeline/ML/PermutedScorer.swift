/// A model's scores with one feature's column replaced — what permutation importance asks
/// features × repeats times. For a tree ensemble each tree's output on the unpermuted rows is
/// kept, and a replaced column only re-walks the trees that split on that feature; the outputs
/// are then added in tree order from the same start, so every score has exactly the bits a full
/// scoring gives. Shallow boosted trees use two or three of the features each, so a permutation
/// costs a fraction of a full scoring.
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
        ensemble = Ensemble(trees: trees, start: start, finish: finish,
                            outputs: trees.outputs(prepared))
    }

    /// Scores with column `j` of `columns` replaced by `column`.
    func scores(replacing j: Int, with column: [Double]) throws -> [Double] {
        var permuted = columns
        permuted.columns[j] = column
        guard let e = ensemble else { return try model.probabilities(permuted) }
        let feature = Int32(j)
        let using = e.trees.indices.filter { e.trees[$0].feature.contains(feature) }
        var outputs = e.outputs
        for (t, output) in zip(using, using.map { e.trees[$0] }.outputs(permuted)) { outputs[t] = output }
        var raw = [Double](repeating: e.start, count: permuted.rowCount)
        for output in outputs {
            for i in raw.indices { raw[i] += output[i] }
        }
        return raw.map(e.finish)
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
