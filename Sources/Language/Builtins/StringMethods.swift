import Foundation

/// String properties and methods, with Swift's names (Characters are one-character Strings).
enum StringMethods {
    static func text(_ v: Value) -> String { v.stringValue ?? "" }

    static let properties: [Property] = [
        Property(name: "count", type: "Int", doc: "The number of characters.") { .int(text($0).count) },
        Property(name: "isEmpty", type: "Bool", doc: "Whether the string is empty.") { .bool(text($0).isEmpty) },
        Property(name: "first", type: "Character?", doc: "The first character, or nil.") { text($0).first.map { .string(String($0)) } ?? .null },
        Property(name: "last", type: "Character?", doc: "The last character, or nil.") { text($0).last.map { .string(String($0)) } ?? .null },
        Property(name: "utf8Count", type: "Int", doc: "The number of UTF-8 bytes.") { .int(text($0).utf8.count) },
    ]

    static let table: [String: [Method]] = methodTable([
        Method("uppercased", returns: "String", doc: "The string in upper case.") { v, _, _ in .string(text(v).uppercased()) },
        Method("lowercased", returns: "String", doc: "The string in lower case.") { v, _, _ in .string(text(v).lowercased()) },
        Method("hasPrefix", [.positional("prefix", "String")], returns: "Bool", doc: "Whether the string starts with the prefix.") { v, a, _ in
            .bool(text(v).hasPrefix(text(a[0])))
        },
        Method("hasSuffix", [.positional("suffix", "String")], returns: "Bool", doc: "Whether the string ends with the suffix.") { v, a, _ in
            .bool(text(v).hasSuffix(text(a[0])))
        },
        Method("contains", [.positional("other", "String")], returns: "Bool", doc: "Whether the string contains the other string.") { v, a, _ in
            let needle = text(a[0])
            return .bool(needle.isEmpty || text(v).contains(needle))
        },
        Method("split", [.labeled("separator", "String")], returns: "[String]", doc: "The pieces between separators (empty pieces dropped, as Swift does).") { v, a, _ in
            let sep = text(a[0])
            guard !sep.isEmpty else { throw LanguageError.valueError("separator must not be empty") }
            return .array(text(v).components(separatedBy: sep).filter { !$0.isEmpty }.map(Value.string))
        },
        Method("components", [.labeled("separatedBy", "String")], returns: "[String]", doc: "The pieces between separators, empty pieces kept.") { v, a, _ in
            let sep = text(a[0])
            guard !sep.isEmpty else { throw LanguageError.valueError("separator must not be empty") }
            return .array(text(v).components(separatedBy: sep).map(Value.string))
        },
        Method("replacingOccurrences", [.labeled("of", "String"), .labeled("with", "String")], returns: "String", doc: "The string with every occurrence replaced.") { v, a, _ in
            let target = text(a[0])
            guard !target.isEmpty else { return v }
            return .string(text(v).replacingOccurrences(of: target, with: text(a[1])))
        },
        Method("trimmingCharacters", [.labeled("in", "String", default: " \n\t")], returns: "String",
               doc: "The string without leading and trailing whitespace (or the given characters).") { v, a, _ in
            .string(text(v).trimmingCharacters(in: CharacterSet(charactersIn: text(a[0]))))
        },
        Method("reversed", returns: "String", doc: "The characters in reverse order.") { v, _, _ in .string(String(text(v).reversed())) },
        Method("prefix", [.positional("maxLength", "Int")], returns: "String", doc: "The first n characters.") { v, a, _ in
            .string(String(text(v).prefix(max(0, a[0].intValue ?? 0))))
        },
        Method("suffix", [.positional("maxLength", "Int")], returns: "String", doc: "The last n characters.") { v, a, _ in
            .string(String(text(v).suffix(max(0, a[0].intValue ?? 0))))
        },
        Method("dropFirst", [.positional("k", "Int", default: 1)], returns: "String", doc: "All but the first k characters.") { v, a, _ in
            .string(String(text(v).dropFirst(max(0, a[0].intValue ?? 1))))
        },
        Method("dropLast", [.positional("k", "Int", default: 1)], returns: "String", doc: "All but the last k characters.") { v, a, _ in
            .string(String(text(v).dropLast(max(0, a[0].intValue ?? 1))))
        },
        Method("map", [.positional("transform", "(Character) -> T")], returns: "[T]", doc: "The results of the closure on each character.") { v, a, rt in
            .array(try text(v).map { try rt.call(a[0], [.string(String($0))]) })
        },
        Method("filter", [.positional("isIncluded", "(Character) -> Bool")], returns: "String", doc: "The characters for which the closure returns true.") { v, a, rt in
            .string(String(try text(v).filter { try rt.predicate(a[0], [.string(String($0))]) }))
        },
        Method("append", [.positional("other", "String")], mutating: true, doc: "Adds text at the end.") { v, a, _ in
            guard case .string(var s) = v else { return .null }
            v = .null
            s += text(a[0])
            v = .string(s)
            return .null
        },
    ])
}
