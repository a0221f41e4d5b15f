import CZeroMQ

/// Multipart messages: a ZeroMQ message is a list of frames delivered all or nothing.
extension ZMQSocket {
    /// Sends `frames` as one multipart message. With `dontWait`, a full queue throws `EAGAIN`.
    /// Each frame is copied once, into libzmq's own message buffer.
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws {
        let handle = try live("send")
        let base: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? base | ZMQ_SNDMORE : base
            while true {
                let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                if zmq_errno() == EINTR { continue }
                throw ZMQError.last("send")
            }
        }
    }

    /// Receives one multipart message, each frame copied once out of libzmq's buffer.
    ///
    /// Returns `nil` when nothing is waiting and `dontWait` is set, or when the receive timeout
    /// passed. A signal arriving mid-wait is retried, not reported.
    public func receive(dontWait: Bool = false) throws -> [[UInt8]]? {
        let handle = try live("receive")
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            // Later frames of a message are already here: only the first may wait or time out.
            let flags: Int32 = dontWait && frames.isEmpty ? ZMQ_DONTWAIT : 0
            if zmq_msg_recv(&message, handle, flags) < 0 {
                let code = zmq_errno()
                if code == EINTR { continue }
                if code == EAGAIN && frames.isEmpty { return nil }
                throw ZMQError(code: code, operation: "receive")
            }
            let size = zmq_msg_size(&message)
            let frame = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                if size > 0 { buffer.baseAddress!.initialize(from: zmq_msg_data(&message).assumingMemoryBound(to: UInt8.self), count: size) }
                count = size
            }
            frames.append(frame)
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }
}
