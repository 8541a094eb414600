import Foundation

/// Where `monitor serve` listens: a host (name, IPv4 or IPv6 address) and a port.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The default: loopback only, on the port the unit and the README name.
    public static let `default` = ListenAddress(host: "127.0.0.1", port: 8470)

    /// The host or address to bind.
    public var host: String
    /// The TCP port; 0 asks the system for a free one (tests).
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback); nil when the text has no port or the
    /// port is not between 0 and 65535.
    ///
    /// - Parameter text: The address as written.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.lastIndex(of: ":") else { return nil }
        var host = String(trimmed[..<colon])
        let portText = trimmed[trimmed.index(after: colon)...]
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
            let port = Int(portText), (0...65_535).contains(port)
        else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        guard !host.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "[" || $0 == "]" }) else { return nil }
        self.init(host: host, port: port)
    }

    /// True for an address only this machine can reach: `localhost`, 127.0.0.0/8 or `::1`.
    public var isLoopback: Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `HOST:PORT`, with an IPv6 address in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
