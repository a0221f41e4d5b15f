@testable import Pipeline
import XCTest

/// Two reads of the same events are the same: people, types, times, `_id`s, order, interning, and
/// the same answer (or the same error) when asked for timelines.
func assertSameEvents(_ a: QueriedEvents, _ b: QueriedEvents, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    XCTAssertEqual(a.users, b.users, file: file, line: line)
    XCTAssertEqual(a.types, b.types, file: file, line: line)
    XCTAssertEqual(a.times, b.times, file: file, line: line)
    XCTAssertEqual(a.ids, b.ids, file: file, line: line)
    XCTAssertEqual(a.hasIDs, b.hasIDs, file: file, line: line)
    XCTAssertEqual(a.userNames, b.userNames, file: file, line: line)
    XCTAssertEqual(a.typeNames, b.typeNames, file: file, line: line)
    XCTAssertEqual(a.order, b.order, file: file, line: line)
    XCTAssertEqual(a.userRanges, b.userRanges, file: file, line: line)
    XCTAssertEqual(errorText { try a.requireTimelines() }, errorText { try b.requireTimelines() }, file: file, line: line)
}

private func errorText(_ body: () throws -> Void) -> String? {
    do { try body() } catch { return "\(error)" }
    return nil
}
