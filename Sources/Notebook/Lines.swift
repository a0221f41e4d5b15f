/// Multi-line strings as nbformat stores them.
public enum Lines {
    /// Python's `str.splitlines(True)`: splits after `\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`–`\x1e`,
    /// `\x85`, U+2028 and U+2029, keeping the terminators. nbformat's writer stores sources and text
    /// outputs this way, so our files diff cleanly against papermill's.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let s = scalars[index]
            current.append(s)
            index += 1
            switch s.value {
            case 0x0D:
                if index < scalars.count, scalars[index].value == 0x0A {
                    current.append(scalars[index])
                    index += 1
                }
                fallthrough
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default:
                break
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
