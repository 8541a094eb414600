/// A talk as a homepage lists it, typically "TITLE at VENUES, YEAR".
public struct Talk: Sendable, Hashable, Codable {
    /// The title as displayed.
    public var title: String
    /// Where it was given, as displayed (often several venues in one string).
    public var venues: String?
    /// The year as displayed.
    public var year: String?
    /// The title link (slides, video), if any.
    public var url: String?

    /// Creates a talk from its displayed fields.
    public init(title: String, venues: String? = nil, year: String? = nil, url: String? = nil) {
        self.title = title
        self.venues = venues
        self.year = year
        self.url = url
    }

    private enum CodingKeys: String, CodingKey {
        case title, venues, year, url
    }

    /// Encodes every key, writing `null` for a field the page does not show.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(venues, forKey: .venues)
        try container.encode(year, forKey: .year)
        try container.encode(url, forKey: .url)
    }
}
