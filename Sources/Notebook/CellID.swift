/// Cell ids as nbformat 4.5 defines them: 1–64 characters of `[a-zA-Z0-9-_]`, unique per notebook.
public enum CellID {
    /// 8 random hex digits, the form nbformat's `random_cell_id` makes.
    public static func fresh() -> String {
        let hex = Array("0123456789abcdef")
        return String((0..<8).map { _ in hex[Int.random(in: 0..<16)] })
    }

    /// A fresh id not in `taken`.
    public static func fresh(avoiding taken: Set<String>) -> String {
        while true {
            let id = fresh()
            if !taken.contains(id) { return id }
        }
    }

    public static func isValid(_ id: String) -> Bool {
        guard (1...64).contains(id.unicodeScalars.count) else { return false }
        return id.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_"
        }
    }
}
