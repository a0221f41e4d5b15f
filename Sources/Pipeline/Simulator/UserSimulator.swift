/// Generates one user's experience events with the reference's generative model (workflow.md
/// §1), from that user's own random streams.
struct UserSimulator {
    let mode: SimulationMode
    let seed: UInt64
    let windowStart: Int64
    let windowSeconds: Int
    /// Multiplies the running propensity before each Bernoulli draw (1 in reference mode).
    let scale: Double

    static let eventStream: UInt64 = 1
    static let idStream: UInt64 = 3

    init(config: SimulationConfig, scale: Double) {
        mode = config.mode
        seed = config.seed
        windowStart = config.windowStart
        windowSeconds = config.windowSeconds
        self.scale = scale
    }

    /// Scratch space reused across users, so the hot loop does not allocate.
    struct Scratch {
        var lists = [[Int64]](repeating: [], count: EventType.allCases.count)
        var timeline: [(time: Int64, type: EventType)] = []
        var output: [(time: Int64, type: EventType, propensity: Double)] = []
    }

    /// The user's events before the subscription draw, in time order, churn applied.
    func timeline(user: Int, rng: inout RandomStream, scratch: inout Scratch) {
        for i in scratch.lists.indices { scratch.lists[i].removeAll(keepingCapacity: true) }
        let weeks = Double(SimulationConfig.weeks)
        for base in EventType.baseTypes {
            for _ in 0..<rng.poisson(base.weeklyRate * weeks) {
                scratch.lists[base.rawValue].append(windowStart + Int64(rng.below(windowSeconds)) * 1_000_000)
            }
        }
        for (parent, children) in EventType.dependencies {
            // Iterate a copy: in the reference, emailClicked's children replace pageViews while
            // pageViews' own list is read later, never during this loop.
            let parents = scratch.lists[parent.rawValue]
            for parentTime in parents {
                for child in children {
                    if mode == .reference { scratch.lists[child.rawValue].removeAll(keepingCapacity: true) }
                    for _ in 0..<rng.poisson(child.weeklyRate * weeks) {
                        let delay = rng.exponential(mean: child.meanDelayHours) * 3_600_000_000
                        scratch.lists[child.rawValue].append(parentTime + Int64(delay))
                    }
                }
            }
        }
        scratch.timeline.removeAll(keepingCapacity: true)
        for type in EventType.allCases {
            for t in scratch.lists[type.rawValue] { scratch.timeline.append((t, type)) }
        }
        scratch.timeline.sort { $0.time < $1.time || ($0.time == $1.time && $0.type.rawValue < $1.type.rawValue) }
        if mode == .corrected { applyChurn(&scratch.timeline) }
    }

    /// The documented rule the reference never implemented: after more than 10 impressions or
    /// more than 5 emails the user stops interacting.
    private func applyChurn(_ timeline: inout [(time: Int64, type: EventType)]) {
        var impressions = 0, emails = 0
        for (i, event) in timeline.enumerated() {
            if event.type == .advertisingImpressions { impressions += 1 }
            if event.type == .emailSent { emails += 1 }
            if impressions > 10 || emails > 5 {
                timeline.removeSubrange(i...)
                return
            }
        }
    }

    /// Runs the subscription draw over the timeline; fills `scratch.output` (time-ordered, with
    /// the `web.formFilledOut` event 60 s after the event that triggered it) and returns
    /// whether the user subscribed and the final propensity.
    func simulate(user: Int, scratch: inout Scratch) -> (subscribed: Bool, propensity: Double) {
        var rng = RandomStream(seed: seed, user: user, stream: Self.eventStream)
        timeline(user: user, rng: &rng, scratch: &scratch)
        scratch.output.removeAll(keepingCapacity: true)
        var running = 0.001, subscribed = false, subscribedAt = 0
        for event in scratch.timeline {
            running = min(1, max(0, running + event.type.propensityDelta))
            let probability = min(1, scale * running)
            scratch.output.append((event.time, event.type, probability))
            if !subscribed, event.type.drawsSubscription, rng.uniform() < probability {
                subscribed = true
                subscribedAt = scratch.output.count
                scratch.output.append((event.time + 60_000_000, .formFilledOut, probability))
            }
        }
        if subscribed, subscribedAt + 1 < scratch.output.count, scratch.output[subscribedAt + 1].time < scratch.output[subscribedAt].time {
            scratch.output.sort { $0.time < $1.time }   // later events within the 60 s: keep time order
        }
        return (subscribed, min(1, scale * running))
    }

    /// For calibration: the smallest scale at which this user would subscribe, min over the
    /// eligible events of u / propensity (with common random numbers, conversion at scale k is
    /// the share of users whose value is below k).
    func thresholdScale(user: Int, scratch: inout Scratch) -> Double {
        var rng = RandomStream(seed: seed, user: user, stream: Self.eventStream)
        timeline(user: user, rng: &rng, scratch: &scratch)
        var running = 0.001, best = Double.infinity
        for event in scratch.timeline {
            running = min(1, max(0, running + event.type.propensityDelta))
            if event.type.drawsSubscription {
                let u = rng.uniform()
                if running > 0 { best = min(best, u / running) }
            }
        }
        return best
    }
}
