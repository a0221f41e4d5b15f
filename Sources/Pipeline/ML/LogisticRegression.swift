import Dispatch
import Foundation

/// L2-regularized logistic regression with an unpenalized intercept.
///
/// The objective is scikit-learn's: ½‖w‖² + C·Σᵢ logloss(yᵢ, σ(w·xᵢ + b)), so `C = 1` gives the
/// same optimum as `LogisticRegression(C=1.0)`. It is solved by L-BFGS until the largest
/// component of the gradient of the *mean* objective (objective ÷ (C·n)) is below `tolerance`.
public struct LogisticRegression: Sendable, Equatable {
    public struct Parameters: Sendable, Equatable, Codable {
        public var c: Double = 1.0
        public var tolerance: Double = 1e-8
        public var maxIterations: Int = 500
        public init(c: Double = 1.0, tolerance: Double = 1e-8, maxIterations: Int = 500) {
            self.c = c
            self.tolerance = tolerance
            self.maxIterations = maxIterations
        }
    }

    public let weights: [Double]
    public let intercept: Double
    /// L-BFGS iterations used and whether the tolerance was reached.
    public let iterations: Int
    public let converged: Bool

    public init(weights: [Double], intercept: Double, iterations: Int = 0, converged: Bool = true) {
        self.weights = weights
        self.intercept = intercept
        self.iterations = iterations
        self.converged = converged
    }

    /// Fits on `x` (already preprocessed: no NaN) and 0/1 labels `y`.
    public static func fit(_ x: FeatureMatrix, _ y: [Double], parameters: Parameters = .init()) throws -> LogisticRegression {
        guard parameters.c > 0 else { throw PipelineError(.invalidArgument, "C must be positive, got \(parameters.c)") }
        guard x.rowCount == y.count, x.rowCount > 0 else {
            throw PipelineError(.invalidArgument, "\(x.rowCount) feature rows but \(y.count) labels")
        }
        if let j = x.columns.firstIndex(where: { $0.contains { $0.isNaN } }) {
            throw PipelineError(.model, "feature `\(x.names[j])` has missing values; logistic regression needs a fill policy")
        }
        let d = x.featureCount, n = x.rowCount
        let scale = 1 / (parameters.c * Double(n))  // objective ÷ (C·n): the mean loss + ‖w‖²/(2Cn)
        let chunks = ParallelChunks(count: n, chunk: 8_192)
        let start = [Double](repeating: 0, count: d + 1)
        let result: LBFGS.Result
        if d + 1 <= newtonLimit {
            let solver = Newton(gradientTolerance: parameters.tolerance, maxIterations: parameters.maxIterations)
            result = solver.minimize(start: start) { theta, wantHessian in
                let partial = chunks.map { range in lossGradientHessian(x.columns, y, theta, range, hessian: wantHessian) }
                var loss = 0.0
                var grad = [Double](repeating: 0, count: d + 1), hess = [Double](repeating: 0, count: wantHessian ? (d + 1) * (d + 1) : 0)
                for (l, g, h) in partial {
                    loss += l
                    for k in 0...d { grad[k] += g[k] }
                    for k in hess.indices { hess[k] += h[k] }
                }
                var penalty = 0.0
                for k in 0..<d { penalty += theta[k] * theta[k] }
                for k in 0..<d { grad[k] = grad[k] / Double(n) + scale * theta[k] }
                grad[d] /= Double(n)
                for k in hess.indices { hess[k] /= Double(n) }
                if wantHessian { for k in 0..<d { hess[k * (d + 1) + k] += scale } }
                return (loss / Double(n) + 0.5 * scale * penalty, grad, hess)
            }
        } else {
            let solver = LBFGS(gradientTolerance: parameters.tolerance, maxIterations: parameters.maxIterations)
            result = solver.minimize(start: start) { theta, gradient in
                let partial = chunks.map { range in lossGradientHessian(x.columns, y, theta, range, hessian: false) }
                var loss = 0.0
                var grad = [Double](repeating: 0, count: d + 1)
                for (l, g, _) in partial {
                    loss += l
                    for k in 0...d { grad[k] += g[k] }
                }
                var penalty = 0.0
                for k in 0..<d { penalty += theta[k] * theta[k] }
                for k in 0..<d { gradient[k] = grad[k] / Double(n) + scale * theta[k] }
                gradient[d] = grad[d] / Double(n)
                return loss / Double(n) + 0.5 * scale * penalty
            }
        }
        return LogisticRegression(weights: Array(result.x[0..<d]), intercept: result.x[d],
                                  iterations: result.iterations, converged: result.converged)
    }

    /// Up to this many parameters (features + intercept) Newton's method solves the fit: its
    /// (d+1)² Hessian per row is cheap next to L-BFGS's hundreds of passes at a tight tolerance.
    public static let newtonLimit = 64

    /// Over `range`: the sum of log losses, its gradient (weights first, intercept last) and,
    /// when asked, its Hessian Σ p(1−p)·x̃x̃ᵀ with x̃ = (x, 1), row-major.
    private static func lossGradientHessian(_ columns: [[Double]], _ y: [Double], _ theta: [Double], _ range: Range<Int>,
                                            hessian wantHessian: Bool) -> (Double, [Double], [Double]) {
        let d = columns.count
        var z = [Double](repeating: theta[d], count: range.count)
        for j in 0..<d {
            let w = theta[j]
            columns[j].withUnsafeBufferPointer { col in
                z.withUnsafeMutableBufferPointer { zz in
                    for i in 0..<zz.count { zz[i] += w * col[range.lowerBound + i] }
                }
            }
        }
        var loss = 0.0
        var weight = [Double](repeating: 0, count: wantHessian ? range.count : 0)
        // z becomes the residual p - y; weight the curvature p(1 - p).
        y.withUnsafeBufferPointer { yy in
            z.withUnsafeMutableBufferPointer { zz in
                for i in 0..<zz.count {
                    let t = zz[i], label = yy[range.lowerBound + i]
                    // log(1 + e^t) − y·t and σ(t) from one exponential, without overflow.
                    let e = exp(-abs(t))
                    loss += max(t, 0) + log1p(e) - label * t
                    let p = (t >= 0 ? 1 : e) / (1 + e)
                    zz[i] = p - label
                    if wantHessian { weight[i] = p * (1 - p) }
                }
            }
        }
        var grad = [Double](repeating: 0, count: d + 1)
        for j in 0..<d {
            var sum = 0.0
            columns[j].withUnsafeBufferPointer { col in
                z.withUnsafeBufferPointer { r in
                    for i in 0..<r.count { sum += r[i] * col[range.lowerBound + i] }
                }
            }
            grad[j] = sum
        }
        grad[d] = z.reduce(0, +)
        guard wantHessian else { return (loss, grad, []) }
        let m = d + 1
        var hess = [Double](repeating: 0, count: m * m)
        var weighted = [Double](repeating: 0, count: range.count)
        for j in 0...d {
            // weighted = p(1 − p)·x_j (x_d is the intercept's constant 1)
            if j < d {
                columns[j].withUnsafeBufferPointer { col in
                    for i in 0..<range.count { weighted[i] = weight[i] * col[range.lowerBound + i] }
                }
            } else {
                weighted = weight
            }
            for k in 0...j {
                var sum = 0.0
                if k < d {
                    columns[k].withUnsafeBufferPointer { col in
                        for i in 0..<range.count { sum += weighted[i] * col[range.lowerBound + i] }
                    }
                } else {
                    sum = weighted.reduce(0, +)
                }
                hess[j * m + k] = sum
                hess[k * m + j] = sum
            }
        }
        return (loss, grad, hess)
    }

    /// P(y = 1) per row of a preprocessed matrix.
    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        let d = x.featureCount
        return probabilities(x, preprocessing: Preprocessing(policy: .keep, fill: Array(repeating: .nan, count: d),
                                                             center: Array(repeating: 0, count: d), scale: Array(repeating: 1, count: d)))
    }

    /// P(y = 1) per row of a raw matrix, filling and standardizing each value on the fly exactly
    /// as `preprocessing.apply` would (same operations, same order, so the same bits), in row
    /// blocks that stay in cache, on every core: scoring never writes a preprocessed copy.
    func probabilities(_ x: FeatureMatrix, preprocessing p: Preprocessing) -> [Double] {
        var out = [Double](repeating: 0, count: x.rowCount)
        out.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            ParallelChunks(count: x.rowCount, chunk: 4_096).forEach { range in
                let z = base + range.lowerBound, m = range.count
                for i in 0..<m { z[i] = intercept }
                for j in weights.indices {
                    let w = weights[j], fill = p.fill[j], c = p.center[j], s = p.scale[j]
                    x.columns[j].withUnsafeBufferPointer { column in
                        let v = column.baseAddress! + range.lowerBound
                        for i in 0..<m {
                            let filled = v[i].isNaN ? fill : v[i]
                            z[i] += w * ((filled - c) / s)
                        }
                    }
                }
                for i in 0..<m { z[i] = Sigmoid.value(z[i]) }
            }
        }
        return out
    }
}

/// The logistic function, stable for large |t|.
enum Sigmoid {
    @inline(__always) static func value(_ t: Double) -> Double {
        t >= 0 ? 1 / (1 + exp(-t)) : { let e = exp(t); return e / (1 + e) }()
    }
}
