import Pipeline
import XCTest

final class TableOperationsTests: XCTestCase {
    /// users: id, country, spend (with a null), active.
    let users = try! Table(names: ["id", "country", "spend", "active"], rows: [
        [.int(1), .string("FR"), .double(10), .bool(true)],
        [.int(2), .string("US"), .double(30), .bool(false)],
        [.int(3), .string("FR"), .null, .bool(true)],
        [.int(4), .null, .double(5), .bool(true)],
        [.int(5), .string("US"), .double(20), .bool(true)],
    ])

    func ids(_ t: Table) throws -> [Value] { try (0..<t.rowCount).map { try t.column("id")[$0] } }

    func testHeadTailSelectDropRename() throws {
        XCTAssertEqual(try ids(users.head(2)), [.int(1), .int(2)])
        XCTAssertEqual(try ids(users.tail(2)), [.int(4), .int(5)])
        XCTAssertEqual(users.head(99).rowCount, 5)
        XCTAssertEqual(users.tail(-1).rowCount, 0)
        XCTAssertEqual(try users.select(["spend", "id"]).columnNames, ["spend", "id"])
        XCTAssertEqual(try users.dropping(["spend"]).columnNames, ["id", "country", "active"])
        XCTAssertEqual(try users.renaming(["id": "userId"]).columnNames.first, "userId")
        XCTAssertThrowsError(try users.select(["spned"])) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `spend`?")
        }
    }

    func testFilterByComparisonSkipsNullsAndChecksTypes() throws {
        XCTAssertEqual(try ids(users.filter("spend", .greaterOrEqual, .int(10))), [.int(1), .int(2), .int(5)])
        XCTAssertEqual(try ids(users.filter("country", .notEqual, .string("FR"))), [.int(2), .int(5)])
        XCTAssertEqual(try ids(users.filter("id", in: [.int(2), .double(4)])), [.int(2), .int(4)])
        XCTAssertEqual(try ids(users.droppingNulls()), [.int(1), .int(2), .int(5)])
        XCTAssertEqual(try ids(users.onlyNulls("country")), [.int(4)])
        XCTAssertThrowsError(try users.filter("country", .less, .int(3))) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .typeMismatch)
            XCTAssertTrue("\(error)".contains("`country`"), "\(error)")
        }
        XCTAssertThrowsError(try users.filter("spend", .equal, .null))
        XCTAssertThrowsError(try users.filter("cuntry", .equal, .string("FR"))) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `country`?")
        }
    }

    func testFilterByPredicateAndComputedColumn() throws {
        let fr = try users.filter { try $0.value("country") == .string("FR") }
        XCTAssertEqual(try ids(fr), [.int(1), .int(3)])
        XCTAssertThrowsError(try users.filter { try $0.value("contry") == .null }) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .unknownColumn)
        }
        let doubled = try users.adding("double") { row in
            try row.value("spend").doubleValue.map { .double($0 * 2) } ?? .null
        }
        XCTAssertEqual(try doubled.column("double").type, .double)
        XCTAssertEqual(try doubled.column("double")[1], .double(60))
        XCTAssertEqual(try doubled.column("double")[2], .null)
        XCTAssertThrowsError(try users.adding("mixed") { $0.index == 0 ? .int(1) : .string("x") }) { error in
            XCTAssertTrue("\(error)".contains("row 2, column `mixed`"), "\(error)")
        }
    }

    func testSortIsMultiKeyStableWithNullsLast() throws {
        let byCountry = try users.sorted(by: "country")
        XCTAssertEqual(try ids(byCountry), [.int(1), .int(3), .int(2), .int(5), .int(4)])
        let descending = try users.sorted(by: "spend", ascending: false)
        XCTAssertEqual(try ids(descending), [.int(2), .int(5), .int(1), .int(4), .int(3)])
        let twoKeys = try users.sorted(by: [.init("active"), .init("spend", ascending: false)])
        XCTAssertEqual(try ids(twoKeys), [.int(2), .int(5), .int(1), .int(4), .int(3)])
        XCTAssertThrowsError(try users.sorted(by: "nope"))
    }

    func testGroupByAggregates() throws {
        let g = try users.groupBy(["country"], [
            .rowCount(), Aggregate(.sum, "spend"), Aggregate(.mean, "spend"), Aggregate(.min, "id"),
            Aggregate(.max, "id"), Aggregate(.distinctCount, "active"), Aggregate(.std, "id"), Aggregate(.count, "spend"),
        ])
        XCTAssertEqual(try g.column("country").rows(), [.string("FR"), .string("US"), .null])
        XCTAssertEqual(try g.column("count").rows(), [.int(2), .int(2), .int(1)])
        XCTAssertEqual(try g.column("sum_spend").rows(), [.double(10), .double(50), .double(5)])
        XCTAssertEqual(try g.column("mean_spend").rows(), [.double(10), .double(25), .double(5)])
        XCTAssertEqual(try g.column("min_id").rows(), [.int(1), .int(2), .int(4)])
        XCTAssertEqual(try g.column("max_id").rows(), [.int(3), .int(5), .int(4)])
        XCTAssertEqual(try g.column("distinct_active").rows(), [.int(1), .int(2), .int(1)])
        XCTAssertEqual(try g.column("std_id")[0].doubleValue!, 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try g.column("std_id")[2], .null)
        XCTAssertEqual(try g.column("count_spend").rows(), [.int(1), .int(2), .int(1)])
        XCTAssertEqual(try users.aggregate([Aggregate(.sum, "active")]).row(0), [.int(4)])
        XCTAssertThrowsError(try users.groupBy(["country"], [Aggregate(.mean, "country")])) { error in
            XCTAssertEqual((error as? PipelineError)?.kind, .typeMismatch)
        }
    }

    func testJoinInnerAndLeft() throws {
        let orders = try Table(names: ["id", "amount", "spend"], rows: [
            [.int(2), .double(1.5), .int(7)], [.int(2), .double(2.5), .int(8)], [.int(9), .double(4), .int(9)],
        ])
        let inner = try users.join(orders, on: ["id"])
        XCTAssertEqual(inner.columnNames, ["id", "country", "spend", "active", "amount", "spend_right"])
        XCTAssertEqual(try ids(inner), [.int(2), .int(2)])
        XCTAssertEqual(try inner.column("amount").rows(), [.double(1.5), .double(2.5)])
        let left = try users.join(orders, on: ["id"], kind: .left)
        XCTAssertEqual(try ids(left), [.int(1), .int(2), .int(2), .int(3), .int(4), .int(5)])
        XCTAssertEqual(try left.column("amount")[0], .null)
        XCTAssertEqual(try left.column("spend_right")[1], .int(7))
        XCTAssertThrowsError(try users.join(orders, on: ["country"])) { error in
            XCTAssertTrue("\(error)".contains("right table"), "\(error)")
        }
        let empty = try users.join(orders.head(0), on: ["id"], kind: .left)
        XCTAssertEqual(empty.rowCount, 5)
        XCTAssertEqual(try empty.column("amount").nullCount, 5)
    }

    func testSampleAndSplitAreSeededAndDisjoint() throws {
        let big = try Table([Column("id", ints: Array(0..<1000)), Column("label", ints: (0..<1000).map { $0 % 10 == 0 ? 1 : 0 })])
        let a = try big.sample(n: 10, seed: 7), b = try big.sample(n: 10, seed: 7), c = try big.sample(n: 10, seed: 8)
        XCTAssertEqual(a.rows, b.rows)
        XCTAssertNotEqual(a.rows, c.rows)
        XCTAssertEqual(Set(try ids(a)).count, 10)
        XCTAssertEqual(try big.sample(fraction: 0.25, seed: 1).rowCount, 250)
        XCTAssertThrowsError(try big.sample(fraction: 1.5, seed: 1))

        let (train, test) = try big.split(fraction: 0.8, seed: 42, stratifiedBy: "label")
        XCTAssertEqual(train.rowCount + test.rowCount, 1000)
        XCTAssertTrue(Set(try ids(train)).isDisjoint(with: Set(try ids(test))))
        XCTAssertEqual(try train.filter("label", .equal, .int(1)).rowCount, 80)
        XCTAssertEqual(try test.filter("label", .equal, .int(1)).rowCount, 20)
        XCTAssertEqual(try ids(train), try ids(train.sorted(by: "id")), "parts keep the original order")
        let (again, _) = try big.split(fraction: 0.8, seed: 42, stratifiedBy: "label")
        XCTAssertEqual(train.rows, again.rows)
    }

    func testValueCountsIncludeNulls() throws {
        let counts = try users.valueCounts("country")
        XCTAssertEqual(counts.rows, [
            [.string("FR"), .int(2), .double(0.4)], [.string("US"), .int(2), .double(0.4)], [.null, .int(1), .double(0.2)],
        ])
    }

    func testDescribe() throws {
        let d = users.describe()
        XCTAssertEqual(d.columnNames, ["column", "type", "count", "nulls", "distinct", "top", "mean", "std", "min", "25%", "50%", "75%", "max"])
        let spend = try d.filter("column", .equal, .string("spend")).row(0)
        XCTAssertEqual(spend, [.string("spend"), .string("Double"), .int(4), .int(1), .int(4), .null, .double(16.25),
                               spend[7], .double(5), .double(8.75), .double(15), .double(22.5), .double(30)])
        XCTAssertEqual(spend[7].doubleValue!, 11.08677, accuracy: 1e-5)
        let country = try d.filter("column", .equal, .string("country")).row(0)
        XCTAssertEqual(country[2], .int(4))
        XCTAssertEqual(country[4], .int(2))
        XCTAssertEqual(country[5], .string("FR"), "FR and US tie; the smaller wins")
        XCTAssertEqual(country[6], .null)
    }

    /// Distinct counts and tops of numbers and booleans, including what a dictionary of cells
    /// decides: -0.0 equals 0.0, ties go to the smallest value, and integers beyond 2⁵³ (which
    /// Doubles cannot tell apart) stay distinct.
    func testDescribeCountsDistinctNumbersExactly() throws {
        let big = 1 << 53
        let table = try Table([
            Column("flag", bools: [true, false, true, false, true, true], nulls: [false, false, false, false, true, true]),
            Column("count", ints: [3, 1, 3, 1, 2, 7]),
            Column("huge", ints: [big, big + 1, big + 2, big + 2, -big - 1, 0]),   // as Doubles, big + 1 is big
            Column("zero", doubles: [-0.0, 0.0, 2.5, 2.5, 0.0, 1]),
        ])
        let d = table.describe()
        XCTAssertEqual(try d.column("distinct").rows(), [.int(2), .int(4), .int(5), .int(3)])
        XCTAssertEqual(try d.column("top")[0], .string("false"), "false and true tie at 2 (nulls are not counted); the smaller wins")
        XCTAssertEqual(try d.column("count")[0], .int(4))
    }

    func testRowsAndRecordsRoundTrip() throws {
        XCTAssertEqual(try Table(names: users.columnNames, rows: users.rows).rows, users.rows)
        let fromRecords = try Table(records: [["a": .int(1)], ["a": .double(2.5), "b": .string("x")]])
        XCTAssertEqual(fromRecords.columnNames, ["a", "b"])
        XCTAssertEqual(try fromRecords.column("a").type, .double)
        XCTAssertEqual(fromRecords.records[0], ["a": .double(1), "b": .null])
        XCTAssertThrowsError(try Table(records: [["userid": .int(1)]], names: ["userId"])) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `userId`?")
        }
        XCTAssertThrowsError(try Table(names: ["a", "b"], rows: [[.int(1)]])) { error in
            XCTAssertTrue("\(error)".contains("row 1"), "\(error)")
        }
    }
}

extension Column {
    func rows() -> [Value] { (0..<count).map { self[$0] } }
}
