/// The session-wide names. Each name owns a fixed slot in `Storage` for the whole session, so code
/// compiled in one cell keeps working when later cells redefine or add names.
final class Globals {
    struct Entry {
        var slot: Int
        var isLet: Bool
        var isFunction: Bool
        /// Set once the declaration has run; a cell that fails before defining a name removes it.
        var doc: String?
        /// What the embedding (`Session.define`) bound here; `%reset` restores it instead of removing
        /// the name, so library modules outlive the user's variables.
        var hostValue: Value?
    }

    private(set) var entries: [String: Entry] = [:]
    let storage: GlobalStorage

    init(capacity: Int = 1 << 16) {
        storage = GlobalStorage(capacity: capacity)
    }

    func lookup(_ name: String) -> Entry? { entries[name] }

    /// Declares (or redeclares — notebooks re-run cells) a name and returns its slot.
    func declare(_ name: String, isLet: Bool, isFunction: Bool, doc: String? = nil) -> Int? {
        if var e = entries[name] {
            e.isLet = isLet
            e.isFunction = isFunction
            e.doc = doc
            entries[name] = e
            return e.slot
        }
        guard let slot = storage.allocate() else { return nil }
        entries[name] = Entry(slot: slot, isLet: isLet, isFunction: isFunction, doc: doc)
        return slot
    }

    func remove(_ name: String) { entries[name] = nil }

    /// Records `value` as the host's binding of an already declared name.
    func markHostDefined(_ name: String, _ value: Value) { entries[name]?.hostValue = value }

    /// Removes every name the user defined; names the host defined get the host's value back.
    func removeUserNames() {
        for (name, e) in entries {
            if let original = e.hostValue {
                storage.values[e.slot] = original
                entries[name] = Entry(slot: e.slot, isLet: false, isFunction: false, doc: nil, hostValue: original)
            } else {
                storage.values[e.slot] = .null
                entries[name] = nil
            }
        }
    }

    var names: [String] { entries.keys.sorted() }

    func value(_ name: String) -> Value? { entries[name].map { storage.values[$0.slot] } }
}

/// A fixed block of value slots; a pointer (not an array) so compiled code reads a global with one load
/// and no exclusivity or bounds bookkeeping. Slots are never moved.
final class GlobalStorage {
    let values: UnsafeMutablePointer<Value>
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        values = .allocate(capacity: capacity)
    }

    func allocate() -> Int? {
        guard count < capacity else { return nil }
        (values + count).initialize(to: .null)
        count += 1
        return count - 1
    }

    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }
}
