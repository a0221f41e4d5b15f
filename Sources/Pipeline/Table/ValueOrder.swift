/// The one ordering sort, min/max, group keys and comparisons share, so `sort` and `filter(<)` agree.
///
/// Numbers compare by value across Int and Double; other types compare only with their own kind.
extension Value {
    /// `nil` when either side is null or the kinds cannot be compared (a string against a number).
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            return compareDoubles(a.doubleValue!, b.doubleValue!)
        default: return nil
        }
    }

    /// Total order on doubles with NaN after every number, so sorting never depends on input order.
    static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : 1) : -1 }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}

extension Value {
    /// Int cells as themselves and Bool cells as 0 / 1: what integer sums add up.
    var integerValue: Value {
        if case .bool(let b) = self { return .int(b ? 1 : 0) }
        return self
    }
}
