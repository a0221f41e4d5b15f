import Foundation

/// One registered version of a named model.
public struct ModelVersion: Sendable, Equatable {
    public var name: String
    public var version: Int
    /// The model file, relative to the workspace storage folder.
    public var path: String
    public var kind: String
    public var runID: String?
    public var description: String
    public var createdAt: Timestamp
}

/// Named, versioned models with aliases (`production`, `champion`): files under
/// `storage/models/<name>/v<version>/model.json`, the index in the `propel_models` and
/// `propel_model_aliases` tables. `models:/<name>/production` in the reference is
/// `registry.load("<name>", alias: "production")` here.
public final class ModelRegistry {
    let workspace: Workspace
    private var db: SQLiteDatabase { workspace.database }

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.database.execute("""
            CREATE TABLE IF NOT EXISTS propel_models(
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                path TEXT NOT NULL,
                kind TEXT NOT NULL,
                run_id TEXT,
                description TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL,
                PRIMARY KEY(name, version));
            CREATE TABLE IF NOT EXISTS propel_model_aliases(
                name TEXT NOT NULL,
                alias TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_at TIMESTAMP NOT NULL,
                PRIMARY KEY(name, alias));
            """)
    }

    /// Registers `model` as the next version of `name`. The file is written (atomically) before
    /// the index row, inside one transaction, so a listed version always has its file.
    @discardableResult
    public func register(_ model: Model, name: String, runID: String? = nil, description: String = "") throws -> ModelVersion {
        try Self.validate(name, what: "model name")
        return try db.transaction {
            let next = (try db.scalarInt("SELECT max(version) FROM propel_models WHERE name = ?", [.string(name)]) ?? 0) + 1
            let path = "models/\(name)/v\(next)/model.json"
            try ModelFile.write(model, to: workspace.storage.appendingPathComponent(path))
            let version = ModelVersion(name: name, version: next, path: path, kind: model.spec.kind, runID: runID,
                                       description: description, createdAt: Timestamp(Date()))
            let s = try db.prepare("INSERT INTO propel_models VALUES (?, ?, ?, ?, ?, ?, ?)")
            try s.bind([.string(name), .int(next), .string(path), .string(version.kind), runID.map(Value.string) ?? .null,
                        .string(description), .timestamp(version.createdAt)])
            try s.step()
            return version
        }
    }

    /// Points `alias` of `name` at `version` (moving it if it pointed elsewhere).
    public func setAlias(_ alias: String, name: String, version: Int) throws {
        try Self.validate(alias, what: "alias")
        _ = try self.version(name: name, version: version)
        let s = try db.prepare("INSERT OR REPLACE INTO propel_model_aliases VALUES (?, ?, ?, ?)")
        try s.bind([.string(name), .string(alias), .int(version), .timestamp(Timestamp(Date()))])
        try s.step()
    }

    public func versions(name: String? = nil) throws -> [ModelVersion] {
        let s = try db.prepare("""
            SELECT name, version, path, kind, run_id, description, created_at FROM propel_models
            WHERE ?1 IS NULL OR name = ?1 ORDER BY name, version
            """)
        try s.bind([name.map(Value.string) ?? .null])
        var out: [ModelVersion] = []
        while try s.step() {
            out.append(ModelVersion(name: s.text(0), version: s.int(1), path: s.text(2), kind: s.text(3),
                                    runID: s.isNull(4) ? nil : s.text(4), description: s.text(5),
                                    createdAt: Catalog.timestamp(s, 6) ?? Timestamp(microseconds: 0)))
        }
        return out
    }

    /// A version by number, by alias, or the latest when both are nil.
    public func version(name: String, version number: Int? = nil, alias: String? = nil) throws -> ModelVersion {
        let all = try versions(name: name)
        guard !all.isEmpty else {
            let names = Set(try versions().map(\.name)).sorted()
            throw PipelineError(.model, "no model named `\(name)` is registered",
                                hint: Suggestion.closest(to: name, in: names).map { "did you mean `\($0)`?" })
        }
        var wanted = number
        if let alias {
            guard let v = try db.scalarInt("SELECT version FROM propel_model_aliases WHERE name = ? AND alias = ?",
                                           [.string(name), .string(alias)]) else {
                throw PipelineError(.model, "model `\(name)` has no alias `\(alias)`",
                                    hint: "set it with setAlias(\"\(alias)\", name: \"\(name)\", version: …)")
            }
            wanted = v
        }
        guard let found = wanted.map({ w in all.first { $0.version == w } }) ?? all.last else {
            throw PipelineError(.model, "model `\(name)` has no version \(wanted!) (versions 1–\(all.last!.version))")
        }
        return found
    }

    /// Loads a registered model (by version, alias, or the latest).
    public func load(name: String, version: Int? = nil, alias: String? = nil) throws -> (Model, ModelVersion) {
        let v = try self.version(name: name, version: version, alias: alias)
        return (try ModelFile.read(from: workspace.storage.appendingPathComponent(v.path)), v)
    }

    /// Aliases as (name, alias, version).
    public func aliases() throws -> [(name: String, alias: String, version: Int)] {
        let s = try db.prepare("SELECT name, alias, version FROM propel_model_aliases ORDER BY name, alias")
        var out: [(String, String, Int)] = []
        while try s.step() { out.append((s.text(0), s.text(1), s.int(2))) }
        return out
    }

    /// One row per version with its aliases.
    public func versionsTable(name: String? = nil) throws -> Table {
        let all = try versions(name: name), aliases = try self.aliases()
        return try Table([
            Column("name", strings: all.map(\.name)), Column("version", ints: all.map(\.version)),
            Column("kind", strings: all.map(\.kind)),
            Column("aliases", strings: all.map { v in aliases.filter { $0.name == v.name && $0.version == v.version }.map(\.alias).joined(separator: ",") }),
            Column("run_id", strings: all.map { $0.runID ?? "" }, nulls: all.map { $0.runID == nil }),
            Column("description", strings: all.map(\.description)),
            Column("created_at", timestamps: all.map(\.createdAt.microseconds)), Column("path", strings: all.map(\.path)),
        ])
    }

    /// Names become folder names: letters, digits, `_`, `-`, `.`, not starting with `.`.
    static func validate(_ name: String, what: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0) }
        guard !name.isEmpty, allowed, !name.hasPrefix("."), name.count <= 128 else {
            throw PipelineError(.invalidArgument, "\(what) `\(name)` may only use letters, digits, `_`, `-` and `.` (not first)")
        }
    }
}
