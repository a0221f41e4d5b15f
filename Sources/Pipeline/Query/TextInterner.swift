import Foundation

/// Distinct texts numbered in the order they are first seen, looked up by their UTF-8 bytes in an
/// open-addressing table. Bytes, not `String` equality, decide sameness, as SQLite's default
/// BINARY collation does: canonically equivalent spellings that SQL counts apart stay apart.
/// Interning a million event rows' people this way costs a fraction of a `Dictionary` of strings.
struct TextInterner {
    /// Text k, as a `String`.
    private(set) var names: [String] = []
    /// Text k's bytes are `bytes[starts[k]..<starts[k + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing with linear probing: a text's number (-1 for empty) and its hash.
    private var slots = [Int32](repeating: -1, count: 64)
    private var hashes = [UInt64](repeating: 0, count: 64)

    var count: Int { names.count }

    /// The number of `text`, adding it when new.
    mutating func index(of text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = ByteHash.of(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if hashes[slot] == hash, matches(Int(slots[slot]), text) { return slots[slot] }
            slot = (slot + 1) & mask
        }
        let k = Int32(names.count)
        names.append(String(decoding: text, as: UTF8.self))
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        slots[slot] = k
        hashes[slot] = hash
        if 2 * names.count > slots.count { grow() }
        return k
    }

    mutating func index(of text: String) -> Int32 {
        var text = text
        return text.withUTF8 { index(of: $0) }
    }

    private func matches(_ k: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[k], length = starts[k + 1] - start
        guard length == text.count else { return false }
        return length == 0 || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, text.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2, mask = size - 1
        var newSlots = [Int32](repeating: -1, count: size), newHashes = [UInt64](repeating: 0, count: size)
        for (slot, k) in slots.enumerated() where k >= 0 {
            var s = Int(truncatingIfNeeded: hashes[slot]) & mask
            while newSlots[s] >= 0 { s = (s + 1) & mask }
            newSlots[s] = k
            newHashes[s] = hashes[slot]
        }
        slots = newSlots
        hashes = newHashes
    }
}
