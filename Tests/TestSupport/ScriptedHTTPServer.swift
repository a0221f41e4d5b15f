import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-connection-at-a-time HTTP server on 127.0.0.1 that answers with scripted status codes
/// and keeps every request body, so the webhook destination is tested over real sockets.
public final class ScriptedHTTPServer: @unchecked Sendable {
    public private(set) var port: UInt16 = 0
    private let socket: Int32
    private let lock = NSLock()
    private var statuses: [Int]
    private var bodies: [Data] = []

    /// Answers the i-th request with `statuses[i]`, then 200.
    public init(statuses: [Int]) throws {
        self.statuses = statuses
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0, listen(socket, 8) == 0 else { throw ServerError.cannotListen }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        self.port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in serve() }
    }

    /// The bodies of the requests answered with 200.
    public var received: [Data] { lock.lock(); defer { lock.unlock() }; return bodies }

    public func stop() { shutdown(socket, Int32(SHUT_RDWR)); close(socket) }

    enum ServerError: Error { case cannotListen }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { return }
            var request = [UInt8](), buffer = [UInt8](repeating: 0, count: 65_536)
            var expected: Int?
            while true {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                request += buffer[0..<n]
                if let end = request.firstRange(of: Array("\r\n\r\n".utf8)) {
                    if expected == nil {
                        let head = String(decoding: request[..<end.lowerBound], as: UTF8.self).lowercased()
                        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                        expected = end.upperBound + length
                    }
                    if request.count >= expected! { break }
                }
            }
            lock.lock()
            let status = statuses.isEmpty ? 200 : statuses.removeFirst()
            if status == 200, let end = request.firstRange(of: Array("\r\n\r\n".utf8)) { bodies.append(Data(request[end.upperBound...])) }
            lock.unlock()
            let reply = "HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = reply.withCString { write(client, $0, strlen($0)) }
            close(client)
        }
    }
}
