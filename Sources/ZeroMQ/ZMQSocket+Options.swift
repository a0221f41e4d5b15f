import CZeroMQ

/// Socket options Propel sets. Each setter throws a `ZMQError` naming the option.
extension ZMQSocket {
    /// How long (ms) `close()` keeps unsent messages; `-1` waits forever (libzmq's default), `0` drops.
    /// Set it before closing, or a context with pending messages cannot terminate.
    public func setLinger(_ milliseconds: Int32) throws {
        try setInt32(ZMQ_LINGER, milliseconds, "linger")
    }

    /// The routing identity a ROUTER peer sees for this socket (set before connecting).
    public func setIdentity(_ identity: [UInt8]) throws {
        try setBytes(ZMQ_ROUTING_ID, identity, "identity")
    }

    /// The identity this socket presents to ROUTER peers, as set or generated.
    public func identity() throws -> [UInt8] {
        try bytesOption(ZMQ_ROUTING_ID, "identity")
    }

    /// A SUB socket receives messages whose first frame starts with `prefix` (empty: everything).
    public func subscribe(_ prefix: [UInt8] = []) throws {
        try setBytes(ZMQ_SUBSCRIBE, prefix, "subscribe")
    }

    public func unsubscribe(_ prefix: [UInt8] = []) throws {
        try setBytes(ZMQ_UNSUBSCRIBE, prefix, "unsubscribe")
    }

    /// Receive timeout in ms for blocking receives; `-1` blocks forever. A timeout returns `nil`.
    public func setReceiveTimeout(_ milliseconds: Int32) throws {
        try setInt32(ZMQ_RCVTIMEO, milliseconds, "receive timeout")
    }

    /// Send timeout in ms for blocking sends; `-1` blocks forever.
    public func setSendTimeout(_ milliseconds: Int32) throws {
        try setInt32(ZMQ_SNDTIMEO, milliseconds, "send timeout")
    }

    /// Peers sending a frame larger than this many bytes are disconnected; `-1` means no limit.
    public func setMaximumMessageSize(_ bytes: Int64) throws {
        var value = bytes
        let operation = "set option maximum message size"
        guard zmq_setsockopt(try live(operation), ZMQ_MAXMSGSIZE, &value, MemoryLayout<Int64>.size) == 0 else {
            throw ZMQError.last(operation)
        }
    }

    /// XPUB: deliver every subscription message, repeated ones included, so each subscriber is welcomed.
    public func setXPubVerbose(_ on: Bool) throws {
        try setInt32(ZMQ_XPUB_VERBOSE, on ? 1 : 0, "xpub verbose")
    }

    /// ROUTER: fail with `EHOSTUNREACH` instead of silently dropping a message to an unknown identity.
    public func setRouterMandatory(_ on: Bool) throws {
        try setInt32(ZMQ_ROUTER_MANDATORY, on ? 1 : 0, "router mandatory")
    }

    /// How long (ms) a connecting socket waits before retrying a peer that is not listening yet
    /// (libzmq's default is 100 ms, which a client connecting to a kernel still starting pays in full).
    public func setReconnectInterval(_ milliseconds: Int32) throws {
        try setInt32(ZMQ_RECONNECT_IVL, milliseconds, "reconnect interval")
    }

    /// Outgoing/incoming queue limits in messages (0: unlimited).
    public func setHighWaterMarks(send: Int32, receive: Int32) throws {
        try setInt32(ZMQ_SNDHWM, send, "send high-water mark")
        try setInt32(ZMQ_RCVHWM, receive, "receive high-water mark")
    }

    /// The endpoint the socket last bound or connected to, with the port a `*` bind picked.
    public func lastEndpoint() throws -> String {
        let bytes = try bytesOption(ZMQ_LAST_ENDPOINT, "last endpoint")
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// A file descriptor that becomes readable when the socket *may* have changed state (ZMQ_FD),
    /// for waiting with plain `poll` without touching the socket. Edge-triggered: after any
    /// operation on the socket, check `hasInput` (or receive until empty) before waiting on it again.
    public func eventDescriptor() throws -> Int32 {
        try int32Option(ZMQ_FD, "event descriptor")
    }

    /// Whether a message is waiting to be received (ZMQ_EVENTS has POLLIN). Processes the socket's
    /// pending commands, as libzmq asks after each operation when waiting on `eventDescriptor`.
    public func hasInput() throws -> Bool {
        try int32Option(ZMQ_EVENTS, "events") & Int32(ZMQ_POLLIN) != 0
    }

    private func int32Option(_ option: Int32, _ name: String) throws -> Int32 {
        let operation = "get option \(name)"
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(try live(operation), option, &value, &size) == 0 else { throw ZMQError.last(operation) }
        return value
    }

    private func setInt32(_ option: Int32, _ value: Int32, _ name: String) throws {
        var value = value
        let operation = "set option \(name)"
        guard zmq_setsockopt(try live(operation), option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError.last(operation)
        }
    }

    private func setBytes(_ option: Int32, _ value: [UInt8], _ name: String) throws {
        let operation = "set option \(name)"
        let handle = try live(operation)
        let rc = value.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError.last(operation) }
    }

    private func bytesOption(_ option: Int32, _ name: String) throws -> [UInt8] {
        let operation = "get option \(name)"
        let handle = try live(operation)
        var buffer = [UInt8](repeating: 0, count: 1024)
        var size = buffer.count
        let rc = buffer.withUnsafeMutableBytes { zmq_getsockopt(handle, option, $0.baseAddress, &size) }
        guard rc == 0 else { throw ZMQError.last(operation) }
        return Array(buffer.prefix(size))
    }
}
