/// Newton's method with a backtracking (Armijo) line search, for smooth convex objectives of a
/// few dozen parameters whose Hessian is cheap next to a pass over the data — logistic
/// regression on a handful of features. It reaches a 1e-8 gradient in about ten passes where
/// L-BFGS needs hundreds, because the step uses the curvature instead of estimating it.
struct Newton {
    var gradientTolerance: Double
    var maxIterations: Int

    /// f(x), ∇f(x) and, when asked, the Hessian (row-major, n × n).
    typealias Evaluate = (_ x: [Double], _ wantHessian: Bool) -> (value: Double, gradient: [Double], hessian: [Double])

    func minimize(start: [Double], evaluate: Evaluate) -> LBFGS.Result {
        let n = start.count
        var x = start
        var (f, g, h) = evaluate(x, true)
        for iteration in 0..<maxIterations {
            let gradientSize = g.map(abs).max() ?? 0
            if gradientSize <= gradientTolerance { return LBFGS.Result(x: x, value: f, iterations: iteration, converged: true) }
            let direction = Self.solve(h, g.map { -$0 }, n)
            let slope = zip(direction, g).reduce(0) { $0 + $1.0 * $1.1 }
            var step = 1.0, accepted: (Double, [Double])?
            for _ in 0..<40 {
                let trial = zip(x, direction).map { $0 + step * $1 }
                let (value, gradient, _) = evaluate(trial, false)
                // Near the optimum f changes by less than its rounding; a full step that shrinks
                // the gradient is then progress Armijo's test cannot see.
                let flatButCloser = step == 1 && value <= f + 1e-12 * Swift.max(abs(f), 1)
                    && (gradient.map(abs).max() ?? 0) < gradientSize
                if value <= f + 1e-4 * step * slope || flatButCloser {
                    x = trial
                    accepted = (value, gradient)
                    break
                }
                step *= 0.5
            }
            guard accepted != nil else { return LBFGS.Result(x: x, value: f, iterations: iteration, converged: false) }
            (f, g, h) = evaluate(x, true)
        }
        return LBFGS.Result(x: x, value: f, iterations: maxIterations, converged: (g.map(abs).max() ?? 0) <= gradientTolerance)
    }

    /// Solves H·d = b for a symmetric positive definite H by Cholesky, adding a growing ridge
    /// when rounding makes H not quite positive definite.
    static func solve(_ h: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var ridge = 0.0
        while true {
            var l = [Double](repeating: 0, count: n * n)
            var ok = true
            for i in 0..<n where ok {
                for j in 0...i {
                    var sum = h[i * n + j] + (i == j ? ridge : 0)
                    for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                    if i == j {
                        if sum <= 0 { ok = false; break }
                        l[i * n + i] = sum.squareRoot()
                    } else {
                        l[i * n + j] = sum / l[j * n + j]
                    }
                }
            }
            if ok {
                var y = b
                for i in 0..<n {
                    for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
                    y[i] /= l[i * n + i]
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
                    y[i] /= l[i * n + i]
                }
                return y
            }
            let diagonal = (0..<n).map { abs(h[$0 * n + $0]) }.max() ?? 1
            ridge = ridge == 0 ? 1e-12 * Swift.max(diagonal, 1e-300) : ridge * 10
        }
    }
}
