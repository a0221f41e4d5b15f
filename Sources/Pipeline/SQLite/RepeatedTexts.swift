import Foundation

/// The distinct texts of one result column while there are few of them, so that a value read
/// again — an event type, a model name, a state, a loyalty tier — is the `String` made the
/// first time (one retain) instead of a new one (UTF-8 validation, and an allocation for more
/// than 15 bytes). A column that shows more than `limit` distinct values (ids, e-mails) stops
/// looking them up and makes each `String` as before.
///
/// Texts are told apart by their bytes, so every value is exactly the `String` decoding those
/// bytes would give.
struct RepeatedTexts {
    static let limit = 1024

    private var strings: [String] = []
    /// Every known text's bytes, back to back; text k ends at `ends[k]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Open addressing: index + 1 into `strings`, 0 for an empty slot. Made with the first
    /// text, so the many small reads that have none pay nothing.
    private var slots: [Int32] = []
    private var gaveUp = false

    /// `String(decoding: text, as: UTF8.self)`, the one made before when the bytes were seen.
    mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        if gaveUp { return String(decoding: text, as: UTF8.self) }
        if slots.isEmpty { slots = [Int32](repeating: 0, count: 2 * Self.limit) }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: ByteHash.of(text)) & mask
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            let start = k == 0 ? 0 : ends[k - 1]
            if ends[k] - start == text.count, bytes.withUnsafeBufferPointer({ known in
                text.isEmpty || memcmp(known.baseAddress! + start, text.baseAddress!, text.count) == 0
            }) {
                return strings[k]
            }
            slot = (slot + 1) & mask
        }
        let made = String(decoding: text, as: UTF8.self)
        guard strings.count < Self.limit else {
            gaveUp = true
            strings = []; bytes = []; ends = []; slots = []
            return made
        }
        strings.append(made)
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
        slots[slot] = Int32(strings.count)
        return made
    }
}
