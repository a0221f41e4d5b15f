import Foundation

/// Picks free TCP ports on an address the way jupyter_client does: bind port 0, read the port, close.
/// All sockets stay open until every port is chosen, so the ports are distinct.
enum PortPicker {
    static func freePorts(_ count: Int, ip: String) throws -> [Int] {
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw KernelClientError.spawnFailed(command: "pick ports", reason: String(cString: strerror(errno))) }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            guard inet_pton(AF_INET, ip, &address.sin_addr) == 1 else {
                throw KernelClientError.spawnFailed(command: "pick ports", reason: "\(ip) is not an IPv4 address")
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw KernelClientError.spawnFailed(command: "pick ports", reason: String(cString: strerror(errno))) }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
