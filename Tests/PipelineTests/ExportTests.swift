import Foundation
import Pipeline
import TestSupport
import XCTest

final class ExportTests: XCTestCase {
    func workspaceWithEvents(_ rows: Int) throws -> Workspace {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(testEventSchema)
        try ws.catalog.ensureDataset("events", schema: testEventSchema.name)
        try ws.catalog.ingest(try eventTable(count: rows), into: "events")
        return ws
    }

    func testExportWritesPartsAtomicallyAndRecordsMetrics() throws {
        let ws = try workspaceWithEvents(25)
        for format in FileFormat.allCases {
            let run = try ws.export(dataset: "events", format: format, compression: .snappy, rowsPerFile: 10)
            XCTAssertEqual(run.rows, 25)
            XCTAssertEqual(run.files, 3)
            XCTAssertEqual(run.status, .success)
            XCTAssertTrue(run.path.hasPrefix("storage/egress/events/exportTime="), run.path)
            let folder = ws.root.appendingPathComponent(run.path)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            XCTAssertEqual(names, (0..<3).map { String(format: "part-%05d.%@", $0, format.fileExtension) })
            let sizes = try names.map { try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.size] as! Int }
            XCTAssertEqual(run.bytes, sizes.reduce(0, +))
            XCTAssertGreaterThanOrEqual(run.duration, 0)
            let back = try TableFile.read(folder)
            XCTAssertEqual(back.rows, try ws.catalog.read("events").rows, "\(format)")
        }
        let egress = try FileManager.default.contentsOfDirectory(atPath: ws.egressFolder("events").path)
        XCTAssertEqual(egress.count, 3, "one folder per export, even within one second: \(egress)")
        XCTAssertFalse(egress.contains { $0.hasPrefix(".") }, "no staging folder is left behind")
        XCTAssertEqual(try ws.latestExport(dataset: "events").format, "parquet")
        XCTAssertEqual(ExportTime.folders(in: ws.egressFolder("events")).count, 3)
    }

    func testLatestExportGoesByTimeNotName() throws {
        let ws = try workspaceWithEvents(3)
        let first = try ws.export(dataset: "events", format: .csv)
        let second = try ws.export(dataset: "events", format: .jsonLines)
        XCTAssertEqual(try ws.latestExport(dataset: "events").id, second.id)
        XCTAssertNotEqual(first.path, second.path)
        XCTAssertThrowsError(try ws.latestExport(dataset: "nope")) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .unknownDataset)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("propel-times-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for name in ["exportTime=20261122235959", "exportTime=20270101000000", "exportTime=9", "other"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        XCTAssertEqual(ExportTime.folders(in: folder).map(\.url.lastPathComponent), ["exportTime=20270101000000", "exportTime=20261122235959"])
        XCTAssertEqual(ExportTime.folderName(Timestamp(parsing: "2026-11-22T10:24:22.9Z")!), "exportTime=20261122102422")
        XCTAssertEqual(ExportTime.parse("exportTime=20261122102422"), Timestamp(parsing: "2026-11-22T10:24:22Z"))
    }

    func testFailedExportIsRecordedAndLeavesNothing() throws {
        let ws = try workspaceWithEvents(3)
        XCTAssertThrowsError(try ws.export(dataset: "events", rowsPerFile: 0))
        XCTAssertThrowsError(try ws.export(dataset: "evnts")) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .unknownDataset)
        }
        let runs = try ws.catalog.runs(kind: .export)
        XCTAssertEqual(runs.map(\.status), [.failed])
        XCTAssertNotNil(runs[0].error)
        let egress = ws.egressFolder("events")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: egress.path)) ?? [], [])
    }

    func testWriteTableUnderStorageAndTree() throws {
        let ws = try makeTemporaryWorkspace(self)
        let scores = try Table([Column("userId", strings: ["a", "b"]), Column("prediction", doubles: [0.1, 0.9])])
        let run = try ws.write(scores, to: "ingress/scores", format: .csv)
        XCTAssertNil(run.dataset)
        XCTAssertTrue(run.path.hasPrefix("storage/ingress/scores/exportTime="))
        XCTAssertThrowsError(try ws.write(scores, to: "../outside"))
        let tree = try StorageTree.render(ws.storage)
        XCTAssertTrue(tree.hasPrefix("storage/\n└── ingress/\n    └── scores/\n        └── exportTime="), tree)
        XCTAssertTrue(tree.contains("└── part-00000.csv  "), tree)
        XCTAssertEqual(StorageTree.byteCount(3_366_000), "3.2 MB")
    }
}
