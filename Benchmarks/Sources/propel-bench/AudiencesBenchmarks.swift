import Foundation
import Pipeline

/// Steps 6–7 at 100,000 profiles: merging the profile store, reach analysis, evaluating an
/// audience into its membership dataset, and activating it to files. The in-run peer is the
/// interval reach matrix computed the way notebook 07 used to, as one SQL query over the store.
/// Writes the propensities as CSV for `Benchmarks/audiences/numpy_peer.py` and prints one JSON
/// object of figures.
enum AudiencesBenchmarks {
    static func run(smoke: Bool) throws {
        let n = smoke ? 2_000 : 100_000
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("audiences-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ws = try Workspace(path: folder.path)
        let propensity = try fill(ws, profiles: n)
        let out = ProcessInfo.processInfo.environment["PROPEL_BENCH_OUT"] ?? NSTemporaryDirectory()
        let csv = URL(fileURLWithPath: out).appendingPathComponent("audiences-propensity.csv")
        try Data(("propensity\n" + propensity.map { "\($0)" }.joined(separator: "\n") + "\n").utf8).write(to: csv)

        let store = ProfileStore(workspace: ws)
        let repeats = smoke ? 1 : 3
        let (mergeSeconds, report) = try ModelsBenchmarks.best(of: repeats) { try store.rebuild() }
        let (readSeconds, profiles) = try ModelsBenchmarks.best(of: repeats) { try store.table() }
        let scores = try profiles.column("propensity").doubles!
        let (reachSeconds, reach) = try ModelsBenchmarks.best(of: smoke ? 1 : 5) { () -> ReachAnalysis in
            let reach = try ReachAnalysis(scores: scores, buckets: 20)
            _ = (reach.table, reach.matrix, reach.intervalTable())
            return reach
        }
        let audiences = try AudienceStore(workspace: ws)
        try audiences.save(try Audience(name: "moderate", expression: "propensity >= 0.2 and propensity <= 0.93", ttlDays: 60))
        let (ruleSeconds, _) = try ModelsBenchmarks.best(of: repeats) {
            try audiences.audience(named: "moderate").evaluate(profiles: profiles, identity: ProfileStore.identityColumn)
        }
        let (evaluateSeconds, evaluated) = try ModelsBenchmarks.best(of: repeats) { try audiences.evaluate("moderate") }
        let activations = try Activations(workspace: ws)
        let files = try Destination.file("files", format: .csv)
        let (activateSeconds, activation) = try ModelsBenchmarks.best(of: repeats) {
            try activations.activate(evaluated.evaluation, to: files)
        }
        let (sqlSeconds, sqlMatrix) = try ModelsBenchmarks.best(of: 1) { try ws.sql.run(intervalQuery, parameters: ["buckets": .int(20)]).table }
        guard sqlMatrix.rowCount == 210, evaluated.record.qualified == reach.count(from: 0.2, to: 0.93),
              activation.rows == evaluated.record.qualified, report.profiles == n else {
            throw PipelineError(.conflict, "the benchmark's results disagree")
        }
        let figures: [String: Any] = [
            "profiles": n, "qualified": evaluated.record.qualified,
            "merge_seconds": mergeSeconds, "read_store_seconds": readSeconds, "reach_seconds": reachSeconds,
            "rule_seconds": ruleSeconds, "evaluate_seconds": evaluateSeconds, "activate_seconds": activateSeconds,
            "sql_interval_matrix_seconds": sqlSeconds, "csv": csv.path,
        ]
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Profile records (the simulator's attribute mix) and a propensity per profile, skewed low
    /// as real scores are; returns the propensities.
    static func fill(_ ws: Workspace, profiles n: Int) throws -> [Double] {
        var g = SeededGenerator(seed: 2026)
        let ids = (0..<n).map { String(format: "%038d", $0) }
        let tiers = ["bronze", "silver", "gold", "platinum", "diamond"], states = ["CA", "NY", "TX", "FL", "WA"]
        let catalog = ws.catalog
        try catalog.ensureSchema(Schema(name: "person", kind: .profile, fields: [
            Field("userId", .string, required: true), Field("email", .string), Field("firstName", .string), Field("lastName", .string),
            Field("state", .string), Field("loyaltyTier", .string), Field("loyaltyPoints", .int),
        ], identity: Identity(field: "userId", namespace: "ECID")))
        try catalog.ensureDataset("profiles", schema: "person", profileEnabled: true)
        try catalog.ingest(try Table([
            Column("userId", strings: ids), Column("email", strings: (0..<n).map { "synthetic-user-\($0)@example.com" }),
            Column("firstName", strings: (0..<n).map { _ in ["Ana", "Ben", "Chen", "Dara"][Int(g.unit() * 4)] }),
            Column("lastName", strings: (0..<n).map { _ in ["Smith", "Lee", "Garcia", "Kim"][Int(g.unit() * 4)] }),
            Column("state", strings: (0..<n).map { _ in states[Int(g.unit() * 5)] }),
            Column("loyaltyTier", strings: (0..<n).map { _ in tiers[Int(g.unit() * 5)] }),
            Column("loyaltyPoints", ints: (0..<n).map { _ in Int(g.unit() * 10_000) }),
        ]), into: "profiles")
        let propensity = (0..<n).map { _ in pow(g.unit(), 4) }
        try catalog.ensureSchema(Schema(name: "score", kind: .profile, fields: [Field("userId", .string, required: true), Field("propensity", .double)],
                                        identity: Identity(field: "userId", namespace: "ECID")))
        try catalog.ensureDataset("profile_propensity", schema: "score", profileEnabled: true)
        try catalog.ingest(try Table([Column("userId", strings: ids), Column("propensity", doubles: propensity)]), into: "profile_propensity")
        return propensity
    }

    /// Notebook 07's former interval matrix: reach for every from ≤ to bucket pair, in SQL.
    static let intervalQuery = """
        WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < $buckets),
        h AS (
            SELECT MIN(CAST(propensity * $buckets AS INTEGER), $buckets - 1) AS bucket, COUNT(*) AS profiles
            FROM propel_profiles WHERE propensity IS NOT NULL GROUP BY bucket
        )
        SELECT printf('%.2f', f.i * 1.0 / $buckets) AS fromPropensity, printf('%.2f', (t.i + 1) * 1.0 / $buckets) AS toPropensity,
               (SELECT COALESCE(SUM(profiles), 0) FROM h WHERE h.bucket BETWEEN f.i AND t.i) AS reach
        FROM b f JOIN b t ON f.i <= t.i
        ORDER BY f.i, t.i
        """
}
