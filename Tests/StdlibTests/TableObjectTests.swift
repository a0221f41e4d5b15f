import XCTest

final class TableObjectTests: StdlibTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        run("""
            let people = table(["name": ["ann", "bob", "cy", "dee"], "age": [31, 45, nil, 27],
                                "team": ["red", "blue", "red", "red"]])
            """)
    }

    func testRowsColumnsAndIteration() {
        XCTAssertEqual(text("people[0]"), "[\"name\": \"ann\", \"age\": 31, \"team\": \"red\"]")
        XCTAssertEqual(text("people[-1][\"name\"]"), "\"dee\"")
        XCTAssertEqual(text("people[\"age\"]"), "[31, 45, nil, 27]")
        XCTAssertEqual(text("var names = [String]()\nfor row in people { names.append(row[\"name\"]!) }\nnames"),
                       "[\"ann\", \"bob\", \"cy\", \"dee\"]")
    }

    func testOutOfRangeRowsAndUnknownColumnsAreLocatedErrors() {
        XCTAssertEqual(failure("people[4]")?.ename, "IndexError")
        let unknown = failure("people[\"agee\"]")
        XCTAssertEqual(unknown?.ename, "UnknownColumnError")
        XCTAssertTrue(unknown?.traceback.joined(separator: "\n").contains("did you mean `age`?") ?? false)
        XCTAssertEqual(failure("people[true]")?.ename, "TypeError")
    }

    func testDisplayIsHTMLAndText() {
        let bundle = run("people")
        XCTAssertTrue(bundle?["text/html"]?.contains("<table") ?? false)
        XCTAssertTrue(bundle?["text/plain"]?.contains("ann") ?? false)
    }

    func testOperations() {
        XCTAssertEqual(text("people.head(2).count"), "2")
        XCTAssertEqual(text("people.tail(1)[\"name\"]"), "[\"dee\"]")
        XCTAssertEqual(text("people.select([\"team\", \"name\"]).columns"), "[\"team\", \"name\"]")
        XCTAssertEqual(text("people.filter { $0[\"team\"] == \"red\" }[\"name\"]"), "[\"ann\", \"cy\", \"dee\"]")
        XCTAssertEqual(text("people.sort(by: \"age\", descending: true)[\"name\"]"), "[\"bob\", \"ann\", \"dee\", \"cy\"]")
        XCTAssertEqual(text("people.adding(\"senior\", people[\"age\"].map { ($0 ?? 0) > 40 })[\"senior\"]"),
                       "[false, true, false, false]")
        XCTAssertEqual(text("people.groupBy([\"team\"], [\"people\": \"count\", \"oldest\": \"max(age)\"]).sort(by: \"team\")[\"oldest\"]"),
                       "[45, 31]")
        XCTAssertEqual(text("people.sum(\"age\")"), "103")
        XCTAssertEqual(text("people.mean(\"age\")"), "\(103.0 / 3)")
        XCTAssertEqual(text("people.sample(2, seed: 7).count"), "2")
        XCTAssertEqual(text("people.describe().count > 0"), "true")
        let teams = "table([\"team\": [\"red\", \"blue\"], \"colour\": [\"#f00\", \"#00f\"]])"
        XCTAssertEqual(text("people.join(\(teams), on: \"team\")[\"colour\"]"), "[\"#f00\", \"#00f\", \"#f00\", \"#f00\"]")
    }

    func testBadArgumentsAreReported() {
        XCTAssertEqual(failure("people.filter { $0[\"age\"] }")?.ename, "TypeError")
        XCTAssertEqual(failure("people.adding(\"x\", [1])")?.ename, "ValueError")
        XCTAssertEqual(failure("people.groupBy([\"team\"], [\"n\": \"median(age)\"])")?.ename, "ArgumentError")
        XCTAssertEqual(failure("people.sum(\"name\")")?.ename, "TypeMismatchError")
        XCTAssertEqual(failure("people.join(people, on: \"team\", kind: \"outer\")")?.ename, "ArgumentError")
        XCTAssertEqual(failure("people.select([\"name\", 1])")?.ename, "TypeError")
    }
}
