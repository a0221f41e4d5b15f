import Foundation

/// The functions every session has. Each is documented: `help(_:)` and inspection show the text.
enum Builtins {
    static func install(into rt: Runtime) {
        for f in functions(rt) { rt.addBuiltin(f.name, .native(f)) }
    }

    static let keywordsAndTypes = ["Int", "Double", "String", "Bool"]

    private static func output(_ name: String, _ stream: StandardStream, _ rt: Runtime, _ doc: String) -> NativeFunction {
        NativeFunction(name, [
            Parameter(label: nil, name: "items", type: "Any", variadic: true),
            .labeled("separator", "String", default: " "),
            .labeled("terminator", "String", default: "\n"),
        ], doc: doc) { args in
            let items = args[0].arrayValue ?? []
            let text = items.map(Display.description).joined(separator: try args.string(1)) + (try args.string(2))
            rt.write(text, to: stream)
            return .null
        }
    }

    static func functions(_ rt: Runtime) -> [NativeFunction] {
        [
            output("print", .output, rt, "Writes the items' text to standard output, separated by `separator` and followed by `terminator`."),
            output("eprint", .error, rt, "Like `print`, but writes to standard error."),
            NativeFunction("display", [.positional("value"), .labeled("id", "String?", default: .null)],
                           doc: "Shows a value as rich output now (tables as HTML, charts as SVG). With `id:`, the output can later be replaced with `updateDisplay(_:id:)`.") { args in
                rt.host.display(Display.bundle(args[0]), id: try args.optionalString(1), update: false)
                return .null
            },
            NativeFunction("updateDisplay", [.positional("value"), .labeled("id", "String")],
                           doc: "Replaces the output shown earlier with `display(_:id:)` under the same id.") { args in
                rt.host.display(Display.bundle(args[0]), id: try args.string(1), update: true)
                return .null
            },
            rich("html", "text/html", "A value rendered as HTML in notebooks."),
            rich("markdown", "text/markdown", "A value rendered as Markdown in notebooks."),
            rich("svg", "image/svg+xml", "A value rendered as an SVG image in notebooks."),
            NativeFunction("clearOutput", [.labeled("wait", "Bool", default: false)],
                           doc: "Clears this cell's output; with `wait: true`, only when new output arrives (no flicker).") { args in
                rt.host.clearOutput(wait: try args.bool(0))
                return .null
            },
            NativeFunction("help", [.positional("value")], doc: "Shows the documentation of a function, module or value.") { args in
                rt.host.page(["text/plain": Docs.describe(args[0])])
                return .null
            },
            NativeFunction("input", [.positional("prompt", "String", default: "")], returns: "String",
                           doc: "Reads a line typed by the user (through the notebook's input box).") { args in
                do { return .string(try rt.host.readLine(prompt: try args.string(0), password: false)) } catch let e as LanguageError { throw e } catch {
                    throw LanguageError("StdinNotAllowed", "input(_:) is not available: \(error)")
                }
            },
            NativeFunction("sleep", [.positional("seconds", "Double")], doc: "Pauses for a number of seconds (an interrupt stops it).") { args in
                let s = try args.double(0)
                guard s >= 0, s.isFinite else { throw LanguageError.valueError("sleep needs a non-negative number of seconds, got \(s)") }
                try rt.sleep(seconds: s)
                return .null
            },
            NativeFunction("Int", [.positional("value")], returns: "Int?",
                           doc: "Converts to Int: `Int(\"42\")` is 42 (nil if the text is not a number); `Int(3.9)` is 3.") { args in
                switch args[0] {
                case .int: return args[0]
                case .double(let d):
                    guard d.isFinite, d >= -9.2e18, d <= 9.2e18 else { throw LanguageError.valueError("\(d) cannot be converted to Int") }
                    return .int(Int(d))
                case .string(let s): return Int(s.trimmingCharacters(in: .whitespaces)).map(Value.int) ?? .null
                case .bool(let b): return .int(b ? 1 : 0)
                default: throw LanguageError.typeError("cannot convert \(args[0].typeName) to Int")
                }
            },
            NativeFunction("Double", [.positional("value")], returns: "Double?",
                           doc: "Converts to Double: `Double(\"2.5\")` is 2.5 (nil if the text is not a number); `Double(3)` is 3.0.") { args in
                switch args[0] {
                case .double: return args[0]
                case .int(let i): return .double(Double(i))
                case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces)).map(Value.double) ?? .null
                default: throw LanguageError.typeError("cannot convert \(args[0].typeName) to Double")
                }
            },
            NativeFunction("String", unary: .positional("value"), returns: "String", doc: "The value as text, as `print` would show it.") { value in
                .string(Display.description(value))
            },
            NativeFunction("Bool", [.positional("value")], returns: "Bool?", doc: "Converts \"true\"/\"false\" to Bool (nil otherwise).") { args in
                switch args[0] {
                case .bool: return args[0]
                case .string(let s): return s == "true" ? .bool(true) : s == "false" ? .bool(false) : .null
                default: throw LanguageError.typeError("cannot convert \(args[0].typeName) to Bool")
                }
            },
            NativeFunction("Array", [.positional("sequence")], returns: "[Element]", doc: "The elements of a range, string, dictionary or array as an array.") { args in
                switch args[0] {
                case .array, .range, .tuple: return .array(args[0].arrayValue ?? [])
                case .string(let s): return .array(s.map { .string(String($0)) })
                case .dictionary: return .array(DictionaryMethods.pairs(args[0]))
                case .object(let o):
                    if let xs = try o.elements() { return .array(xs) }
                    throw LanguageError.typeError("\(o.typeName) is not a sequence")
                default: throw LanguageError.typeError("\(args[0].typeName) is not a sequence")
                }
            },
            NativeFunction("type", [.labeled("of")], returns: "String", doc: "The name of a value's type.") { args in .string(args[0].typeName) },
            NativeFunction("abs", [.positional("x")], doc: "The absolute value.") { args in
                switch args[0] {
                case .int(let i):
                    guard i != Int.min else { throw LanguageError.arithmetic("integer overflow: abs(\(i))") }
                    return .int(abs(i))
                default: return .double(abs(try args.double(0)))
                }
            },
            extremum("min", -1), extremum("max", 1),
            math("sqrt", sqrt), math("floor", floor), math("ceil", ceil), math("round", Foundation.round), math("log", Foundation.log),
            math("exp", Foundation.exp), math("sin", Foundation.sin), math("cos", Foundation.cos),
            NativeFunction("pow", [.positional("base", "Double"), .positional("exponent", "Double")], returns: "Double", doc: "`base` raised to `exponent`.") { args in
                .double(Foundation.pow(try args.double(0), try args.double(1)))
            },
            NativeFunction("stride", [.labeled("from", "Int"), .labeled("to", "Int"), .labeled("by", "Int", default: 1)], returns: "[Int]",
                           doc: "`from`, `from + by`, … up to but not including `to`.") { args in
                let by = try args.int(2)
                guard by != 0 else { throw LanguageError.valueError("stride step must not be zero") }
                let (from, to) = (try args.int(0), try args.int(1))
                guard (to - from) / by <= 10_000_000 else { throw LanguageError.valueError("stride would produce more than 10,000,000 values") }
                return .array(Swift.stride(from: from, to: to, by: by).map(Value.int))
            },
            NativeFunction("zip", [.positional("a", "Array"), .positional("b", "Array")], returns: "[(A, B)]", doc: "Pairs of elements at the same positions.") { args in
                .array(zip(try args.array(0), try args.array(1)).map { .tuple([$0, $1]) })
            },
            NativeFunction("fatalError", [.positional("message", "String", default: "")], doc: "Stops the cell with an error.") { args in
                throw LanguageError("FatalError", try args.string(0).isEmpty ? "fatal error" : try args.string(0))
            },
        ]
    }

    private static func rich(_ name: String, _ mime: String, _ doc: String) -> NativeFunction {
        NativeFunction(name, [.positional("text", "String")], returns: name == "html" ? "HTML" : name == "svg" ? "SVG" : "Markdown", doc: doc) { args in
            .rich(RichValue(mimeType: mime, text: try args.string(0)))
        }
    }

    private static func math(_ name: String, _ f: @escaping (Double) -> Double) -> NativeFunction {
        NativeFunction(name, [.positional("x", "Double")], returns: "Double", doc: "`\(name)` of a number.") { args in .double(f(try args.double(0))) }
    }

    private static func extremum(_ name: String, _ sign: Int) -> NativeFunction {
        NativeFunction(name, [Parameter(label: nil, name: "values", type: "Any", variadic: true)], doc: "The \(name == "min" ? "smallest" : "largest") of the arguments.") { args in
            let xs = args[0].arrayValue ?? []
            guard var best = xs.first else { throw LanguageError.argumentError("\(name) needs at least one value") }
            for x in xs.dropFirst() where try Operators.compare(name, x, best) * sign > 0 { best = x }
            return best
        }
    }
}
