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
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && url.host != nil
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
