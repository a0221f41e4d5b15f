import Foundation

/// A named audience (segment) definition: who qualifies, described in the expression language.
public struct Audience: Sendable, Equatable {
    public var name: String
    public var description: String
    public var expression: String
    /// How long a qualification stays valid (the reference used 60 days).
    public var ttlDays: Int

    /// Parses the expression now, so a mistake is reported at its column when the audience is
    /// defined rather than when it is evaluated.
    public init(name: String, description: String = "", expression: String, ttlDays: Int = 30) throws {
        try ModelRegistry.validate(name, what: "audience name")
        guard ttlDays > 0 else { throw PipelineError(.invalidArgument, "TTL must be at least 1 day, got \(ttlDays)") }
        _ = try AudienceParser.parse(expression)
        self.name = name
        self.description = description
        self.expression = expression
        self.ttlDays = ttlDays
    }

    /// Checks the expression against a profile table's attributes and types: it must name
    /// existing attributes and be a condition.
    public func validate(against profiles: Table) throws {
        _ = try checked(against: profiles)
    }

    /// Rows of `profiles` that qualify (the expression is true, not false or unknown).
    public func qualifyingRows(in profiles: Table) throws -> [Int] {
        let (evaluator, parsed) = try checked(against: profiles)
        var rows: [Int] = []
        for r in 0..<profiles.rowCount where try evaluator.value(parsed, row: r) == .bool(true) { rows.append(r) }
        return rows
    }

    /// The columns of `profiles` the rule reads, after checking it against them (the same
    /// errors as `validate`), so an evaluation can read just those.
    func attributesRead(from profiles: Table) throws -> [String] {
        try checked(against: profiles).0.resolvedColumns.map { profiles.columnNames[$0] }
    }

    private func checked(against profiles: Table) throws -> (AudienceEvaluator, AudienceExpression) {
        let parsed = try AudienceParser.parse(expression)
        let evaluator = AudienceEvaluator(source: expression, table: profiles)
        guard try evaluator.check(parsed) == .bool else {
            throw audienceError(expression, column: 1, "the expression is not a condition (true or false)")
        }
        return (evaluator, parsed)
    }

    /// Evaluates the audience: the qualifying profiles' identities, counts and time taken.
    public func evaluate(profiles: Table, identity: String) throws -> AudienceEvaluation {
        let start = DispatchTime.now().uptimeNanoseconds
        let identityColumn = try profiles.column(identity)
        let rows = try qualifyingRows(in: profiles)
        let now = Timestamp(Date())
        let members = try Table([
            Column(name: identity, storage: identityColumn.gathering(rows).storage),
            Column("audience", strings: Array(repeating: name, count: rows.count)),
            Column("qualified_at", timestamps: Array(repeating: now.microseconds, count: rows.count)),
            Column("expires_at", timestamps: Array(repeating: now.microseconds + Int64(ttlDays) * 86_400_000_000, count: rows.count)),
        ])
        return AudienceEvaluation(audience: self, members: members, qualified: rows.count, total: profiles.rowCount,
                                  seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

/// The result of evaluating an audience: the membership table (identity, audience,
/// qualified_at, expires_at), the qualified count out of all profiles, and the time taken.
public struct AudienceEvaluation: Sendable {
    public let audience: Audience
    public let members: Table
    public let qualified: Int
    public let total: Int
    public let seconds: Double
}

extension AudienceEvaluation {
    /// The same evaluation with profile attributes (a destination's mapping, e.g. email for a
    /// campaign list) joined onto the members by identity. A member no longer in `profiles` is
    /// an error: the membership is stale and must be evaluated again.
    public func adding(_ attributes: [String], from profiles: Table, identity: String) throws -> AudienceEvaluation {
        guard !attributes.isEmpty else { return self }
        let ids = try profiles.column(identity)
        var row: [Value: Int] = [:]
        row.reserveCapacity(ids.count)
        for r in 0..<ids.count { row[ids[r]] = r }
        let memberIDs = try members.column(identity)
        let rows = try (0..<memberIDs.count).map { m -> Int in
            guard let r = row[memberIDs[m]] else {
                throw PipelineError(.audience, "member `\(memberIDs[m])` of audience `\(audience.name)` is no longer in the profile store",
                                    hint: "evaluate the audience again")
            }
            return r
        }
        var table = members
        for name in attributes where name != identity { table = try table.setting(try profiles.column(name).gathering(rows)) }
        return AudienceEvaluation(audience: audience, members: table, qualified: qualified, total: total, seconds: seconds)
    }
}
