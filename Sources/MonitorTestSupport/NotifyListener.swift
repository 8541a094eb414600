import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`: records every message with the
/// time it arrived.
public final class NotifyListener: @unchecked Sendable {
    // @unchecked: `messages` is only touched under `lock`; the descriptor is closed once in deinit.
    private let descriptor: Int32
    private let lock = NSLock()
    private var received: [(at: Date, text: String)] = []
    /// The socket's path, for `NOTIFY_SOCKET`.
    public let path: String

    /// Binds a socket in the temporary directory and starts reading.
    public init() throws {
        path = "/tmp/monitor-notify-\(UUID().uuidString.prefix(8)).sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw FixtureServerError(message: "cannot create a datagram socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw FixtureServerError(message: "cannot bind \(path)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [weak self] in self?.readLoop() }
        thread.start()
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { continue }
            if count < 0 { return }
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            lock.lock()
            received.append((Date(), text))
            lock.unlock()
        }
    }

    /// Every message so far, oldest first.
    public var messages: [(at: Date, text: String)] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits up to `timeout` seconds for a message containing `text`.
    ///
    /// - Returns: True when one arrived.
    public func waitFor(_ text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if messages.contains(where: { $0.text.contains(text) }) { return true }
            usleep(50_000)
        }
        return false
    }
}
