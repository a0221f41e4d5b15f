import Foundation
import Pipeline
import XCTest

final class SimulatorTests: XCTestCase {
    /// Values computed with a pure-Python MurmurHash3_x64_128 (checked against mmh3's documented
    /// `hash64("foo") == (-2129773440516405919, 9128664383759220103)`) and the reference's
    /// `normalize_ecid`.
    func testECIDMatchesTheReferenceIncludingItsPaddingQuirk() {
        let (h1, h2) = MurmurHash3.x64_128(Array("foo".utf8))
        XCTAssertEqual(Int64(bitPattern: h1), -2_129_773_440_516_405_919)
        XCTAssertEqual(Int64(bitPattern: h2), 9_128_664_383_759_220_103)
        XCTAssertEqual(ECID.forUser(0), "73499088146516665287214226267237716265")
        XCTAssertEqual(ECID.forUser(42), "44976000271910813281613035391701116673")
        // 14728792138655219 has 17 digits: padded with "01", not "00".
        XCTAssertEqual(ECID.forUser(255), "01147287921386552197041981135428727087")
        XCTAssertEqual(ECID.forUser(392), "70723370812349970430134388493814604008")
        // Longer than one 16-byte block, with a tail of more than 8 bytes.
        let (l1, l2) = MurmurHash3.x64_128(Array("a string longer than sixteen bytes, with a tail".utf8))
        XCTAssertEqual(Int64(bitPattern: l1), 7_609_261_685_578_522_079)
        XCTAssertEqual(Int64(bitPattern: l2), 2_787_619_896_158_471_021)
    }

    /// Every tail length (0–15 bytes) against the algorithm's tail written byte by byte, as the
    /// reference's switch reads it; whole blocks are covered by the published values above.
    func testMurmurHashOfEveryTailLengthMatchesTheByteByByteAlgorithm() {
        func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
        func fmix(_ k: UInt64) -> UInt64 {
            var k = k
            k ^= k >> 33; k &*= 0xff51_afd7_ed55_8ccd; k ^= k >> 33; k &*= 0xc4ce_b9fe_1a85_ec53; k ^= k >> 33
            return k
        }
        func reference(_ tail: [UInt8], seed: UInt64) -> (UInt64, UInt64) {
            let c1: UInt64 = 0x87c3_7b91_1142_53d5, c2: UInt64 = 0x4cf5_ad43_2745_937f
            var h1 = seed, h2 = seed, k1: UInt64 = 0, k2: UInt64 = 0
            for i in stride(from: tail.count - 1, through: 8, by: -1) { k2 ^= UInt64(tail[i]) << (8 * UInt64(i - 8)) }
            if tail.count > 8 { k2 &*= c2; k2 = rotl(k2, 33); k2 &*= c1; h2 ^= k2 }
            for i in stride(from: min(tail.count, 8) - 1, through: 0, by: -1) { k1 ^= UInt64(tail[i]) << (8 * UInt64(i)) }
            if !tail.isEmpty { k1 &*= c1; k1 = rotl(k1, 31); k1 &*= c2; h1 ^= k1 }
            h1 ^= UInt64(tail.count); h2 ^= UInt64(tail.count)
            h1 &+= h2; h2 &+= h1
            h1 = fmix(h1); h2 = fmix(h2)
            h1 &+= h2; h2 &+= h1
            return (h1, h2)
        }
        let bytes = (0..<16).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
        for count in 0...15 {
            for seed: UInt64 in [0, 42, .max] {
                let data = Array(bytes[..<count])
                let (h1, h2) = MurmurHash3.x64_128(data, seed: seed)
                let (r1, r2) = reference(data, seed: seed)
                XCTAssertEqual([h1, h2], [r1, r2], "\(count) bytes, seed \(seed)")
            }
        }
    }

    func testSameSeedSameDataWhateverTheThreadCount() throws {
        let one = try Simulator(SimulationConfig(users: 300, seed: 7, threads: 1)).generate(0..<300)
        let four = try Simulator(SimulationConfig(users: 300, seed: 7, threads: 4)).generate(0..<300)
        XCTAssertEqual(one.events.rowCount, four.events.rowCount)
        for name in one.events.columnNames {
            XCTAssertEqual(try one.events.column(name).doubles ?? [], try four.events.column(name).doubles ?? [], name)
        }
        XCTAssertEqual(try one.events.column("_id")[17], try four.events.column("_id")[17])
        XCTAssertEqual(try one.profiles.column("lastName")[99], try four.profiles.column("lastName")[99])
        let other = try Simulator(SimulationConfig(users: 300, seed: 8, threads: 1)).generate(0..<300)
        XCTAssertNotEqual(try one.events.column("timestamp").doubles, try other.events.column("timestamp").doubles)
    }

    /// Every cell of a seeded run, hashed: the generator's output is part of its contract (the
    /// notebooks, models and fingerprints downstream depend on it), so any change to a value —
    /// however the generation is made faster — fails here. Both modes, a user range not starting
    /// at 0, and users whose numbers have 1 to 6 digits.
    func testSeededOutputIsPinned() throws {
        func digest(_ batch: SimulatedBatch) -> String {
            var text = ""
            for table in [batch.events, batch.profiles] {
                for column in table.columns {
                    text += column.name + ":"
                    for r in 0..<column.count { text += column[r].description + "|" }
                }
            }
            let (h1, h2) = MurmurHash3.x64_128(Array(text.utf8))
            return String(h1, radix: 16) + String(h2, radix: 16)
        }
        let reference = try Simulator(SimulationConfig(users: 1_500, seed: 42, threads: 2)).generate(0..<1_500)
        let corrected = try Simulator(SimulationConfig(users: 600, firstUser: 99_700, seed: 9, mode: .corrected)).generate(99_700..<100_300)
        XCTAssertEqual(digest(reference), "b3a273a7750b168ec7ed51c8cc39a560")
        // One worker generates the batch as a single chunk, not chunks joined: the same cells.
        let single = try Simulator(SimulationConfig(users: 1_500, seed: 42, threads: 1)).generate(0..<1_500)
        XCTAssertEqual(digest(single), "b3a273a7750b168ec7ed51c8cc39a560")
        XCTAssertEqual(digest(corrected), "b2b1bc64bf2cd1ba3448418ff2262454")
    }

    func testEventsFollowTheModel() throws {
        let config = SimulationConfig(users: 2_000, seed: 3)
        let batch = try Simulator(config).generate(0..<2_000)
        let users = try batch.events.column("userId"), types = try batch.events.column("eventType")
        let times = try batch.events.column("timestamp").doubles!
        let start = Double(config.now.microseconds) / 1e6 - 12 * 7 * 86_400
        var subscriptions: [String: Int] = [:]
        for r in 0..<batch.events.rowCount {
            if r > 0, users[r] == users[r - 1] { XCTAssertLessThanOrEqual(times[r - 1], times[r], "time-ordered per user") }
            XCTAssertGreaterThanOrEqual(times[r], start)
            if types[r] == .string("web.formFilledOut") {
                subscriptions[users[r].description, default: 0] += 1
                XCTAssertTrue((0..<r).contains { times[$0] == times[r] - 60 && users[$0] == users[r] }, "trigger 60 s earlier")
            }
        }
        XCTAssertTrue(subscriptions.values.allSatisfy { $0 == 1 }, "at most one subscription per user")
        XCTAssertEqual(subscriptions.count, batch.subscribers)
        XCTAssertEqual(Set((0..<batch.events.rowCount).map { types[$0].description }).count, 13)
        let profiles = batch.profiles
        XCTAssertEqual(profiles.rowCount, 2_000)
        XCTAssertEqual(try profiles.column("subscribed").doubles!.reduce(0, +), Double(batch.subscribers))
        XCTAssertEqual(try profiles.column("email")[5], .string("synthetic-user-5@adobe.com"))
        XCTAssertEqual(try profiles.column("userId")[5], .string(ECID.forUser(5)))
    }

    /// workflow.md §5: ~1.06M events for 100k users, event-type counts (e.g. 500,970 emailSent,
    /// 198,474 emailOpened, 42,431 emailClicked, 2,538 purchases) and ~14.8 % conversion.
    /// 20,000 users here: expected counts are a fifth, within 4 standard deviations.
    func testReferenceModeMatchesTheReferenceCounts() throws {
        let batch = try Simulator(SimulationConfig(users: 20_000, seed: 11)).generate(0..<20_000)
        let expected: [(EventType, Double)] = [
            (.emailSent, 500_970), (.emailOpened, 198_474), (.advertisingImpressions, 100_246), (.pageViews, 99_389),
            (.emailClicked, 42_431), (.propositionDisplay, 31_639), (.productViews, 31_545), (.linkClicks, 31_501),
            (.advertisingClicks, 6_376), (.propositionDismiss, 2_554), (.propositionInteract, 2_540), (.purchases, 2_538),
        ]
        for (type, count) in expected {
            let mean = count / 5, observed = Double(batch.eventCounts[type.rawValue])
            XCTAssertEqual(observed, mean, accuracy: max(4 * (mean * 2).squareRoot(), 0.02 * mean), type.name)
        }
        let conversion = Double(batch.subscribers) / 20_000
        XCTAssertEqual(conversion, 0.148, accuracy: 0.015, "reference conversion ~14.8 %")
        XCTAssertEqual(Double(batch.events.rowCount) / 20_000, 10.64, accuracy: 0.15)
    }

    func testCorrectedModeIsCalibratedToTheTargetConversion() throws {
        var batch: SimulatedBatch?
        for target in [0.30, 0.15] {
            let simulator = try Simulator(SimulationConfig(users: 8_000, seed: 5, mode: .corrected, targetConversion: target))
            batch = simulator.generate(0..<8_000)
            XCTAssertEqual(Double(batch!.subscribers) / 8_000, target, accuracy: 0.02, "target \(target)")
            XCTAssertLessThan(simulator.propensityScale, 1, "appending raises propensity, so the draw is scaled down")
        }
        // Churn: no user has more than 5 emails.
        guard let batch else { return XCTFail("no batch") }
        var emails: [String: Int] = [:]
        let users = try batch.events.column("userId"), types = try batch.events.column("eventType")
        for r in 0..<batch.events.rowCount where types[r] == .string("directMarketing.emailSent") { emails[users[r].description, default: 0] += 1 }
        XCTAssertLessThanOrEqual(emails.values.max() ?? 0, 5)
    }

    func testBadConfigIsRejected() {
        XCTAssertThrowsError(try Simulator(SimulationConfig(users: -1)))
        XCTAssertThrowsError(try Simulator(SimulationConfig(batchSize: 0)))
        XCTAssertThrowsError(try Simulator(SimulationConfig(mode: .corrected, targetConversion: 1.5))) { error in
            XCTAssertTrue("\(error)".contains("targetConversion"))
        }
    }

    func testRunIngestsInBatchesAndReplacesOnRerun() throws {
        let ws = try makeTemporaryWorkspace(self)
        let simulator = try Simulator(SimulationConfig(users: 500, seed: 1, batchSize: 200))
        let report = try simulator.run(into: ws)
        XCTAssertEqual(report.users, 500)
        XCTAssertEqual(try ws.catalog.snapshots(dataset: "events").count, 3)
        XCTAssertEqual(try ws.catalog.rowCount("events"), report.events)
        XCTAssertEqual(try ws.catalog.rowCount("profiles"), 500)
        XCTAssertTrue(try ws.catalog.dataset(named: "events").profileEnabled)
        XCTAssertEqual(try ws.catalog.schema(named: "experience_event").identity?.namespace, "ECID")
        let again = try simulator.run(into: ws)
        XCTAssertEqual(again.events, report.events)
        XCTAssertEqual(try ws.catalog.rowCount("events"), report.events, "re-running replaces, never duplicates")
        XCTAssertEqual(report.eventCountsTable.rowCount, 13)
    }

    /// The run checkpoints in the background: its rows reach the database file itself (a few MB,
    /// well under the 1,000-page log that would trigger an automatic checkpoint) soon after it
    /// returns — it does not wait for that copy — and read back whole meanwhile.
    func testRunCheckpointsIntoTheDatabaseFile() throws {
        let ws = try makeTemporaryWorkspace(self)
        func fileSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: ws.databasePath)[.size] as? Int) ?? 0 }
        let before = fileSize()
        let report = try Simulator(SimulationConfig(users: 2_000, seed: 3, batchSize: 500)).run(into: ws)
        XCTAssertEqual(try ws.catalog.rowCount("events"), report.events)
        let deadline = Date().addingTimeInterval(60)
        while fileSize() - before <= report.events * 60, Date() < deadline { usleep(10_000) }
        XCTAssertGreaterThan(fileSize() - before, report.events * 60, "rows are checkpointed into platform.db")
    }
}
