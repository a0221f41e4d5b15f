import Foundation
import Pipeline
import TestSupport
import XCTest

/// A fresh workspace folder under the temporary directory, removed by the test's teardown.
func makeTemporaryWorkspace(_ test: XCTestCase) throws -> Workspace {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-ws-\(UUID().uuidString)")
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return try Workspace(path: folder.path)
}

final class WorkspaceTests: XCTestCase {
    func testOpensFolderWithDatabaseAndStorageAndReopensIdempotently() throws {
        let ws = try makeTemporaryWorkspace(self)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.root.appendingPathComponent("platform.db").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.storage.path))
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: "events_schema")
        try ws.catalog.ingest(try eventTable(count: 5), into: "events")
        let again = try Workspace(path: ws.root.path)
        XCTAssertEqual(try again.catalog.ensureSchema(testEventSchema), testEventSchema)
        try again.catalog.ensureDataset("events", schema: "events_schema")
        XCTAssertEqual(try again.catalog.rowCount("events"), 5)
        XCTAssertEqual(try again.database.scalarInt("SELECT count(*) FROM events"), 5)
    }

    func testPathComesFromEnvironmentThenDefault() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-env-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let ws = try Workspace(environment: [Workspace.environmentVariable: folder.path])
        XCTAssertEqual(ws.root.path, folder.standardizedFileURL.path)
        let journal = try ws.database.prepare("PRAGMA journal_mode")
        XCTAssertTrue(try journal.step())
        XCTAssertEqual(journal.text(0), "wal")
    }

    func testUnwritableLocationIsAnIOError() {
        XCTAssertThrowsError(try Workspace(path: "/proc/propel-cannot-exist")) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .io, "\(error)")
        }
    }

    /// Another process is killed with SIGKILL in the middle of a large ingestion; reopening
    /// shows the earlier batch intact and no trace of the interrupted one.
    func testKilledIngestionLeavesNoBatch() throws {
        let folder = temporaryFolder("propel-kill")
        let child = try startChild("ingest-until-killed", folder)
        let marker = folder.appendingPathComponent("big-batch-started").path
        let wal = folder.appendingPathComponent("platform.db-wal").path
        let deadline = Date().addingTimeInterval(120)
        var walAtStart: Int?
        while Date() < deadline, child.isRunning {
            if walAtStart == nil, FileManager.default.fileExists(atPath: marker) { walAtStart = Self.size(wal) }
            if let start = walAtStart, Self.size(wal) > start + 2_000_000 { break }   // rows are being written
            usleep(2_000)
        }
        XCTAssertTrue(child.isRunning, "the child finished before it could be killed")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)

        let ws = try Workspace(path: folder.path)
        XCTAssertEqual(try ws.catalog.rowCount("events"), 3)
        let batches = try ws.catalog.batchesTable(dataset: "events")
        XCTAssertEqual(batches.rowCount, 1)
        XCTAssertEqual(try batches.column("status")[0], .string("success"))
        XCTAssertEqual(try ws.catalog.snapshots(dataset: "events").map(\.generation), [1])
        // The workspace is fully usable afterwards.
        try ws.catalog.ingest(try eventTable(count: 2, offset: 10), into: "events")
        XCTAssertEqual(try ws.catalog.rowCount("events"), 5)
    }

    /// A commit that takes the log past SQLite's 1,000-page threshold is still checkpointed into
    /// the database file — by the workspace's own thread, not inside the commit — and the log is
    /// emptied once copied, at the writer's next statement (so the next process has nothing to
    /// replay), without looking like a change to the writer (its `changeStamp()`, which keys the
    /// query service's caches, stays the same), and the rows read back whole from a fresh connection.
    func testLongLogIsCheckpointedIntoTheDatabaseFile() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: "events_schema")
        let n = 200_000   // about 20 MB of rows: some 1,300 log pages of 16 KiB
        let text = String(repeating: "x", count: 60)
        try ws.catalog.ingest(try Table([
            Column("_id", strings: (0..<n).map { "event-\($0)" }), Column("userId", strings: Array(repeating: text, count: n)),
            Column("eventType", strings: Array(repeating: "web.formFilledOut", count: n)),
            Column("timestamp", timestamps: Array(repeating: 1_700_000_000_000_000, count: n)),
        ]), into: "events")
        let stamp = try ws.database.changeStamp()
        let deadline = Date().addingTimeInterval(60)
        while Self.size(ws.databasePath) < 15_000_000, Date() < deadline { usleep(10_000) }
        XCTAssertGreaterThan(Self.size(ws.databasePath), 15_000_000, "the log was never checkpointed into platform.db")
        let log = ws.databasePath + "-wal"
        while Self.size(log) > 0, Date() < deadline {
            usleep(10_000)
            XCTAssertEqual(try ws.database.changeStamp(), stamp, "a checkpoint changes nothing the writer can see")
        }
        XCTAssertEqual(Self.size(log), 0, "the log was not emptied after the checkpoint")
        XCTAssertEqual(try ws.database.changeStamp(), stamp, "emptying the log changes nothing the writer can see")
        let reader = try SQLiteDatabase(path: ws.databasePath, readOnly: true)
        XCTAssertEqual(try reader.scalarInt("SELECT count(DISTINCT _id) FROM events"), n)
    }

    /// A process that exits right after a bulk load, without releasing its workspace (as a
    /// kernel does), still leaves the log copied and empty: the next process has nothing to replay.
    func testExitingRightAfterABulkLoadLeavesAnEmptyLog() throws {
        let folder = temporaryFolder("propel-exit")
        let child = try startChild("exit-after-bulk-load", folder)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationStatus, 0)
        XCTAssertEqual(Self.size(folder.appendingPathComponent("platform.db-wal").path), 0, "the log was left full")
        XCTAssertGreaterThan(Self.size(folder.appendingPathComponent("platform.db").path), 15_000_000)
        let ws = try Workspace(path: folder.path)
        XCTAssertEqual(try ws.catalog.rowCount("events"), 200_000)
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// A fresh folder name under the temporary directory, removed after the test.
    private func temporaryFolder(_ prefix: String) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// `propel-test-child MODE FOLDER` (Tests/Child), built beside this test bundle, its output discarded.
    private func startChild(_ mode: String, _ folder: URL) throws -> Process {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("propel-test-child")
        let child = Process()
        child.executableURL = try XCTUnwrap(FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil,
                                            "\(binary.path) is missing: build every product first (`swift build --build-tests`)")
        child.arguments = [mode, folder.path]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        return child
    }
}
