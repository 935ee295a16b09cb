import Foundation
import Glibc

/// A TCP listening socket on 127.0.0.1 at a port the system picks.
final class Listener: Sendable {
    /// The socket's file descriptor.
    let fd: Int32
    /// The port the system assigned.
    let port: Int

    /// Binds 127.0.0.1:0 and listens.
    ///
    /// - Throws: `ServerError` naming the socket call that failed.
    init() throws(ServerError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            let error = ServerError("bind/listen", code: errno)
            close(fd)
            throw error
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits for the next connection; nil once the listener has been shut down.
    func accept() -> Int32? {
        while true {
            let client = Glibc.accept(fd, nil, nil)
            if client >= 0 { return client }
            if errno != EINTR { return nil }
        }
    }

    /// Wakes a blocked `accept()` and makes every later one fail.
    func shutdown() {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    deinit { close(fd) }
}
