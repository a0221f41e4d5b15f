/// An Int comparison `Compiler.comparison` is specialised for, so the test is inlined instead of
/// called through a function value on every evaluation.
protocol IntComparison {
    static func test(_ a: Int, _ b: Int) -> Bool
}

/// Code that is built once per comparison operator, specialised for it.
protocol IntComparisonBuilder {
    associatedtype Built
    func build<C: IntComparison>(_: C.Type) -> Built
}

enum IntComparisons {
    /// What `builder` builds for `op` (nil when `op` is not a comparison). Each case names its type,
    /// so the builder is specialised for it (an existential metatype would not be).
    static func build<B: IntComparisonBuilder>(_ op: String, _ builder: B) -> B.Built? {
        switch op {
        case "<": return builder.build(LessOp.self)
        case "<=": return builder.build(LessOrEqualOp.self)
        case ">": return builder.build(GreaterOp.self)
        case ">=": return builder.build(GreaterOrEqualOp.self)
        case "==": return builder.build(EqualOp.self)
        case "!=": return builder.build(NotEqualOp.self)
        default: return nil
        }
    }
}

enum LessOp: IntComparison {
    @inline(__always) static func test(_ a: Int, _ b: Int) -> Bool { a < b }
}

enum LessOrEqualOp: IntComparison {
    @inline(__always) static func test(_ a: Int, _ b: Int) -> Bool { a <= b }
}

enum GreaterOp: IntComparison {
    @inline(__always) static func test(_ a: Int, _ b: Int) -> Bool { a > b }
}

enum GreaterOrEqualOp: IntComparison {
    @inline(__always) static func test(_ a: Int, _ b: Int) -> Bool { a >= b }
}

enum EqualOp: IntComparison {
    @inline(__always) static func test(_ a: Int, _ b: Int) -> Bool { a == b }
}

enum NotEqualOp: IntComparison {
    @inline(__always) static func test(_ a: Int, _ b: Int) -> Bool { a != b }
}
