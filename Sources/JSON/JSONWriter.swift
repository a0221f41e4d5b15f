/// Serialises `JSONValue`s.
///
/// `.compact` is for the wire. `.python(indent:)` reproduces Python's
/// `json.dumps(sort_keys=True, indent=n, ensure_ascii=False)`, which is what nbformat's writer uses,
/// so notebooks we write diff cleanly against papermill's.
public struct JSONWriter: Sendable {
    public enum Style: Sendable, Equatable {
        case compact
        case python(indent: Int)
    }

    public var style: Style
    public var sortKeys: Bool

    public init(style: Style = .compact, sortKeys: Bool = false) {
        self.style = style
        self.sortKeys = sortKeys
    }

    /// nbformat's writer: indent 1, sorted keys.
    public static let notebook = JSONWriter(style: .python(indent: 1), sortKeys: true)

    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, level: 0)
        return out
    }

    private func newline(_ out: inout [UInt8], level: Int) {
        guard case .python(let indent) = style else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    private func write(_ value: JSONValue, into out: inout [UInt8], level: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONWriter.format(d).utf8)
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .array(let a):
            if a.isEmpty { out.append(contentsOf: [0x5B, 0x5D]); return }
            out.append(0x5B)
            for (i, element) in a.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, level: level + 1)
                write(element, into: &out, level: level + 1)
            }
            newline(&out, level: level)
            out.append(0x5D)
        case .object(let o):
            if sortKeys {
                writeObject(o.keys.sorted(by: JSONWriter.codePointOrder).lazy.map { ($0, o[$0]!) }, isEmpty: o.isEmpty,
                            into: &out, level: level)
            } else {
                writeObject(o.lazy.map { ($0.key, $0.value) }, isEmpty: o.isEmpty, into: &out, level: level)
            }
        }
    }

    /// An object whose members are written in the order given, with no dictionary built first
    /// (wire headers are made this way). Keys must be distinct; `sortKeys` does not apply.
    public func bytes<Members: Collection>(members: Members) -> [UInt8] where Members.Element == (String, JSONValue) {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeObject(members, isEmpty: members.isEmpty, into: &out, level: 0)
        return out
    }

    private func writeObject<Members: Sequence>(_ members: Members, isEmpty: Bool, into out: inout [UInt8], level: Int)
    where Members.Element == (String, JSONValue) {
        if isEmpty { out.append(contentsOf: [0x7B, 0x7D]); return }
        out.append(0x7B)
        var first = true
        for (key, value) in members {
            if !first { out.append(0x2C) }
            first = false
            newline(&out, level: level + 1)
            JSONWriter.writeString(key, into: &out)
            out.append(0x3A)
            if case .python = style { out.append(0x20) }
            write(value, into: &out, level: level + 1)
        }
        newline(&out, level: level)
        out.append(0x7D)
    }

    /// Python sorts keys by code point; Swift's `<` on String agrees for scalars but compares
    /// canonically equivalent strings as equal, so compare scalars explicitly.
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// Shortest round-trip form, as Python's `repr(float)`; non-finite numbers become `null`.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e16 {
            return String(format: d)
        }
        return d.description
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Most strings (keys, ids, dates, code without quotes) need no escaping: copy them whole.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        }
        if plain == true {
            out.append(contentsOf: s.utf8)
            out.append(0x22)
            return
        }
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

private extension String {
    /// `1.0` for integral doubles, as Python prints them.
    init(format d: Double) {
        self = String(Int64(d)) + ".0"
        if d == 0, d.sign == .minus { self = "-0.0" }
    }
}
