/// IPython-style line magics: `%who`, `%reset`, `%lsmagic` (`%time` is compiled as a statement).
enum LineMagics {
    static let names = ["time", "who", "reset", "lsmagic"]

    static func run(_ name: String, _ argument: String, session: Session) throws {
        let rt = session.runtime
        switch name {
        case "who":
            let names = session.globalNames
            rt.write(names.isEmpty ? "Interactive namespace is empty.\n" : names.joined(separator: "\t") + "\n", to: .output)
        case "reset":
            session.reset()
            rt.write("All variables were removed.\n", to: .output)
        case "lsmagic":
            let line = names.map { "%" + $0 }.joined(separator: "  ")
            let cell = session.cellMagicNames.map { "%%" + $0 }.joined(separator: "  ")
            rt.write("Available line magics:\n\(line)\n\nAvailable cell magics:\n\(cell.isEmpty ? "(none)" : cell)\n", to: .output)
        default:
            throw LanguageError("UsageError", "line magic `%\(name)` not found",
                                hints: Suggestions.hint(for: name, in: names) + ["available: " + names.map { "%" + $0 }.joined(separator: ", ")])
        }
    }
}
