/// An Int comparison `Compiler.comparison` is specialised for, so the test is inlined instead of
/// called through a function value on every evaluation.
protocol IntComparison {
    static func test(_ a: Int, _ b: Int) -> Bool
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
