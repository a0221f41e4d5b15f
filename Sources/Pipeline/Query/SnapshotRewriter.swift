/// Rewrites `dataset SNAPSHOT BETWEEN a AND b` (Adobe Query Service syntax) into a subquery over
/// the rows written by snapshot generations a…b — **both bounds inclusive**, generations
/// numbered from 1 per dataset (`catalog.snapshots`). `SNAPSHOT AS OF b` means 1…b and
/// `SNAPSHOT SINCE a` means a…current. Bounds are integers or `$parameters`.
///
/// Keeps a map from rewritten byte offsets back to the original text so SQLite's error
/// positions still point at what the user wrote.
struct RewrittenSQL {
    private(set) var text = ""
    /// (offset in `text`, offset in the original, length) of each copied stretch.
    private var copied: [(Int, Int, Int)] = []
    /// (offset in `text`, original offset it stands for) of each inserted stretch.
    private var inserted: [(Int, Int)] = []

    mutating func copy(_ original: [UInt8], _ range: Range<Int>) {
        copied.append((text.utf8.count, range.lowerBound, range.count))
        text += String(decoding: original[range], as: UTF8.self)
    }

    mutating func insert(_ s: String, standingFor originalOffset: Int) {
        inserted.append((text.utf8.count, originalOffset))
        text += s
    }

    /// The original offset for an offset in the rewritten text.
    func originalOffset(_ offset: Int) -> Int {
        if let c = copied.last(where: { $0.0 <= offset && offset <= $0.0 + $0.2 }) { return c.1 + offset - c.0 }
        return inserted.last(where: { $0.0 <= offset })?.1 ?? 0
    }
}

enum SnapshotRewriter {
    /// Words after which a following identifier is not a table alias.
    private static let clauseWords: Set<String> = [
        "WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "CROSS", "NATURAL", "OUTER", "ON",
        "USING", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "HAVING", "OFFSET", "RETURNING",
    ]

    /// `resolve(name)` gives the dataset's canonical name and field list, or nil when `name` is
    /// not a dataset (then the SNAPSHOT clause is an error).
    static func rewrite(_ source: String, tokens: ArraySlice<SQLToken>, base: Int,
                        resolve: (String) throws -> (name: String, fields: [String])?) throws -> RewrittenSQL {
        let bytes = Array(source.utf8)
        var out = RewrittenSQL()
        var cursor = base
        let t = Array(tokens)
        var i = 0
        while i < t.count {
            guard i + 1 < t.count, t[i + 1].keyword == "SNAPSHOT", let name = t[i].identifier else { i += 1; continue }
            var lower = "1", upper: String?, consumed = 0
            let words = t[(i + 2)...].prefix(4)
            let kw = words.map(\.keyword)
            func bound(_ token: SQLToken) throws -> String {
                guard token.kind == .number || token.kind == .parameter else {
                    throw PipelineError(.sql, "SNAPSHOT bounds must be snapshot generation numbers or $parameters, not `\(token.text)`")
                }
                return token.text
            }
            if kw.count >= 4, kw[0] == "BETWEEN", kw[2] == "AND" {
                lower = try bound(words[words.startIndex + 1]); upper = try bound(words[words.startIndex + 3]); consumed = 4
            } else if kw.count >= 3, kw[0] == "AS", kw[1] == "OF" {
                upper = try bound(words[words.startIndex + 2]); consumed = 3
            } else if kw.count >= 2, kw[0] == "SINCE" {
                lower = try bound(words[words.startIndex + 1]); consumed = 2
            } else {
                throw PipelineError(.sql, "expected BETWEEN a AND b, AS OF b or SINCE a after SNAPSHOT")
            }
            guard let dataset = try resolve(name) else {
                throw PipelineError(.unknownDataset, "SNAPSHOT applies to datasets, and `\(name)` is not one")
            }
            out.copy(bytes, cursor..<t[i].range.lowerBound)
            let columns = dataset.fields.map { CatalogStore.quote($0) }.joined(separator: ", ")
            var condition = "\(CatalogStore.generationColumn) >= \(lower)"
            if let upper { condition += " AND \(CatalogStore.generationColumn) <= \(upper)" }
            var replacement = "(SELECT \(columns) FROM \(CatalogStore.rowsTable(dataset.name)) WHERE \(condition))"
            let next = i + 2 + consumed
            let aliased = next < t.count && (t[next].keyword == "AS" || (t[next].identifier != nil && !clauseWords.contains(t[next].keyword)))
            if !aliased { replacement += " AS \(CatalogStore.quote(name))" }
            out.insert(replacement, standingFor: t[i].range.lowerBound)
            cursor = t[next - 1].range.upperBound
            i = next
        }
        let end = t.last?.range.upperBound ?? base
        out.copy(bytes, cursor..<max(cursor, end))
        return out
    }
}
