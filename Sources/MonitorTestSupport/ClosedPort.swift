import Foundation

/// A TCP port on 127.0.0.1 that refuses connections: bound, never listening, held until released.
///
/// Holding the socket keeps any other process from taking the port while a test connects to it.
public final class ClosedPort: @unchecked Sendable {
    // @unchecked: the descriptor is set once in init and closed only in deinit.
    private let descriptor: Int32
    /// The port number.
    public let port: Int

    /// Binds a socket to a free port on 127.0.0.1 without listening on it.
    ///
    /// - Throws: ``FixtureServerError`` when no socket can be bound.
    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw FixtureServerError(message: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw FixtureServerError(message: "bind() failed: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}
