/// Propel's dictionary: Swift semantics (a value type) but insertion-ordered, so printing and
/// iterating a dictionary is deterministic in notebooks. Storage is shared until written (CoW).
public struct OrderedDictionary {
    final class Storage {
        var keys: [Value] = []
        var values: [Value] = []
        var index: [Value: Int] = [:]

        func copy() -> Storage {
            let s = Storage()
            s.keys = keys
            s.values = values
            s.index = index
            return s
        }
    }

    private var storage = Storage()

    public init() {}

    public init(_ pairs: [(Value, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }
    public var keys: [Value] { storage.keys }
    public var values: [Value] { storage.values }
    public var pairs: [(key: Value, value: Value)] { Array(zip(storage.keys, storage.values)).map { (key: $0.0, value: $0.1) } }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Reading a missing key gives nil; assigning nil removes the key (as in Swift).
    public subscript(key: Value) -> Value? {
        get { storage.index[key].map { storage.values[$0] } }
        set {
            unique()
            if let newValue {
                if let i = storage.index[key] {
                    storage.values[i] = newValue
                } else {
                    storage.index[key] = storage.keys.count
                    storage.keys.append(key)
                    storage.values.append(newValue)
                }
            } else if let i = storage.index[key] {
                storage.keys.remove(at: i)
                storage.values.remove(at: i)
                storage.index[key] = nil
                for j in i..<storage.keys.count { storage.index[storage.keys[j]] = j }
            }
        }
    }

    public mutating func removeAll() {
        storage = Storage()
    }
}

extension OrderedDictionary: Equatable {
    public static func == (a: OrderedDictionary, b: OrderedDictionary) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in zip(a.keys, a.values) where b[k] != v { return false }
        return true
    }
}

/// Structural equality used for dictionary keys (`1` and `1.0` are different keys); the language's
/// `==` operator is more lenient with numbers (see `Operators`).
extension Value: Hashable {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)), (.tuple(let x), .tuple(let y)): return x == y
        case (.dictionary(let x), .dictionary(let y)): return x == y
        case (.range(let x), .range(let y)): return x.lower == y.lower && x.upperBound == y.upperBound
        case (.closure(let x), .closure(let y)): return x === y
        case (.native(let x), .native(let y)): return x === y
        case (.module(let x), .module(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        case (.rich(let x), .rich(let y)): return x.mimeType == y.mimeType && x.text == y.text
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let v): h.combine(v)
        case .int(let v): h.combine(v)
        case .double(let v): h.combine(v)
        case .string(let v): h.combine(v)
        case .array(let v), .tuple(let v): h.combine(v)
        case .dictionary(let d): h.combine(d.count)
        case .range(let r): h.combine(r.lower); h.combine(r.upperBound)
        case .closure(let c): h.combine(ObjectIdentifier(c))
        case .native(let f): h.combine(ObjectIdentifier(f))
        case .module(let m): h.combine(ObjectIdentifier(m))
        case .object(let o): h.combine(ObjectIdentifier(o))
        case .rich(let r): h.combine(r.text)
        }
    }
}
