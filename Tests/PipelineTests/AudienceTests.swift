import Pipeline
import XCTest

final class AudienceTests: XCTestCase {
    let profiles = try! Table([
        Column("userId", strings: ["a", "b", "c", "d", "e"]),
        Column("propensity", doubles: [0.1, 0.25, 0.5, 0.95, 0], nulls: [false, false, false, false, true]),
        Column("country", strings: ["US", "CA", "FR", "US", "US"], nulls: [false, false, false, false, true]),
        Column("email", strings: ["A@Example.com", "b@x.org", "c@example.com", "d@example.com", ""]),
    ])

    func members(_ expression: String) throws -> [String] {
        let e = try Audience(name: "t", expression: expression).evaluate(profiles: profiles, identity: "userId")
        return (0..<e.members.rowCount).map { "\(e.members.row($0)[0])" }
    }

    func testReferenceRuleAndDottedNames() throws {
        XCTAssertEqual(try members("propensity >= 0.2 and propensity <= 0.93"), ["b", "c"])
        XCTAssertEqual(try members("_tenant.propensity >= 0.2 and _tenant.propensity <= 0.93"), ["b", "c"])
    }

    func testLogicInExistsAndStringFunctions() throws {
        XCTAssertEqual(try members("country in ['US', 'CA'] and not (propensity < 0.2)"), ["b", "d"])
        XCTAssertEqual(try members("country not in [\"US\"]"), ["b", "c"])
        XCTAssertEqual(try members("not exists(propensity) or propensity > 0.9"), ["d", "e"])
        XCTAssertEqual(try members("endsWith(lower(email), '@example.com') and length(email) > 0"), ["a", "c", "d"])
        XCTAssertEqual(try members("contains(upper(email), 'X.ORG') or startsWith(email, 'c')"), ["b", "c"])
        // Unknown (null) is not true: e has no propensity and no country.
        XCTAssertEqual(try members("propensity < 0.2 or country = 'FR'"), ["a", "c"])
        XCTAssertEqual(try members("not (propensity < 0.2)"), ["b", "c", "d"])
    }

    func testErrorsPointAtTheExactColumn() {
        func error(_ expression: String) -> PipelineError? {
            do { _ = try Audience(name: "t", expression: expression).evaluate(profiles: profiles, identity: "userId"); return nil }
            catch { return error as? PipelineError }
        }
        XCTAssertTrue(error("propensity >= and propensity <= 0.9")?.message.hasPrefix("column 15: expected a value before `and`") ?? false)
        XCTAssertTrue(error("propensity >= 0.2 and propensty <= 0.9")?.message.hasPrefix("column 23: no profile attribute `propensty`") ?? false)
        XCTAssertEqual(error("propensity >= 0.2 and propensty <= 0.9")?.hint, "did you mean `propensity`?")
        XCTAssertTrue(error("propensity >= 'high'")?.message.hasPrefix("column 12: cannot compare a number with a string") ?? false)
        XCTAssertTrue(error("country = 'US")?.message.hasPrefix("column 11: this string is never closed") ?? false)
        XCTAssertTrue(error("(propensity > 0.2")?.message.hasPrefix("column 18: expected `)`") ?? false)
        XCTAssertTrue(error("propensity > 0.2 propensity")?.message.hasPrefix("column 18: unexpected `propensity`") ?? false)
        XCTAssertTrue(error("lowr(email) = 'x'")?.message.hasPrefix("column 1: unknown function `lowr`") ?? false)
        XCTAssertEqual(error("propensity > 0.2 # x")?.kind, .audience)
        let caret = error("propensity >= and x")?.message.split(separator: "\n").last.map(String.init)
        XCTAssertEqual(caret, "  " + String(repeating: " ", count: 14) + "^")
        XCTAssertThrowsError(try Audience(name: "t", expression: "x > 1", ttlDays: 0))
    }

    func testEvaluationCountsAndMembershipColumns() throws {
        let audience = try Audience(name: "moderate", description: "moderate-to-high", expression: "propensity >= 0.2", ttlDays: 60)
        let e = try audience.evaluate(profiles: profiles, identity: "userId")
        XCTAssertEqual(e.qualified, 3)
        XCTAssertEqual(e.total, 5)
        XCTAssertEqual(e.members.columnNames, ["userId", "audience", "qualified_at", "expires_at"])
        guard case .timestamp(let q) = try e.members.column("qualified_at")[0], case .timestamp(let x) = try e.members.column("expires_at")[0] else {
            return XCTFail("timestamps expected")
        }
        XCTAssertEqual(x.microseconds - q.microseconds, 60 * 86_400_000_000)
    }

    func testReachAnalysisHistogramCumulativeAndIntervals() throws {
        let scores = [0.01, 0.02, 0.21, 0.22, 0.5, 0.93, 1.0, .nan]
        let reach = try ReachAnalysis(scores: scores, buckets: 20)
        XCTAssertEqual(reach.total, 7)
        XCTAssertEqual(reach.counts[0], 2)
        XCTAssertEqual(reach.counts[4], 2)
        XCTAssertEqual(reach.counts[18], 1)  // 0.93 falls in [0.90, 0.95)
        XCTAssertEqual(reach.counts[19], 1)  // 1.0 closes the last bucket
        let t = reach.table
        XCTAssertEqual(try t.column("reach_at_or_above")[4], .int(5))
        XCTAssertEqual(try t.column("reach_below")[4], .int(2))
        XCTAssertEqual(try t.column("reach_above")[19], .int(0))
        XCTAssertEqual(reach.reachBetween(from: 4, to: 18), 4)
        XCTAssertEqual(reach.reachBetween(from: 10, to: 4), 0)
        let intervals = reach.intervalTable()
        XCTAssertEqual(intervals.rowCount, 400)
        XCTAssertEqual(try intervals.column("rule")[4 * 20 + 18], .string("propensity >= 0.20 and propensity <= 0.95"))
        XCTAssertTrue(try reach.heatmap().svg.hasPrefix("<svg"))
        XCTAssertThrowsError(try ReachAnalysis(scores: [1.5]))
    }
}
