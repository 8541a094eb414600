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
    }

    /// The site's slug.
    public var id: ID
    /// The page's URL; relative links on the page resolve against it.
    public var url: String

    /// Creates a site.
    public init(id: ID, url: String) {
        self.id = id
        self.url = url
    }
}
