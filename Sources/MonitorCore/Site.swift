import Foundation

/// One watched homepage.
public struct Site: Sendable, Hashable, Codable {
    /// A slug that names a site, such as `jdoe-mit`.
    public struct ID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
        ExpressibleByStringLiteral
    {
        public var rawValue: String

        /// Creates an identifier from its slug.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Creates an identifier from a string literal.
        public init(stringLiteral value: String) { self.rawValue = value }

        /// The slug.
        public var description: String { rawValue }

        /// True for a usable slug: letters, digits, `.`, `_`, `-`, 1 to 64 characters, no leading `.`.
        ///
        /// A slug names files and appears in URLs and logs; site ids and webhook names follow it.
        public static func isSlug(_ text: String) -> Bool {
            (1...64).contains(text.utf8.count) && !text.hasPrefix(".")
                && text.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                }
        }
    }

    /// True for an absolute http or https URL with a host: what a watched page or a webhook endpoint needs.
    public static func isHTTPURL(_ text: String) -> Bool {
        urlProblem(text) == nil
    }

    /// What is wrong with a page's or endpoint's URL, or nil when it is a usable http(s) URL.
    ///
    /// Checked in full before any request is made, so that no input reaches the HTTP client's own
    /// preconditions: the scheme, a host, and a port between 1 and 65535 when one is given
    /// ("http://127.0.0.1:99999/" once crashed the process on every start).
    ///
    /// - Parameter text: The URL as written.
    /// - Returns: A short phrase ("the port 99999 is not between 1 and 65535"), or nil.
    public static func urlProblem(_ text: String) -> String? {
        guard !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true })
        else { return "it contains spaces or control characters" }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return "it is not a URL" }
        guard scheme == "http" || scheme == "https" else { return "it is not http(s) but \(scheme)" }
        guard let host = url.host, !host.isEmpty else { return "it names no host" }
        // The authority after "//", without the user info: "host", "host:port" or "[v6]:port".
        guard let start = text.range(of: "://") else { return "it names no host" }
        var authority = Substring(text[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return "its IPv6 host has no closing ]" }
            let rest = authority[authority.index(after: close)...]
            portText = rest.hasPrefix(":") ? rest.dropFirst() : nil
        } else if let colon = authority.lastIndex(of: ":") {
            portText = authority[authority.index(after: colon)...]
        } else {
            portText = nil
        }
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber), let port = Int(portText), port >= 1,
                port <= 65_535
            else { return "the port \(portText) is not between 1 and 65535" }
        }
        return nil
    }

    /// The site's slug.
    public var id: ID
    /// The page's URL; relative links on the page resolve against it.
    public var url: String
    /// XPath overrides for kinds that detection gets wrong on this page (from the configuration).
    public var selectors: SiteSelectors

    /// Creates a site.
    public init(id: ID, url: String, selectors: SiteSelectors = SiteSelectors()) {
        self.id = id
        self.url = url
        self.selectors = selectors
    }
}
