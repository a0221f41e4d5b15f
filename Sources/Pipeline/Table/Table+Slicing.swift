/// Choosing rows by position and columns by name.
extension Table {
    /// The first `n` rows (fewer when the table is shorter).
    public func head(_ n: Int = 5) -> Table {
        gathering(Array(0..<Swift.min(Swift.max(n, 0), rowCount)))
    }

    /// The last `n` rows (fewer when the table is shorter).
    public func tail(_ n: Int = 5) -> Table {
        gathering(Array(Swift.max(rowCount - Swift.max(n, 0), 0)..<rowCount))
    }

    /// The named columns, in the order given; an unknown name is an error with a suggestion.
    public func select(_ names: [String]) throws -> Table {
        try Table(names.map { try column($0) })
    }

    /// Every column except the named ones.
    public func dropping(_ names: [String]) throws -> Table {
        for name in names { _ = try column(name) }
        let drop = Set(names)
        return try Table(columns.filter { !drop.contains($0.name) })
    }

    /// Columns renamed by `mapping` (old name → new name); others keep their names.
    public func renaming(_ mapping: [String: String]) throws -> Table {
        for old in mapping.keys.sorted() { _ = try column(old) }
        return try Table(columns.map { c in
            var renamed = c
            renamed.name = mapping[c.name] ?? c.name
            return renamed
        })
    }
}
