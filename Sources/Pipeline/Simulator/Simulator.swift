import Foundation

/// The synthetic data generator of step 1: experience events and profile records for a range
/// of users, generated in parallel and deterministically (every user has its own random
/// streams keyed by seed and user number).
public struct Simulator: Sendable {
    public let config: SimulationConfig
    /// The factor applied to the running propensity before each subscription draw: 1 in
    /// `reference` mode, calibrated to `targetConversion` in `corrected` mode.
    public let propensityScale: Double

    public init(_ config: SimulationConfig) throws {
        try config.validate()
        self.config = config
        propensityScale = config.mode == .reference ? 1 : Self.calibrate(config)
    }

    /// Pilot users on their own seed: with common random numbers a user subscribes at scale k
    /// exactly when k exceeds its `thresholdScale`, so the scale giving the target conversion
    /// is that quantile of the pilot thresholds — no search, and deterministic.
    public static let pilotUsers = 10_000

    static func calibrate(_ config: SimulationConfig) -> Double {
        var pilotConfig = config
        pilotConfig.seed = config.seed ^ 0xCA1B_0A7E_5EED_0001
        let user = UserSimulator(config: pilotConfig, scale: 1)
        var scratch = UserSimulator.Scratch()
        var thresholds = (0..<pilotUsers).map { user.thresholdScale(user: $0, scratch: &scratch) }
        thresholds.sort()
        let index = min(pilotUsers - 1, max(0, Int((config.targetConversion * Double(pilotUsers)).rounded()) - 1))
        let lo = thresholds[index], hi = thresholds[min(pilotUsers - 1, index + 1)]
        return hi.isFinite ? (lo + hi) / 2 : lo
    }

    /// The users of batch `index` (batches of `config.batchSize`).
    public var batchRanges: [Range<Int>] {
        stride(from: 0, to: config.users, by: config.batchSize).map { start in
            (config.firstUser + start)..<(config.firstUser + min(config.users, start + config.batchSize))
        }
    }

    /// Generates the users in `users`, splitting them across `config.threads` workers.
    public func generate(_ users: Range<Int>) -> SimulatedBatch { generate(users, threads: config.threads) }

    /// Generates the users in `users` on `threads` workers (the data does not depend on it).
    func generate(_ users: Range<Int>, threads: Int) -> SimulatedBatch {
        // One worker makes the batch in one chunk: its columns are the batch's as they are,
        // where chunks would be copied string by string into one set of columns.
        let parts = threads == 1 ? 1 : max(1, min(users.count, threads * 4))
        let bounds = (0...parts).map { users.lowerBound + users.count * $0 / parts }
        var results = [(EventColumns, ProfileGenerator.Columns, Int)?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { out in
            let work = { (i: Int) in out[i] = self.generateChunk(bounds[i]..<bounds[i + 1]) }
            if threads == 1 { (0..<parts).forEach(work) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
        }
        var events = EventColumns(), profiles = ProfileGenerator.Columns(), subscribers = 0
        if parts == 1, let (e, p, s) = results[0] {
            (events, profiles, subscribers) = (e, p, s)
        } else {
            for case let (e, p, s)? in results {
                events.append(e)
                profiles.append(p)
                subscribers += s
            }
        }
        return SimulatedBatch(users: users, events: events.table(), profiles: profiles.table(),
                              subscribers: subscribers, eventCounts: events.counts)
    }

    private func generateChunk(_ users: Range<Int>) -> (EventColumns, ProfileGenerator.Columns, Int) {
        let simulator = UserSimulator(config: config, scale: propensityScale)
        let profiles = ProfileGenerator(seed: config.seed)
        var scratch = UserSimulator.Scratch(), text = TextBuilder()
        var events = EventColumns(), people = ProfileGenerator.Columns(), subscribers = 0
        let expected = users.count * 11
        events.ids.reserveCapacity(expected); events.users.reserveCapacity(expected); events.types.reserveCapacity(expected)
        events.times.reserveCapacity(expected); events.propensity.reserveCapacity(expected)
        for user in users {
            let email = ECID.email(user: user, using: &text)
            let ecid = ECID.make(from: email, using: &text)
            let (subscribed, propensity) = simulator.simulate(user: user, scratch: &scratch)
            var ids = RandomStream(seed: config.seed, user: user, stream: UserSimulator.idStream)
            for event in scratch.output {
                events.ids.append(EventID.make(ids.next()))
                events.users.append(ecid)
                events.types.append(event.type.name)
                events.times.append(event.time)
                events.propensity.append(event.propensity)
                events.counts[event.type.rawValue] += 1
            }
            if subscribed { subscribers += 1 }
            profiles.append(user: user, ecid: ecid, email: email, propensity: propensity, subscribed: subscribed,
                            to: &people, text: &text)
        }
        return (events, people, subscribers)
    }
}
