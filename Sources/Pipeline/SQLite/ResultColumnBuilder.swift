import CSQLite

/// Collects one result column while rows are stepped and settles its `DataType`: the declared
/// type when the column comes straight from a dataset (TIMESTAMP, BOOLEAN, …), otherwise the
/// values seen (all integers → Int, any real → Double, any text → String). A column with no
/// values and no declared type takes `hint` (the type its expression implies), else String.
///
/// Text in a declared timestamp column is parsed as it is read, straight from SQLite's buffer,
/// instead of becoming a `String` first: its original bytes are only kept (in one buffer) in
/// case a later value turns out not to be a timestamp and the column must stay text.
struct ResultColumnBuilder {
    private enum Kind { case unknown, int, double, string, timestampText }

    let name: String
    let declared: DataType?
    let hint: DataType?
    private var kind: Kind = .unknown
    private var ints: [Int] = []
    private var doubles: [Double] = []
    private var strings: [String] = []
    private var micros: [Int64] = []
    /// The text of every timestamp read as `timestampText`, back to back, with each one's end.
    private var timestampBytes: [UInt8] = [], timestampEnds: [Int] = []
    private var nulls: [Bool] = []
    private var count = 0
    private var texts = RepeatedTexts()

    init(name: String, declaredType: String?, hint: DataType? = nil) {
        self.name = name
        declared = declaredType.flatMap(ResultColumnBuilder.dataType(declared:))
        self.hint = hint
    }

    /// SQLite declared type → our type, by the same substring rules SQLite uses for affinity.
    static func dataType(declared: String) -> DataType? {
        let t = declared.uppercased()
        if t.contains("TIMESTAMP") || t.contains("DATETIME") { return .timestamp }
        if t.contains("BOOL") { return .bool }
        if t.contains("INT") { return .int }
        if t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB") { return .string }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { return .double }
        return nil
    }

    /// Appends column `i` of the statement's current row. The cell is read through one
    /// `sqlite3_value` (the connection is opened without mutexes, so it may be read directly)
    /// rather than a `sqlite3_column_*` call per question, each of which enters the
    /// connection's mutex and checks for errors on the way out.
    mutating func append(from statement: SQLiteStatement, column i: Int) {
        let value = sqlite3_column_value(statement.handle, Int32(i))
        let type = sqlite3_value_type(value)
        nulls.append(type == SQLITE_NULL)
        switch (type, kind) {
        case (SQLITE_NULL, .unknown): break
        case (SQLITE_NULL, .int): ints.append(0)
        case (SQLITE_NULL, .double): doubles.append(0)
        case (SQLITE_NULL, .string): strings.append("")
        case (SQLITE_INTEGER, .unknown), (SQLITE_INTEGER, .int):
            settle(.int); ints.append(Int(sqlite3_value_int64(value)))
        case (SQLITE_INTEGER, .double), (SQLITE_FLOAT, .double): doubles.append(sqlite3_value_double(value))
        case (SQLITE_FLOAT, .unknown): settle(.double); doubles.append(sqlite3_value_double(value))
        case (SQLITE_FLOAT, .int): settle(.double); doubles.append(sqlite3_value_double(value))
        case (SQLITE_NULL, .timestampText): appendTimestamp(nil)
        case (SQLITE_TEXT, .unknown) where declared == .timestamp:
            kind = .timestampText
            micros = [Int64](repeating: 0, count: count)
            timestampEnds = [Int](repeating: 0, count: count)
            appendTimestamp(Self.text(value))
        case (SQLITE_TEXT, .timestampText): appendTimestamp(Self.text(value))
        case (_, .string): strings.append(texts.string(Self.text(value)))
        default: settle(.string); strings.append(texts.string(Self.text(value)))
        }
        count += 1
    }

    /// The cell's text (numbers and blobs as SQLite renders them), valid until the next step.
    private static func text(_ value: OpaquePointer?) -> UnsafeBufferPointer<UInt8> {
        let p = sqlite3_value_text(value)
        return UnsafeBufferPointer(start: p, count: p == nil ? 0 : Int(sqlite3_value_bytes(value)))
    }

    /// Parses one timestamp text (nil: null) while the column is `timestampText`; the first
    /// text that is not a timestamp turns the column into text, every value as it was read.
    private mutating func appendTimestamp(_ text: UnsafeBufferPointer<UInt8>?) {
        guard let text else {
            micros.append(0)
            timestampEnds.append(timestampBytes.count)
            return
        }
        timestampBytes.append(contentsOf: text)
        timestampEnds.append(timestampBytes.count)
        if let value = TimestampText.parse(text) { micros.append(value); return }
        keepTimestampTexts()
    }

    /// Turns a `timestampText` column into text, every value as it was read.
    private mutating func keepTimestampTexts() {
        strings = timestampEnds.indices.map { r in
            let start = r == 0 ? 0 : timestampEnds[r - 1]
            return String(decoding: timestampBytes[start..<timestampEnds[r]], as: UTF8.self)
        }
        micros = []; timestampBytes = []; timestampEnds = []
        kind = .string
    }

    /// Moves what was collected so far into the wider `target` representation.
    private mutating func settle(_ target: Kind) {
        guard kind != target else { return }
        let previous = count
        switch (kind, target) {
        case (.unknown, .int): ints = [Int](repeating: 0, count: previous)
        case (.unknown, .double): doubles = [Double](repeating: 0, count: previous)
        case (.unknown, .string): strings = [String](repeating: "", count: previous)
        case (.int, .double): doubles = ints.map(Double.init); ints = []
        case (.int, .string): strings = zip(ints, nulls).map { $1 ? "" : String($0) }; ints = []
        case (.double, .string): strings = zip(doubles, nulls).map { $1 ? "" : String($0) }; doubles = []
        case (.timestampText, _): keepTimestampTexts()   // a number among timestamp texts: all stays text
        default: break
        }
        kind = target
    }

    func build() -> Column {
        let mask = nulls
        switch (declared, kind) {
        case (.bool, .int):
            return Column(name, bools: ints.map { $0 != 0 }, nulls: mask)
        case (.timestamp, .string):
            var micros = [Int64](repeating: 0, count: count)
            for (r, s) in strings.enumerated() where !mask[r] {
                var s = s
                guard let m = s.withUTF8({ TimestampText.parse($0) }) else {
                    return Column(name, strings: strings, nulls: nulls)  // not timestamps after all: keep the text
                }
                micros[r] = m
            }
            return Column(name, timestamps: micros, nulls: mask)
        case (.timestamp, .int):
            return Column(name, timestamps: ints.map(Int64.init), nulls: mask)
        case (_, .timestampText): return Column(name, timestamps: micros, nulls: mask)
        case (_, .int): return Column(name, ints: ints, nulls: mask)
        case (_, .double): return Column(name, doubles: doubles, nulls: mask)
        case (_, .string): return Column(name, strings: strings, nulls: mask)
        case (let type?, .unknown): return ResultColumnBuilder.allNull(name, type, count)
        case (nil, .unknown): return ResultColumnBuilder.allNull(name, hint ?? .string, count)
        }
    }

    private static func allNull(_ name: String, _ type: DataType, _ count: Int) -> Column {
        let mask = [Bool](repeating: true, count: count)
        switch type {
        case .int: return Column(name, ints: [Int](repeating: 0, count: count), nulls: mask)
        case .double: return Column(name, doubles: [Double](repeating: 0, count: count), nulls: mask)
        case .bool: return Column(name, bools: [Bool](repeating: false, count: count), nulls: mask)
        case .timestamp: return Column(name, timestamps: [Int64](repeating: 0, count: count), nulls: mask)
        case .string: return Column(name, strings: [String](repeating: "", count: count), nulls: mask)
        }
    }
}

extension SQLiteStatement {
    /// Steps the statement to the end and returns every row as a `Table`. Duplicate result
    /// column names (`SELECT a.x, b.x`) get a `_2`, `_3` suffix so the table stays addressable.
    /// `typeHints` (lower-cased column name → type) type the columns that are null in every row.
    public func readTable(typeHints: [String: DataType] = [:]) throws -> Table {
        try readTable(typeHints: typeHints, runs: 1) { _ in }
    }

    /// The rows of `runs` executions of the statement one after another, as one `Table`:
    /// `bind(k)` binds the parameters of run `k` before it (a lookup run once per key).
    func readTable(typeHints: [String: DataType] = [:], runs: Int, bind: (Int) throws -> Void) throws -> Table {
        var seen: [String: Int] = [:]
        var builders: [ResultColumnBuilder] = (0..<columnCount).map { i in
            var name = columnName(i)
            let hint = typeHints[name.lowercased()]
            if let n = seen[name] { seen[name] = n + 1; name += "_\(n + 1)" } else { seen[name] = 1 }
            return ResultColumnBuilder(name: name, declaredType: declaredType(i), hint: hint)
        }
        for k in 0..<runs {
            if k > 0 { reset() }
            try bind(k)
            while try step() {
                for i in builders.indices { builders[i].append(from: self, column: i) }
            }
        }
        return try Table(builders.map { $0.build() })
    }
}
