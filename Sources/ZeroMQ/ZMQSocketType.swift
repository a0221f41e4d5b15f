import CZeroMQ

/// The ZeroMQ socket patterns Propel uses: Jupyter's five channels plus pipes between threads.
public enum ZMQSocketType: Sendable, CaseIterable {
    case router, dealer, pub, xpub, sub, rep, req, pair, push, pull

    var rawValue: Int32 {
        switch self {
        case .router: return ZMQ_ROUTER
        case .dealer: return ZMQ_DEALER
        case .pub: return ZMQ_PUB
        case .xpub: return ZMQ_XPUB
        case .sub: return ZMQ_SUB
        case .rep: return ZMQ_REP
        case .req: return ZMQ_REQ
        case .pair: return ZMQ_PAIR
        case .push: return ZMQ_PUSH
        case .pull: return ZMQ_PULL
        }
    }
}
