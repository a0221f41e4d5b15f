/// The text of one cell, indexed by Unicode scalar (the unit Jupyter uses for cursor positions),
/// with line starts precomputed so any offset maps to a line and column for diagnostics.
final class Source {
    let name: String
    let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    init(_ text: String, name: String) {
        self.name = name
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    /// 1-based line and column of a scalar offset.
    func lineColumn(_ offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - lineStarts[lo] + 1)
    }

    func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        return text(start, end)
    }

    /// The scalars `start..<end` (clamped) as a String, encoded byte by byte: the generic
    /// `UnicodeScalarView.append(contentsOf:)` cost about 18,000 instructions an identifier.
    func text(_ start: Int, _ end: Int) -> String {
        let lo = max(0, start), hi = min(end, scalars.count)
        guard lo < hi else { return "" }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(hi - lo)
        for scalar in scalars[lo..<hi] {
            if scalar.isASCII { utf8.append(UInt8(truncatingIfNeeded: scalar.value)) } else { UTF8.encode(scalar) { utf8.append($0) } }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}

/// A span of a cell's source; `start..<end` in scalar offsets.
struct SourceRange {
    let source: Source
    let start: Int
    let end: Int

    var location: SourceLocation {
        let (line, column) = source.lineColumn(start)
        return SourceLocation(cell: source.name, line: line, column: column, length: max(1, end - start))
    }
}

/// Where a diagnostic points: the cell's name (e.g. `[3]` or a file path), 1-based line and column.
public struct SourceLocation: Equatable, CustomStringConvertible {
    public var cell: String
    public var line: Int
    public var column: Int
    public var length: Int

    public init(cell: String, line: Int, column: Int, length: Int = 1) {
        self.cell = cell
        self.line = line
        self.column = column
        self.length = length
    }

    public var description: String { "\(cell):\(line):\(column)" }
}
