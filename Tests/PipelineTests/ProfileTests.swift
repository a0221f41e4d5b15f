import Pipeline
import XCTest

final class ProfileTests: XCTestCase {
    func testMergesProfileDatasetsLatestBatchWinsAndCountsMatch() throws {
        let ws = try makeTemporaryWorkspace(self)
        let catalog = ws.catalog
        try catalog.ensureSchema(Schema(name: "people", kind: .profile, fields: [Field("userId", .string, required: true),
                                                                                  Field("country", .string), Field("tier", .string)],
                                        identity: Identity(field: "userId", namespace: "ECID")))
        try catalog.ensureSchema(Schema(name: "scores", kind: .profile, fields: [Field("userid", .string, required: true),
                                                                                  Field("propensity", .double)],
                                        identity: Identity(field: "userid", namespace: "ECID")))
        try catalog.ensureDataset("people", schema: "people", profileEnabled: true)
        try catalog.ensureDataset("scores", schema: "scores", profileEnabled: true)
        try catalog.ensureDataset("ignored", schema: "scores", profileEnabled: false)
        try catalog.ingest(try Table([Column("userId", strings: ["a", "b"]), Column("country", strings: ["US", "CA"]),
                                      Column("tier", strings: ["gold", "silver"])]), into: "people")
        try catalog.ingest(try Table([Column("userid", strings: ["a", "c"]), Column("propensity", doubles: [0.2, 0.9])]), into: "scores")
        try catalog.ingest(try Table([Column("userid", strings: ["zzz"]), Column("propensity", doubles: [0.5])]), into: "ignored")
        // A later batch: a's country changes, its tier is missing (kept), a's score is re-scored.
        try catalog.ingest(try Table([Column("userId", strings: ["a"]), Column("country", strings: ["FR"]),
                                      Column("tier", strings: [""], nulls: [true])]), into: "people")
        try catalog.ingest(try Table([Column("userid", strings: ["a"]), Column("propensity", doubles: [0.4])]), into: "scores")

        let store = ProfileStore(workspace: ws)
        let report = try store.rebuild()
        XCTAssertEqual(report.profiles, 3)
        XCTAssertEqual(report.sources, ["people": 3, "scores": 3])
        XCTAssertEqual(try store.count(), 3)
        XCTAssertEqual(try store.profile("a"), ["identity": .string("a"), "country": .string("FR"), "tier": .string("gold"), "propensity": .double(0.4)])
        XCTAssertEqual(try store.profile("c")?["propensity"], .double(0.9))
        XCTAssertNil(try store.profile("c")?["country"])
        XCTAssertNil(try store.profile("zzz"))
        // Rebuilding is idempotent.
        XCTAssertEqual(try store.rebuild(), report)
    }

    /// The profiles of given identities are the store's rows for them, in the order asked,
    /// typed by the store's columns even when empty or all null; unknown identities are left out.
    func testProfilesOfGivenIdentitiesAreTheirRowsInThatOrderAndUnknownOnesAreLeftOut() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "p", kind: .profile, fields: [Field("id", .string), Field("tier", .string), Field("points", .int),
                                                                               Field("since", .timestamp)],
                                           identity: Identity(field: "id", namespace: "ECID")))
        try ws.catalog.ensureDataset("p", schema: "p", profileEnabled: true)
        try ws.catalog.ingest(try Table([Column("id", strings: (0..<5).map { "u\($0)" }),
                                         Column("tier", strings: ["a", "", "c", "d", "e"], nulls: [false, true, false, false, false]),
                                         Column("points", ints: [10, 11, 12, 13, 14]),
                                         Column("since", timestamps: (0..<5).map { 1_700_000_000_000_000 + Int64($0) })]), into: "p")
        let store = ProfileStore(workspace: ws)
        try store.rebuild()
        func values(_ table: Table, _ name: String) throws -> [Value] {
            let column = try table.column(name)
            return (0..<column.count).map { column[$0] }
        }
        let attributes = ["points", "tier", "since"]
        let all = try store.table(attributes: attributes)
        let some = try store.table(attributes: attributes, of: Column("identity", strings: ["u3", "nobody", "u1", "u3"]))
        XCTAssertEqual(some.columnNames, ["identity", "points", "tier", "since"])
        for name in some.columnNames {
            XCTAssertEqual(try values(some, name), try [3, 1, 3].map { try values(all, name)[$0] }, name)
            XCTAssertEqual(try some.column(name).type, try all.column(name).type, name)
        }
        XCTAssertEqual(try store.table(attributes: attributes, of: Column("identity", strings: ["u1"])).column("tier").type, .string)
        let none = try store.table(attributes: attributes, of: Column("identity", strings: []))
        XCTAssertEqual(none.rowCount, 0)
        XCTAssertEqual(try none.column("since").type, .timestamp)
    }

    /// A large dataset of overlapping batches merges exactly as the rule says (checked against the
    /// rule applied row by row here); a null identity in a later batch is reported at its row of
    /// the whole dataset, and leaves the store as it was.
    func testALargeDatasetOfOverlappingBatchesMergesExactlyAndReportsRowsOfTheWhole() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "p", kind: .profile, fields: [Field("id", .string), Field("tier", .string), Field("points", .int)],
                                           identity: Identity(field: "id", namespace: "ECID")))
        try ws.catalog.ensureDataset("p", schema: "p", profileEnabled: true)
        // Four batches of 20,000 rows, overlapping in identity.
        let batches: [(ids: Range<Int>, tier: String, nullEvery: Int)] = [(0..<20_000, "t1", 2), (10_000..<30_000, "t2", 3),
                                                                           (25_000..<45_000, "t3", 7), (5_000..<25_000, "t4", 5)]
        var order: [String] = [], tiers: [String: String] = [:], points: [String: Int] = [:]
        for (k, batch) in batches.enumerated() {
            let ids = batch.ids.map { "u\($0)" }, tierNulls = batch.ids.map { $0 % batch.nullEvery == 0 }
            try ws.catalog.ingest(try Table([Column("id", strings: ids), Column("tier", strings: Array(repeating: batch.tier, count: ids.count), nulls: tierNulls),
                                             Column("points", ints: batch.ids.map { $0 * 10 + k })]), into: "p")
            for (r, id) in ids.enumerated() {
                if points[id] == nil { order.append(id) }
                if !tierNulls[r] { tiers[id] = batch.tier }
                points[id] = batch.ids.lowerBound * 10 + r * 10 + k
            }
        }
        let store = ProfileStore(workspace: ws)
        let report = try store.rebuild()
        XCTAssertEqual(report.profiles, 45_000)
        XCTAssertEqual(report.sources, ["p": 80_000])
        func values(_ name: String) throws -> [Value] {
            let column = try store.table().column(name)
            return (0..<column.count).map { column[$0] }
        }
        XCTAssertEqual(try values("identity"), order.map(Value.string))
        XCTAssertEqual(try values("points"), order.map { .int(points[$0]!) })
        XCTAssertEqual(try values("tier"), order.map { tiers[$0].map(Value.string) ?? .null })

        try ws.catalog.ingest(try Table([Column("id", strings: ["u1", "", "u2"], nulls: [false, true, false]),
                                         Column("tier", strings: ["x", "y", "z"]), Column("points", ints: [1, 2, 3])]), into: "p")
        XCTAssertThrowsError(try store.rebuild()) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .schemaViolation)
            XCTAssertTrue("\(error)".contains("row 80002"), "\(error)")
        }
        XCTAssertEqual(try values("points"), order.map { .int(points[$0]!) })
    }

    func testConflictingAttributeTypesLeaveTheStoreUntouched() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "a", kind: .profile, fields: [Field("id", .string, required: true), Field("score", .double)],
                                           identity: Identity(field: "id", namespace: "ECID")))
        try ws.catalog.ensureDataset("a", schema: "a", profileEnabled: true)
        try ws.catalog.ingest(try Table([Column("id", strings: ["x"]), Column("score", doubles: [1])]), into: "a")
        let store = ProfileStore(workspace: ws)
        try store.rebuild()
        try ws.catalog.ensureSchema(Schema(name: "b", kind: .profile, fields: [Field("id", .string, required: true), Field("score", .string)],
                                           identity: Identity(field: "id", namespace: "ECID")))
        try ws.catalog.ensureDataset("b", schema: "b", profileEnabled: true)
        try ws.catalog.ingest(try Table([Column("id", strings: ["y"]), Column("score", strings: ["high"])]), into: "b")
        XCTAssertThrowsError(try store.rebuild()) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .schemaViolation)
        }
        XCTAssertEqual(try store.count(), 1)
        XCTAssertEqual(try store.profile("x")?["score"], .double(1))
    }

    func testAReplacingBatchDropsEarlierProfilesAndLaterAppendsStillMerge() throws {
        let ws = try makeTemporaryWorkspace(self)
        try ws.catalog.ensureSchema(Schema(name: "p", kind: .profile, fields: [Field("id", .string, required: true), Field("tier", .string)],
                                           identity: Identity(field: "id", namespace: "ECID")))
        try ws.catalog.ensureDataset("p", schema: "p", profileEnabled: true)
        try ws.catalog.ingest(try Table([Column("id", strings: ["old1", "old2"]), Column("tier", strings: ["a", "b"])]), into: "p")
        try ws.catalog.ingest(try Table([Column("id", strings: ["x"]), Column("tier", strings: ["gold"])]), into: "p", mode: .replace)
        try ws.catalog.ingest(try Table([Column("id", strings: ["y"]), Column("tier", strings: ["silver"])]), into: "p")
        let report = try ProfileStore(workspace: ws).rebuild()
        XCTAssertEqual(report.profiles, 2)
        XCTAssertEqual(report.sources, ["p": 2])
        XCTAssertNil(try ProfileStore(workspace: ws).profile("old1"))
        XCTAssertEqual(try ProfileStore(workspace: ws).profile("x")?["tier"], .string("gold"))
    }
    func testBatchesOfSeveralDatasetsApplyInCommitOrderAndTheStoreKeepsFirstSeenOrder() throws {
        let ws = try makeTemporaryWorkspace(self)
        let catalog = ws.catalog
        try catalog.ensureSchema(Schema(name: "people", kind: .profile, fields: [Field("id", .string, required: true), Field("tier", .string),
                                                                                  Field("points", .int)],
                                        identity: Identity(field: "id", namespace: "ECID")))
        try catalog.ensureSchema(Schema(name: "scores", kind: .profile, fields: [Field("id", .string, required: true), Field("tier", .string),
                                                                                  Field("score", .double)],
                                        identity: Identity(field: "id", namespace: "ECID")))
        try catalog.ensureDataset("people", schema: "people", profileEnabled: true)
        try catalog.ensureDataset("scores", schema: "scores", profileEnabled: true)
        // people#1, scores#1, people#2, scores#2: the two datasets' batches interleave in time,
        // and within one batch a later row for the same identity overrides an earlier one.
        try catalog.ingest(try Table([Column("id", strings: ["b", "a", "b"]), Column("tier", strings: ["bronze", "gold", "silver"]),
                                      Column("points", ints: [1, 2, 3])]), into: "people")
        try catalog.ingest(try Table([Column("id", strings: ["c", "a"]), Column("tier", strings: ["", "platinum"], nulls: [true, false]),
                                      Column("score", doubles: [0.3, 0.1])]), into: "scores")
        try catalog.ingest(try Table([Column("id", strings: ["a", "d"]), Column("tier", strings: ["gold", "iron"]),
                                      Column("points", ints: [0, 4], nulls: [true, false])]), into: "people")
        try catalog.ingest(try Table([Column("id", strings: ["b"]), Column("tier", strings: [""], nulls: [true]),
                                      Column("score", doubles: [0.7])]), into: "scores")

        let store = ProfileStore(workspace: ws)
        let report = try store.rebuild()
        XCTAssertEqual(report.sources, ["people": 5, "scores": 3])
        XCTAssertEqual(report.attributes, ["tier", "points", "score"])
        let table = try store.table()
        XCTAssertEqual(table.columnNames, ["identity", "tier", "points", "score"])
        func values(_ name: String) throws -> [Value] { let column = try table.column(name); return (0..<column.count).map { column[$0] } }
        XCTAssertEqual(try values("identity"), [.string("b"), .string("a"), .string("c"), .string("d")])
        XCTAssertEqual(try values("tier"), [.string("silver"), .string("gold"), .null, .string("iron")])
        XCTAssertEqual(try store.profile("a"), ["identity": .string("a"), "tier": .string("gold"), "points": .int(2), "score": .double(0.1)])
        XCTAssertEqual(try store.profile("b"), ["identity": .string("b"), "tier": .string("silver"), "points": .int(3), "score": .double(0.7)])
        XCTAssertEqual(try store.profile("d"), ["identity": .string("d"), "tier": .string("iron"), "points": .int(4)])
    }
}
