import Pipeline
import XCTest

final class MLSearchTests: XCTestCase {
    let space = try! SearchSpace(kind: "forest", parameters: [
        ("trees", .integer(5, 15, step: 5)), ("maxDepth", .integer(2, 6)), ("criterion", .choice(["gini", "entropy"])),
    ])

    func testRandomSearchRecordsEveryTrialAndIsSeeded() throws {
        let (x, y) = MLTestData.problem(rows: 1_500)
        let a = try HyperparameterSearch(space: space, seed: 9).random(x: x, y: y, budget: 4)
        let b = try HyperparameterSearch(space: space, seed: 9).random(x: x, y: y, budget: 4)
        XCTAssertEqual(a.trials.map(\.number), [1, 2, 3, 4], "trials run in parallel but are numbered in draw order")
        XCTAssertEqual(a.trials.map(\.parameters), b.trials.map(\.parameters))
        XCTAssertEqual(a.trials.map(\.score), b.trials.map(\.score))
        XCTAssertEqual(a.best.score, a.trials.map(\.score).max())
        XCTAssertEqual(a.table.rowCount, 4)
        XCTAssertTrue(a.table.columnNames.contains("criterion"))
    }

    func testSuccessiveHalvingNarrowsToFullResource() throws {
        let (x, y) = MLTestData.problem(rows: 1_500)
        let result = try HyperparameterSearch(space: space, seed: 2).successiveHalving(x: x, y: y, candidates: 9, eta: 3, minResource: 0.2)
        let perRung = Dictionary(grouping: result.trials, by: \.rung).mapValues(\.count)
        XCTAssertEqual(perRung[0], 9)
        XCTAssertEqual(perRung[1], 3)
        XCTAssertEqual(result.trials.filter { $0.resource == 1 }.count, 1)
        XCTAssertEqual(result.best.resource, 1)
        XCTAssertTrue(try result.trialsChart().svg.contains("rung 1"))
    }

    func testInvalidSpacesFailBeforeAnyTraining() {
        XCTAssertThrowsError(try SearchSpace(kind: "gbt", parameters: [("treez", .integer(1, 5))])) { error in
            XCTAssertEqual((error as? PipelineError)?.hint, "did you mean `trees`?")
        }
        XCTAssertThrowsError(try SearchSpace(kind: "gbt", parameters: [("learningRate", .logUniform(0, 1))]))
        XCTAssertThrowsError(try SearchSpace(kind: "svm", parameters: []))
    }
}
