/// The cells of one text column (a CSV column) as byte ranges of the buffer the reader holds, so
/// typing the column parses bytes in place and only text columns make `String`s.
struct TextCells {
    /// Cell i is `text[starts[i]..<ends[i]]`; a null cell (an unquoted empty field) has start -1.
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []

    var count: Int { starts.count }
    var indices: Range<Int> { starts.indices }

    /// Empties the cells, keeping their storage for the next record.
    mutating func removeAll() {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    mutating func append(start: Int, end: Int) {
        starts.append(start)
        ends.append(end)
    }

    func isNull(_ i: Int) -> Bool { starts[i] < 0 }

    /// Cell i's bytes (not null).
    func bytes(_ i: Int, in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[starts[i]..<ends[i]])
    }

    func string(_ i: Int, in text: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes(i, in: text), as: UTF8.self)
    }
}
