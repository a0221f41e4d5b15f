/// `s += t`, `xs += ys` and `xs.append(x)` on a variable: the string or array is moved out of its
/// storage (not copied), so it is uniquely referenced and grows in place instead of being copied on
/// every append.
enum InPlace {
    /// Appends `element` when `target` is an array; false otherwise.
    @inline(__always) static func append(element: Value, to target: UnsafeMutablePointer<Value>) -> Bool {
        guard case .array = target.pointee else { return false }
        guard case .array(var xs) = target.move() else { fatalError("unreachable: checked an array above") }
        xs.append(element)
        target.initialize(to: .array(xs))
        return true
    }

    /// Appends `tail` when both it and `target` are strings (or both arrays); false otherwise.
    @inline(__always) static func append(_ tail: Value, to target: UnsafeMutablePointer<Value>) -> Bool {
        if case .string(let t) = tail, case .string = target.pointee {
            guard case .string(var s) = target.move() else { fatalError("unreachable: checked a string above") }
            s += t
            target.initialize(to: .string(s))
            return true
        }
        if case .array(let ys) = tail, case .array = target.pointee {
            guard case .array(var xs) = target.move() else { fatalError("unreachable: checked an array above") }
            xs += ys
            target.initialize(to: .array(xs))
            return true
        }
        return false
    }
}
