/// Terminal escape sequences in kernel tracebacks: kept on a terminal, stripped everywhere else
/// (CI logs, reports, HTML), as papermill strips them and nbclient does not.
public enum ANSI {
    /// Removes CSI (`ESC [ … final`) and OSC (`ESC ] … BEL|ESC \`) sequences and lone ESCs.
    public static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "\u{1B}" else { out.append(scalars[i]); i += 1; continue }
            i += 1
            guard i < scalars.count else { break }
            switch scalars[i] {
            case "[":
                i += 1
                while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                i += 1
            case "]":
                while i < scalars.count, scalars[i] != "\u{07}", !(scalars[i] == "\u{1B}" && i + 1 < scalars.count && scalars[i + 1] == "\\") { i += 1 }
                i += scalars.indices.contains(i) && scalars[i] == "\u{1B}" ? 2 : 1
            default:
                i += 1
            }
        }
        return String(out)
    }
}
