/// The syntax tree. Expressions and statements are value types; the pieces the resolver annotates
/// (name uses, declarations, functions) are classes so the annotation is shared with later stages.

struct Span {
    var start: Int
    var end: Int
}

/// A use of a name; the resolver sets `binding`.
final class NameRef {
    let name: String
    let span: Span
    var binding: Binding?
    /// Set by the resolver: the name is a `let` (or a parameter or builtin) and cannot be mutated.
    var isConstant = false

    init(_ name: String, _ span: Span) {
        self.name = name
        self.span = span
    }
}

/// A declaration of a name (variable, constant, parameter); the resolver sets `binding`.
final class Decl {
    let name: String
    let span: Span
    let isLet: Bool
    var binding: Binding?

    init(_ name: String, _ span: Span, isLet: Bool) {
        self.name = name
        self.span = span
        self.isLet = isLet
    }
}

/// Where a resolved name lives at run time.
enum Binding: Equatable {
    /// A session-wide variable: an index into the globals array.
    case global(Int)
    /// A slot in the frame `depth` levels out from the current function's frame.
    case local(depth: Int, index: Int)
    /// A builtin function or module of the prelude, by index.
    case builtin(Int)

    /// Whether the binding names storage (a global or a frame slot) rather than a builtin.
    var isVariable: Bool { if case .builtin = self { return false } else { return true } }
}

indirect enum TypeRef: CustomStringConvertible {
    case named(String)
    case array(TypeRef)
    case dictionary(TypeRef, TypeRef)
    case optional(TypeRef)
    case tuple([TypeRef])
    case function([TypeRef], TypeRef)

    var description: String {
        switch self {
        case .named(let n): return n
        case .array(let t): return "[\(t)]"
        case .dictionary(let k, let v): return "[\(k): \(v)]"
        case .optional(let t): return "\(t)?"
        case .tuple(let ts): return "(" + ts.map(\.description).joined(separator: ", ") + ")"
        case .function(let ps, let r): return "(" + ps.map(\.description).joined(separator: ", ") + ") -> \(r)"
        }
    }
}

struct Argument {
    var label: String?
    var value: Expr
    var span: Span
}

enum InterpolationPart {
    case text(String)
    case expr(Expr)
}

indirect enum ExprKind {
    case literal(Value)
    case interpolation([InterpolationPart])
    case name(NameRef)
    case array([Expr])
    case dictionary([(Expr, Expr)])
    case emptyArray(TypeRef)
    case emptyDictionary(TypeRef, TypeRef)
    case tuple([Expr])
    case unary(String, Expr)
    case binary(String, Expr, Expr)
    case ternary(Expr, Expr, Expr)
    case call(Expr, [Argument])
    case member(Expr, String, Span)
    case subscriptAccess(Expr, [Argument])
    case forceUnwrap(Expr)
    /// `x?` inside an optional chain: nil ends the whole chain.
    case optionalProbe(Expr)
    /// The root of a chain containing `?.`: evaluates to nil if a probe met nil.
    case optionalChain(Expr)
    case closure(FunctionDecl)
    /// An operator used as a function value: `reduce(0, +)`.
    case operatorFunction(String)
    /// `_` (only valid as an assignment target or a switch pattern).
    case wildcard
    /// `x is T`, `x as? T`, `x as! T`.
    case cast(Expr, CastKind, TypeRef)
}

enum CastKind {
    /// `is`: a Bool.
    case test
    /// `as?`: the value, or nil when it is not of the type.
    case optional
    /// `as!`: the value, or an error when it is not of the type.
    case forced
}

struct Expr {
    var kind: ExprKind
    var span: Span
}

enum Pattern {
    case name(Decl)
    case tuple([Pattern])
    case wildcard(Span)

    var declarations: [Decl] {
        switch self {
        case .name(let d): return [d]
        case .tuple(let ps): return ps.flatMap(\.declarations)
        case .wildcard: return []
        }
    }
}

enum Condition {
    case expr(Expr)
    /// `if let x = optional` / `guard var x = …`
    case binding(Decl, Expr)
}

struct SwitchCase {
    var patterns: [CasePattern]
    var body: [Stmt]
    var span: Span
}

/// One pattern of a `case`: `1`, `3..<10`, `_`, or `let x` (binds the subject), each optionally
/// followed by `where condition` (as in Swift, the `where` belongs to the pattern it follows).
struct CasePattern {
    enum Kind {
        case value(Expr)
        case wildcard
        case binding(Decl)
    }

    var kind: Kind
    var guardCondition: Expr?
}

/// Set by the resolver on a `for` loop whose body creates closures: each iteration then gets a
/// fresh frame of `slotCount` slots, so every closure captures its own loop variable (Swift semantics).
final class IterationScope {
    var slotCount: Int?
}

struct ParamDecl {
    var label: String?
    var decl: Decl
    var type: TypeRef?
    var defaultValue: Expr?
    var variadic: Bool
}

/// A `func` declaration or a closure expression. The resolver fills the frame layout.
final class FunctionDecl {
    let name: String
    let params: [ParamDecl]
    let returnType: TypeRef?
    var body: [Stmt]
    let doc: String?
    let span: Span
    let isClosure: Bool
    /// Filled by the resolver: the number of frame slots the body needs.
    var slotCount = 0
    /// Closures using `$0`…`$n` get implicit parameters; this is n + 1.
    var implicitParameterCount = 0
    /// Declarations for `$0`… (created by the resolver).
    var implicitParameters: [Decl] = []
    /// Where a named `func` stores itself (set by the resolver).
    var nameBinding: Binding?
    /// Set by the resolver when the body (or a default value) uses a variable of an enclosing frame;
    /// otherwise the function keeps no frame alive and its calls link no parent.
    var capturesFrame = false

    init(name: String, params: [ParamDecl], returnType: TypeRef?, body: [Stmt], doc: String?, span: Span, isClosure: Bool) {
        self.name = name
        self.params = params
        self.returnType = returnType
        self.body = body
        self.doc = doc
        self.span = span
        self.isClosure = isClosure
    }

    var parameters: [Parameter] {
        params.map { Parameter(label: $0.label, name: $0.decl.name, type: $0.type?.description, default: nil, variadic: $0.variadic) }
    }

    /// `scale(_ x: Int, by k: Double = 1.0) -> Double`, defaults shown as written.
    func signature(source: Source) -> String {
        let ps = params.map { p -> String in
            var text = Parameter(label: p.label, name: p.decl.name, type: p.type?.description, variadic: p.variadic).rendered
            if let d = p.defaultValue { text += " = " + source.text(d.span.start, d.span.end) }
            return text
        }
        return "\(name)(\(ps.joined(separator: ", ")))" + (returnType.map { " -> \($0)" } ?? "")
    }

    var selector: String { Signature.selector(name: name, parameters: parameters) }
}

indirect enum StmtKind {
    case expression(Expr)
    case declaration(isLet: Bool, Pattern, TypeRef?, Expr?)
    case assignment(Expr, String, Expr)
    case function(FunctionDecl)
    case ifStatement([Condition], [Stmt], Stmt?)
    case guardStatement([Condition], [Stmt])
    case whileLoop([Condition], [Stmt])
    case repeatWhile([Stmt], Expr)
    case forIn(Pattern, Expr, Expr?, [Stmt], IterationScope)
    case breakStatement
    case continueStatement
    case returnStatement(Expr?)
    case switchStatement(Expr, [SwitchCase], [Stmt]?)
    case block([Stmt])
    /// `let a = 1, b = 2`: declarations in the enclosing scope (no block of their own).
    case declarations([Stmt])
    /// `%time statement`
    case timeMagic([Stmt], String)
    /// Other line magics (`%who`, `%reset`, `%lsmagic`).
    case magic(String, String)
}

struct Stmt {
    var kind: StmtKind
    var span: Span
}
