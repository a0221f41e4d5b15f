import Foundation
import Pipeline
import TestSupport

// The process `WorkspaceTests` start when a test needs one to die or exit in the middle of work:
//   propel-test-child ingest-until-killed FOLDER   one small batch, then a million-row batch the
//                                                  parent kills (a marker file says it started)
//   propel-test-child exit-after-bulk-load FOLDER  a batch large enough to ask for a checkpoint,
//                                                  then exit(0) without releasing the workspace

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let mode = arguments.first, let folder = arguments.last else {
    FileHandle.standardError.write(Data("usage: propel-test-child ingest-until-killed|exit-after-bulk-load FOLDER\n".utf8))
    exit(2)
}
do {
    let ws = try Workspace(path: folder)
    try ws.catalog.ensureSchema(testEventSchema)
    try ws.catalog.ensureDataset("events", schema: testEventSchema.name)
    switch mode {
    case "ingest-until-killed":
        try ws.catalog.ingest(try eventTable(count: 3), into: "events")
        let n = 1_000_000   // built from repeated values: cheap to make even in a debug build
        let big = try Table([
            Column("_id", strings: Array(repeating: "event", count: n)), Column("userId", strings: Array(repeating: "user", count: n)),
            Column("eventType", strings: Array(repeating: "web.formFilledOut", count: n)),
            Column("timestamp", timestamps: Array(repeating: 1_700_000_000_000_000, count: n)),
        ])
        _ = FileManager.default.createFile(atPath: ws.root.appendingPathComponent("big-batch-started").path, contents: Data())
        try ws.catalog.ingest(big, into: "events")
        FileHandle.standardError.write(Data("the parent should have killed this process during the big batch\n".utf8))
        exit(1)
    case "exit-after-bulk-load":
        let n = 200_000   // some 1,300 log pages: the commit asks for a checkpoint
        try ws.catalog.ingest(try Table([
            Column("_id", strings: (0..<n).map { "event-\($0)" }), Column("userId", strings: Array(repeating: String(repeating: "x", count: 60), count: n)),
            Column("eventType", strings: Array(repeating: "web.formFilledOut", count: n)),
            Column("timestamp", timestamps: Array(repeating: 1_700_000_000_000_000, count: n)),
        ]), into: "events")
        exit(0)
    default:
        FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
