/// How a model treats missing feature values; fitted on training data and stored in the model,
/// so scoring applies exactly what training saw.
public enum MissingValuePolicy: String, Sendable, Codable, CaseIterable {
    /// Replace with 0 (what the reference notebooks did with `fillna(0)`).
    case zero
    /// Replace with the training mean of the feature.
    case mean
    /// Replace with the training median of the feature.
    case median
    /// Keep NaN: trees learn which side missing values go to.
    case keep
}

/// The fitted per-feature transformation: fill missing values, then (optionally) standardize.
public struct Preprocessing: Sendable, Equatable {
    public let policy: MissingValuePolicy
    /// The replacement per feature; NaN when missing values are kept.
    public let fill: [Double]
    /// Subtracted after filling (0 when not standardizing).
    public let center: [Double]
    /// Divided by after centering (1 when not standardizing, or for a constant feature).
    public let scale: [Double]

    public init(policy: MissingValuePolicy, fill: [Double], center: [Double], scale: [Double]) {
        self.policy = policy
        self.fill = fill
        self.center = center
        self.scale = scale
    }

    /// Learns fill values and (when `standardize`) the mean and standard deviation of every
    /// feature after filling.
    /// Bitwise on the fitted values, so a kept-missing (NaN) fill compares equal to itself.
    public static func == (a: Preprocessing, b: Preprocessing) -> Bool {
        let bits = { (v: [Double]) in v.map(\.bitPattern) }
        return a.policy == b.policy && bits(a.fill) == bits(b.fill) && bits(a.center) == bits(b.center) && bits(a.scale) == bits(b.scale)
    }

    public static func fit(_ x: FeatureMatrix, policy: MissingValuePolicy, standardize: Bool) -> Preprocessing {
        var fill: [Double] = [], center: [Double] = [], scale: [Double] = []
        for column in x.columns {
            let present = column.filter { !$0.isNaN }
            let f: Double
            switch policy {
            case .zero: f = 0
            case .keep: f = .nan
            case .mean: f = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
            case .median:
                let s = present.sorted()
                f = s.isEmpty ? 0 : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
            }
            fill.append(f)
            guard standardize else { center.append(0); scale.append(1); continue }
            let filled = policy == .keep ? present : column.map { $0.isNaN ? f : $0 }
            let n = Double(max(filled.count, 1))
            let mean = filled.reduce(0, +) / n
            let variance = filled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            center.append(mean)
            scale.append(variance > 0 ? variance.squareRoot() : 1)
        }
        return Preprocessing(policy: policy, fill: fill, center: center, scale: scale)
    }

    /// `x` filled and scaled. Feature names must match what was fitted.
    public func apply(_ x: FeatureMatrix) -> FeatureMatrix {
        precondition(x.featureCount == fill.count, "feature count differs from the fitted preprocessing")
        var out = x.columns
        for j in out.indices {
            let f = fill[j], c = center[j], s = scale[j], keep = f.isNaN
            if keep && c == 0 && s == 1 { continue }
            out[j].withUnsafeMutableBufferPointer { col in
                for i in col.indices {
                    var v = col[i]
                    if v.isNaN && !keep { v = f }
                    col[i] = (v - c) / s
                }
            }
        }
        return FeatureMatrix(names: x.names, columns: out)
    }
}
