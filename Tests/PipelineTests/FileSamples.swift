import Pipeline

/// A table with every column type, nulls in each, and text that needs quoting and escaping.
enum FileSamples {
    static let table = try! Table([
        Column("userId", strings: ["u1", "u,2", "u\"3\"", "line\nbreak", "ünï 😀"], nulls: [false, false, false, false, false]),
        Column("events", ints: [3, -7, 0, Int.max, 12], nulls: [false, false, true, false, false]),
        Column("propensity", doubles: [0.25, 1e-7, 12345.678, 0, -2.5], nulls: [false, false, false, true, false]),
        Column("subscribed", bools: [true, false, true, false, true], nulls: [false, true, false, false, false]),
        Column("firstSeen", timestamps: [1_763_807_062_283_708, 0, -1_000_000, 1_700_000_000_000_000, 5],
               nulls: [false, false, false, false, true]),
        Column("note", strings: ["", "a", "b", "c", "d"], nulls: [true, false, false, false, false]),
    ])
}
