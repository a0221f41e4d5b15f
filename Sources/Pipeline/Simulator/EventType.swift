/// The 13 experience-event types of the reference simulator (workflow.md §1) with their weekly
/// rates, propensity deltas and mean delays after the parent event.
public enum EventType: Int, CaseIterable, Sendable {
    case advertisingImpressions, advertisingClicks
    case pageViews, linkClicks
    case productViews, purchases
    case propositionDisplay, propositionInteract, propositionDismiss
    case emailSent, emailOpened, emailClicked
    case formFilledOut

    /// The XDM `eventType` value.
    public var name: String { Self.names[rawValue] }

    private static let names = [
        "advertising.impressions", "advertising.clicks",
        "web.webpagedetails.pageViews", "web.webinteraction.linkClicks",
        "commerce.productViews", "commerce.purchases",
        "decisioning.propositionDisplay", "decisioning.propositionInteract", "decisioning.propositionDismiss",
        "directMarketing.emailSent", "directMarketing.emailOpened", "directMarketing.emailClicked",
        "web.formFilledOut",
    ]

    public init?(name: String) {
        guard let i = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: i)
    }

    /// Expected occurrences per week (per parent event for child types).
    public var weeklyRate: Double {
        switch self {
        case .advertisingImpressions, .pageViews: return 0.1
        case .advertisingClicks, .purchases, .propositionInteract, .propositionDismiss: return 0.01
        case .linkClicks, .productViews, .propositionDisplay, .emailClicked: return 0.05
        case .emailSent: return 0.5
        case .emailOpened: return 0.2
        case .formFilledOut: return 0
        }
    }

    /// Added to the running subscription propensity when the event happens.
    public var propensityDelta: Double {
        switch self {
        case .advertisingImpressions: return 0.001
        case .advertisingClicks: return 0.002
        case .pageViews, .linkClicks, .productViews, .propositionDisplay, .emailSent: return 0.005
        case .purchases, .propositionInteract, .emailClicked: return 0.1
        case .propositionDismiss: return -0.2
        case .emailOpened: return 0.02
        case .formFilledOut: return 0
        }
    }

    /// Mean of the exponential delay (hours) after the parent event.
    public var meanDelayHours: Double {
        switch self {
        case .advertisingImpressions, .emailSent, .formFilledOut: return 0
        case .advertisingClicks, .emailClicked: return 0.5
        case .pageViews, .linkClicks, .propositionDisplay: return 0.1
        case .productViews: return 0.2
        case .purchases: return 1
        case .propositionInteract, .propositionDismiss: return 0.05
        case .emailOpened: return 24
        }
    }

    /// Only web, commerce and decisioning events give the user a chance to subscribe.
    public var drawsSubscription: Bool {
        switch self {
        case .advertisingImpressions, .advertisingClicks, .emailSent, .emailOpened, .emailClicked: return false
        default: return true
        }
    }

    /// Types drawn independently of any parent, uniformly over the window.
    static let baseTypes: [EventType] = [.advertisingImpressions, .pageViews, .emailSent]

    /// Parent → children, walked in this order (the reference's `event_dependencies`).
    static let dependencies: [(parent: EventType, children: [EventType])] = [
        (.advertisingImpressions, [.advertisingClicks]),
        (.emailSent, [.emailOpened]),
        (.emailOpened, [.emailClicked]),
        (.emailClicked, [.pageViews]),
        (.pageViews, [.linkClicks, .productViews, .propositionDisplay]),
        (.productViews, [.purchases]),
        (.propositionDisplay, [.propositionInteract, .propositionDismiss]),
    ]
}
