/// A piece of a string literal: literal text, or the source span of an interpolation `\(…)`.
enum StringPart: Equatable {
    case text(String)
    case code(start: Int, end: Int)
}

enum TokenKind: Equatable {
    case identifier(String)
    case keyword(Keyword)
    case integer(Int)
    case double(Double)
    case string([StringPart])
    /// Operators and punctuation, e.g. `+`, `..<`, `(`, `{`.
    case symbol(String)
    /// `$0`, `$1` inside closures.
    case dollar(Int)
    /// A line magic: `%time x = 1` is `.magic(name: "time", argument: "x = 1", argumentStart:)`.
    case magic(name: String, argument: String, argumentStart: Int)
    case end
}

enum Keyword: String, CaseIterable {
    case `let`, `var`, `func`, `return`, `if`, `else`, `guard`, `while`, `repeat`, `for`, `in`,
         `break`, `continue`, `switch`, `case`, `default`, `true`, `false`, `nil`, `where`
}

struct Token {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// A line break separates this token from the previous one (statements end at line breaks).
    var newlineBefore: Bool
    /// Whitespace (or a comment) separates this token from the previous one; decides postfix `!`/`?`.
    var spaceBefore: Bool
    /// The `///` comment lines right above this token, for documenting functions.
    var doc: String?

    func isSymbol(_ s: String) -> Bool { if case .symbol(let x) = kind { return x == s }; return false }
    func isKeyword(_ k: Keyword) -> Bool { if case .keyword(let x) = kind { return x == k }; return false }
    var identifier: String? { if case .identifier(let n) = kind { return n }; return nil }
    var isEnd: Bool { if case .end = kind { return true }; return false }
}

/// A problem found by the lexer. `unterminated` marks input that could become valid by typing more
/// (an open `"""` or `/*`), which `isComplete` reports as incomplete rather than invalid.
struct LexError {
    var message: String
    var start: Int
    var end: Int
    var unterminated: Bool
}
