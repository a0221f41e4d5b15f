/// Limited-memory BFGS for smooth convex objectives, with a backtracking (Armijo) line search.
///
/// Small and dependency-free: the logistic objective is cheap per evaluation, so a simple
/// line search costs less than the bookkeeping of a Moré–Thuente one.
struct LBFGS {
    /// Stop when the largest gradient component is at most this (in the objective's units).
    var gradientTolerance: Double
    var maxIterations: Int
    var memory = 10

    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var converged: Bool
    }

    /// `evaluate(x, &gradient)` returns f(x) and writes ∇f(x).
    func minimize(start: [Double], evaluate: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = evaluate(x, &g)
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        var iteration = 0
        while iteration < maxIterations {
            if g.map(abs).max() ?? 0 <= gradientTolerance { return Result(x: x, value: f, iterations: iteration, converged: true) }
            iteration += 1
            // Two-loop recursion: d = -H·g.
            var q = g
            var alpha = [Double](repeating: 0, count: s.count)
            for k in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[k] = rho[k] * dot(s[k], q)
                for i in 0..<n { q[i] -= alpha[k] * y[k][i] }
            }
            if let lastS = s.last, let lastY = y.last {
                let gamma = dot(lastS, lastY) / dot(lastY, lastY)
                for i in 0..<n { q[i] *= gamma }
            } else {
                let norm = max(dot(g, g).squareRoot(), 1e-300)
                for i in 0..<n { q[i] /= norm }
            }
            for k in 0..<s.count {
                let beta = rho[k] * dot(y[k], q)
                for i in 0..<n { q[i] += (alpha[k] - beta) * s[k][i] }
            }
            var direction = q.map { -$0 }
            var slope = dot(direction, g)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                s.removeAll(); y.removeAll(); rho.removeAll()
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            var step = 1.0
            var newX = x, newG = g, newF = f
            var accepted = false
            for _ in 0..<40 {
                for i in 0..<n { newX[i] = x[i] + step * direction[i] }
                newF = evaluate(newX, &newG)
                if newF <= f + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            guard accepted else { return Result(x: x, value: f, iterations: iteration, converged: false) }
            let sk = zip(newX, x).map { $0 - $1 }, yk = zip(newG, g).map { $0 - $1 }
            let sy = dot(sk, yk)
            if sy > 1e-12 {
                s.append(sk); y.append(yk); rho.append(1 / sy)
                if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            let decrease = f - newF
            x = newX; g = newG; f = newF
            if decrease <= 1e-15 * max(abs(f), 1) && (g.map(abs).max() ?? 0) <= gradientTolerance * 100 {
                return Result(x: x, value: f, iterations: iteration, converged: true)
            }
        }
        let done = (g.map(abs).max() ?? 0) <= gradientTolerance
        return Result(x: x, value: f, iterations: iteration, converged: done)
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }
}
