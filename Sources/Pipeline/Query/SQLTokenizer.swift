/// A lexical token of SQL text, with its byte range in the source (SQLite reports error
/// positions as byte offsets, so ranges are in UTF-8 bytes too).
struct SQLToken: Equatable {
    enum Kind: Equatable { case word, quotedIdentifier, string, number, parameter, punctuation, semicolon }
    let kind: Kind
    let range: Range<Int>
    let text: String

    /// Upper-cased text for keyword comparisons.
    var keyword: String { kind == .word ? text.uppercased() : "" }

    /// The identifier this token names (quotes removed), or nil if it is not an identifier.
    var identifier: String? {
        switch kind {
        case .word: return text
        case .quotedIdentifier:
            let inner = text.dropFirst().dropLast()
            return text.first == "[" ? String(inner) : String(inner).replacingOccurrences(of: String(text.first!) + String(text.first!), with: String(text.first!))
        default: return nil
        }
    }
}

/// Splits SQL into tokens, skipping whitespace and comments. Enough of SQLite's lexer to find
/// statement boundaries, leading keywords, table names and parameters; SQLite itself still
/// parses every statement.
enum SQLTokenizer {
    static func tokenize(_ sql: String) -> [SQLToken] {
        let b = Array(sql.utf8)
        var tokens: [SQLToken] = []
        var i = 0
        func isWordStart(_ c: UInt8) -> Bool { (c | 32 >= 97 && c | 32 <= 122) || c == 95 || c >= 128 }
        func isWord(_ c: UInt8) -> Bool { isWordStart(c) || (c >= 48 && c <= 57) || c == 36 }
        func emit(_ kind: SQLToken.Kind, _ start: Int) {
            tokens.append(SQLToken(kind: kind, range: start..<i, text: String(decoding: b[start..<i], as: UTF8.self)))
        }
        while i < b.count {
            let c = b[i], start = i
            if c == 32 || c == 9 || c == 10 || c == 13 || c == 12 { i += 1; continue }
            if c == 45, i + 1 < b.count, b[i + 1] == 45 {   // -- comment
                while i < b.count, b[i] != 10 { i += 1 }
                continue
            }
            if c == 47, i + 1 < b.count, b[i + 1] == 42 {   // /* comment */
                i += 2
                while i + 1 < b.count, !(b[i] == 42 && b[i + 1] == 47) { i += 1 }
                i = min(b.count, i + 2)
                continue
            }
            switch c {
            case 39, 34, 96:   // ' " `
                i += 1
                while i < b.count {
                    if b[i] == c { if i + 1 < b.count, b[i + 1] == c { i += 2; continue }; i += 1; break }
                    i += 1
                }
                emit(c == 39 ? .string : .quotedIdentifier, start)
            case 91:   // [identifier]
                while i < b.count, b[i] != 93 { i += 1 }
                i = min(b.count, i + 1)
                emit(.quotedIdentifier, start)
            case 59:
                i += 1
                emit(.semicolon, start)
            case 36, 58, 64, 63:   // $name :name @name ?NNN
                i += 1
                while i < b.count, isWord(b[i]) { i += 1 }
                emit(i - start > 1 || c == 63 ? .parameter : .punctuation, start)
            case 48...57:
                i += 1
                while i < b.count, isWord(b[i]) || b[i] == 46 || ((b[i] == 43 || b[i] == 45) && b[i - 1] | 32 == 101) { i += 1 }
                emit(.number, start)
            default:
                if isWordStart(c) {
                    while i < b.count, isWord(b[i]) { i += 1 }
                    emit(.word, start)
                } else {
                    i += 1
                    emit(.punctuation, start)
                }
            }
        }
        return tokens
    }

    /// The statements of a script: each is its token slice and byte range (without the `;`).
    static func statements(_ tokens: [SQLToken]) -> [ArraySlice<SQLToken>] {
        var out: [ArraySlice<SQLToken>] = []
        var start = 0
        for (i, t) in tokens.enumerated() where t.kind == .semicolon {
            if i > start { out.append(tokens[start..<i]) }
            start = i + 1
        }
        if start < tokens.count { out.append(tokens[start...]) }
        return out
    }
}
