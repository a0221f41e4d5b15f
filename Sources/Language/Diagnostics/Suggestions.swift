/// "Did you mean …?" — the closest candidate by edit distance, if it is close enough to be a typo.
enum Suggestions {
    static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let limit = name.count <= 2 ? 1 : max(2, name.count / 3)
        var best: (String, Int)?
        let lowered = name.lowercased()
        for c in candidates where c != name {
            let d = c.lowercased() == lowered ? 0 : distance(Array(name.unicodeScalars), Array(c.unicodeScalars))
            if d <= limit, best.map({ d < $0.1 || (d == $0.1 && c < $0.0) }) ?? true { best = (c, d) }
        }
        return best?.0
    }

    static func hint(for name: String, in candidates: some Sequence<String>) -> [String] {
        closest(to: name, in: candidates).map { ["did you mean `\($0)`?"] } ?? []
    }

    /// Levenshtein distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
