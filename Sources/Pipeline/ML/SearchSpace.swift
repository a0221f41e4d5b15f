import Foundation

/// How one hyperparameter is drawn in a search.
public enum ParameterDistribution: Sendable, Equatable {
    case uniform(Double, Double)
    /// Uniform in log space: for learning rates and regularization strengths.
    case logUniform(Double, Double)
    /// Integers from `low` to `high` inclusive, in steps of `step`.
    case integer(Int, Int, step: Int = 1)
    case choice([String])

    func sample(_ generator: inout SeededGenerator) -> String {
        switch self {
        case .uniform(let a, let b): return "\(a + (b - a) * generator.unit())"
        case .logUniform(let a, let b): return "\(exp(log(a) + (log(b) - log(a)) * generator.unit()))"
        case .integer(let a, let b, let step):
            let steps = (b - a) / max(step, 1)
            return "\(a + Int(generator.next() % UInt64(steps + 1)) * step)"
        case .choice(let options): return options[Int(generator.next() % UInt64(options.count))]
        }
    }

    func validate(_ name: String) throws {
        switch self {
        case .uniform(let a, let b) where !(a <= b),
             .logUniform(let a, let b) where !(a > 0 && a <= b):
            throw PipelineError(.invalidArgument, "search range for `\(name)` is empty or invalid")
        case .integer(let a, let b, let step) where a > b || step < 1:
            throw PipelineError(.invalidArgument, "integer range for `\(name)` is empty or has a step below 1")
        case .choice(let options) where options.isEmpty:
            throw PipelineError(.invalidArgument, "choice for `\(name)` has no options")
        default: return
        }
    }
}

/// A declared search space: a model kind and a distribution per hyperparameter it varies
/// (the rest keep their defaults).
public struct SearchSpace: Sendable, Equatable {
    public let kind: String
    public let parameters: [(name: String, distribution: ParameterDistribution)]

    public init(kind: String, parameters: [(name: String, distribution: ParameterDistribution)]) throws {
        self.kind = kind
        self.parameters = parameters
        for p in parameters { try p.distribution.validate(p.name) }
        // Fail now, not at trial 37, when a name does not belong to the kind.
        var probe = SeededGenerator(seed: 0)
        _ = try spec(for: sample(&probe))
    }

    public static func == (a: SearchSpace, b: SearchSpace) -> Bool {
        a.kind == b.kind && a.parameters.map(\.name) == b.parameters.map(\.name)
            && a.parameters.map(\.distribution) == b.parameters.map(\.distribution)
    }

    /// One random point of the space.
    func sample(_ generator: inout SeededGenerator) -> [String: String] {
        var out: [String: String] = [:]
        for p in parameters { out[p.name] = p.distribution.sample(&generator) }
        return out
    }

    /// The spec for a point; a parameter that does not exist for the kind is an error.
    func spec(for point: [String: String]) throws -> ModelSpec {
        var numbers: [String: Double] = [:]
        var criterion: String?
        for (name, text) in point {
            if name == "criterion" { criterion = text; continue }
            guard let v = Double(text) else {
                throw PipelineError(.invalidArgument, "`\(name)` = `\(text)` is not a number")
            }
            numbers[name] = v
        }
        return try ModelSpec(kind: kind, parameters: numbers, criterion: criterion)
    }
}
