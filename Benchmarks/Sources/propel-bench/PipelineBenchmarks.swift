import Foundation
import Pipeline

/// Steps 1–3 of the workflow at the reference's scale: simulate + ingest 100,000 users, the
/// featurization query, and the export of the training set. Figures go to stdout and to `<workspace>/bench-figures.json`, which
/// `Benchmarks/pipeline/peers.py` reads to run DuckDB and pandas on the same rows and print ratios.
///
/// Environment: PROPEL_BENCH_WORKSPACE (folder, default a fresh temporary one),
/// PROPEL_BENCH_USERS (default 100,000; 2,000 with --smoke), PROPEL_BENCH_SQL=0 skips timing
/// the SQL that the one-pass training set and co-occurrence replace (slow at large sizes).
func pipelineBenchmark(smoke: Bool) throws {
    let env = ProcessInfo.processInfo.environment
    let users = env["PROPEL_BENCH_USERS"].flatMap(Int.init) ?? (smoke ? 2_000 : 100_000)
    let folder = env["PROPEL_BENCH_WORKSPACE"]
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("propel-bench-\(getpid())").path
    try? FileManager.default.removeItem(atPath: folder)
    let workspace = try Workspace(path: folder)
    var figures: [String: Double] = ["users": Double(users)]

    let config = SimulationConfig(users: users, batchSize: max(1, users / 10))
    let simulator = try Simulator(config)
    let generated = measure("simulate (generate only)", &figures, "simulate_seconds") {
        simulator.batchRanges.reduce(0) { $0 + simulator.generate($1).events.rowCount }
    }
    let report = try measure("simulate + ingest (events and profiles)", &figures, "simulate_ingest_seconds") {
        try simulator.run(into: workspace)
    }
    precondition(report.events == generated, "generation is not deterministic")
    figures["events"] = Double(report.events)
    print(String(format: "  %d users, %d events, conversion %.2f %%", report.users, report.events, report.conversionRate * 100))

    if env["PROPEL_BENCH_STOP"] == "ingest" { return }
    let training = try measure("featurization (training set, one pass)", &figures, "featurize_seconds") {
        try workspace.sql.trainingSet()
    }
    figures["featurize_rows"] = Double(training.table.rowCount)
    print("  \(training.summary)")
    let pairs = try measure("co-occurrence (one pass)", &figures, "cooccurrence_seconds") { try workspace.sql.cooccurrence() }
    if env["PROPEL_BENCH_SQL"] != "0" {
        let windows = try measure("featurization query in SQLite (windows)", &figures, "featurize_sql_seconds") {
            try workspace.sql.run(ReferenceQueries.trainingSet())
        }
        precondition(windows.table.rowCount == training.table.rowCount, "the one-pass training set differs from the query")
        let sqlPairs = try measure("co-occurrence query in SQLite (spans join)", &figures, "cooccurrence_sql_seconds") {
            try workspace.sql.run(ReferenceQueries.cooccurrence())
        }
        precondition(sqlPairs.table.rowCount == pairs.table.rowCount, "the one-pass co-occurrence differs from the query")
    }
    _ = try measure("correlation query (11 features)", &figures, "correlation_seconds") {
        try workspace.sql.run(ReferenceQueries.correlation())
    }
    try workspace.catalog.ensureDataset("training_set", inferringSchemaFrom: training.table)
    try workspace.catalog.ingest(training.table, into: "training_set", mode: .replace)
    let export = try measure("export training set (Parquet, gzip)", &figures, "export_seconds") {
        try workspace.export(dataset: "training_set")
    }
    print("  \(export.files) file(s), \(export.bytes) bytes")

    let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
    try data.write(to: workspace.root.appendingPathComponent("bench-figures.json"))
    print("  workspace: \(workspace.root.path)")
}

/// Times `body` once (the data sizes make a single run meaningful) and records the wall-clock
/// seconds; the process CPU seconds are printed too, because on a shared machine wall time
/// includes waiting for other processes.
private func measure<T>(_ label: String, _ figures: inout [String: Double], _ key: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuSeconds()
    let result = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu = cpuSeconds() - cpuStart
    figures[key] = seconds
    figures[key.replacingOccurrences(of: "_seconds", with: "_cpu_seconds")] = cpu
    print(String(format: "  %-46@ %8.3f s wall  %8.3f s CPU", label as NSString, seconds, cpu))
    return result
}

private func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
