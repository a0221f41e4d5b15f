import Foundation

/// Named destinations kept in the workspace database (`propel_destinations`), so a notebook can
/// activate to a destination another one declared. Declaring is get-or-replace: saving a
/// destination of an existing name replaces its settings.
public final class DestinationStore {
    let workspace: Workspace
    private var db: SQLiteDatabase { workspace.database }

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.database.execute("""
            CREATE TABLE IF NOT EXISTS propel_destinations(
                name TEXT PRIMARY KEY, kind TEXT NOT NULL, url TEXT, batch_size INTEGER, max_attempts INTEGER, backoff REAL,
                created_at TIMESTAMP NOT NULL);
            """)
    }

    @discardableResult
    public func save(_ destination: Destination) throws -> Destination {
        let s = try db.prepare("INSERT OR REPLACE INTO propel_destinations VALUES (?, ?, ?, ?, ?, ?, ?)")
        try s.bind([.string(destination.name)] + destination.stored + [.timestamp(Timestamp(Date()))])
        try s.step()
        return destination
    }

    /// A saved destination; an unknown name is an error naming it (and the closest saved name).
    public func destination(named name: String) throws -> Destination {
        let all = try destinations()
        if let found = all.first(where: { $0.name == name }) { return found }
        let names = all.map(\.name)
        throw PipelineError(.destination, "no destination named `\(name)`",
                            hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" }
                                ?? (names.isEmpty ? "no destination is defined yet" : "destinations: \(names.joined(separator: ", "))"))
    }

    public func destinations() throws -> [Destination] {
        let s = try db.prepare("SELECT * FROM propel_destinations ORDER BY name")
        var out: [Destination] = []
        while try s.step() { out.append(try Destination.stored(name: s.text(0), s, from: 1)) }
        return out
    }

    /// One row per destination: name and what it is.
    public func table() throws -> Table {
        let all = try destinations()
        return try Table([Column("name", strings: all.map(\.name)), Column("destination", strings: all.map(\.summary))])
    }
}
