/// One feature matrix binned for tree models — edges, codes and uncommon rows — made once and
/// handed to every tree model trained on exactly those rows with the same seed. A search's trials
/// all train on the same inner-training rows, so binning them once instead of once per trial
/// gives every trial bit for bit the bins it would have made itself.
struct SharedBinning: Sendable {
    /// The seed the edges were fitted with (it picks the sampled rows of a large matrix).
    let seed: UInt64
    let binner: FeatureBinner
    let binned: BinnedFeatures
    let sparse: SparseBins

    init(_ x: FeatureMatrix, seed: UInt64) {
        self.seed = seed
        binner = FeatureBinner(fitting: x, seed: seed)
        binned = binner.transform(x)
        sparse = SparseBins(binned)
    }

    /// The binning a tree model with `seed` makes of `x`: this one when it was made for the same
    /// seed and row count (the caller vouches that the rows are the same), else a fresh one.
    static func of(_ x: FeatureMatrix, seed: UInt64, shared: SharedBinning?) -> SharedBinning {
        if let shared, shared.seed == seed, shared.binned.rowCount == x.rowCount, shared.binned.featureCount == x.featureCount {
            return shared
        }
        return SharedBinning(x, seed: seed)
    }
}
