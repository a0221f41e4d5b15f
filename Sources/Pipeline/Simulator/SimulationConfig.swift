import Foundation

/// How faithfully to reproduce the reference generator.
public enum SimulationMode: String, Sendable, CaseIterable {
    /// The reference's behaviour, bugs included: each parent's children overwrite the previous
    /// parent's (only the last parent's children survive) and there is no churn. Reproduces the
    /// event counts and ~15 % conversion of workflow.md §5.
    case reference
    /// Children are appended for every parent and the documented churn rule applies (a user's
    /// events end after more than 10 impressions or more than 5 emails). Appending alone
    /// drives conversion to ~84 %, so the Bernoulli probability is scaled by a factor
    /// calibrated to `targetConversion` (see `Simulator.calibrate`).
    case corrected
}

/// Everything that determines a simulation: the same config gives the same rows, whatever the
/// number of threads.
public struct SimulationConfig: Sendable {
    public var users: Int
    /// The first user number (`synthetic-user-{n}@adobe.com`).
    public var firstUser: Int
    public var seed: UInt64
    /// The run's "now": the 10-week window starts 12 weeks before it. Fixed by default so runs
    /// are reproducible (the reference used the wall clock).
    public var now: Timestamp
    public var mode: SimulationMode
    /// `corrected` mode only: the share of users who subscribe, default 15 % like the reference.
    public var targetConversion: Double
    /// Users per ingested batch (the reference: 10 batches of 10,000).
    public var batchSize: Int
    /// Worker threads for generation (1 … cores); the output does not depend on it.
    public var threads: Int

    /// 2026-11-01T00:00:00Z.
    public static let defaultNow = Timestamp(microseconds: 1_793_491_200_000_000)
    public static let weeks = 10
    public static let lookbackWeeks = 12

    public init(users: Int = 100_000, firstUser: Int = 0, seed: UInt64 = 42, now: Timestamp = defaultNow,
                mode: SimulationMode = .reference, targetConversion: Double = 0.15, batchSize: Int = 10_000,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.users = users
        self.firstUser = firstUser
        self.seed = seed
        self.now = now
        self.mode = mode
        self.targetConversion = targetConversion
        self.batchSize = batchSize
        self.threads = threads
    }

    func validate() throws {
        guard users >= 0 else { throw PipelineError(.invalidArgument, "users must be ≥ 0, got \(users)") }
        guard firstUser >= 0 else { throw PipelineError(.invalidArgument, "firstUser must be ≥ 0, got \(firstUser)") }
        guard batchSize > 0 else { throw PipelineError(.invalidArgument, "batchSize must be > 0, got \(batchSize)") }
        guard threads > 0 else { throw PipelineError(.invalidArgument, "threads must be > 0, got \(threads)") }
        guard targetConversion > 0, targetConversion < 1 else {
            throw PipelineError(.invalidArgument, "targetConversion must be between 0 and 1 (exclusive), got \(targetConversion)")
        }
    }

    var windowStart: Int64 { now.microseconds - Int64(Self.lookbackWeeks) * 7 * 86_400 * 1_000_000 }
    var windowSeconds: Int { Self.weeks * 7 * 86_400 }
}
