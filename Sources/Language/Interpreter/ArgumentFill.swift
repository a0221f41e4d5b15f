/// Evaluates a call's arguments into the callee's frame slots. One type per common arity, so the
/// compiled call is specialised for it and evaluates each argument by a direct closure call. The
/// slots of a frame fresh from its pool are empty (`.null`, nothing to release), so the arguments
/// are initialised into them rather than assigned.
protocol ArgumentFill {
    func fill(_ slots: UnsafeMutablePointer<Value>, _ f: Frame) throws
}

struct OneArgument: ArgumentFill {
    let a0: Eval
    init(_ evals: ContiguousArray<EvalBox>) { a0 = evals[0].run }
    @inline(__always) func fill(_ slots: UnsafeMutablePointer<Value>, _ f: Frame) throws {
        (slots + 0).initialize(to: try a0(f))
    }
}

struct TwoArguments: ArgumentFill {
    let a0: Eval, a1: Eval
    init(_ evals: ContiguousArray<EvalBox>) { (a0, a1) = (evals[0].run, evals[1].run) }
    @inline(__always) func fill(_ slots: UnsafeMutablePointer<Value>, _ f: Frame) throws {
        (slots + 0).initialize(to: try a0(f))
        (slots + 1).initialize(to: try a1(f))
    }
}

struct ArgumentList: ArgumentFill {
    let evals: ContiguousArray<EvalBox>
    init(_ evals: ContiguousArray<EvalBox>) { self.evals = evals }
    @inline(__always) func fill(_ slots: UnsafeMutablePointer<Value>, _ f: Frame) throws {
        for i in 0..<evals.count { (slots + i).initialize(to: try evals[i].run(f)) }
    }
}
