/// A paper as a homepage lists it.
///
/// Every field is kept as displayed (entities decoded, whitespace collapsed): `year` is
/// "2024 (to appear)" when the page says so, and an author list that ends in
/// "and 386 others including X" keeps that phrase as one item.
public struct Publication: Sendable, Hashable, Codable {
    /// The title as displayed.
    public var title: String
    /// The author names in page order.
    public var authors: [String]
    /// The author list exactly as displayed ("A, B, and C"), which `authors` splits into names.
    public var byline: String?
    /// The venue (journal, conference, "arXiv preprint"), without a leading "in ".
    public var venue: String?
    /// The year as displayed, with any qualifier such as "(to appear)".
    public var year: String?
    /// The title link, or the paper link when the title is not a link.
    public var url: String?
    /// A notice shown with the paper, such as an award.
    public var note: String?
    /// The publication list the entry is in when the page has several ("Technical Reports"); `nil`
    /// for the page's one plain "Publications" list.
    public var section: String?
    /// The other links of the entry ("PDF", "Code", …).
    public var links: [Link]

    /// Creates a publication from its displayed fields.
    public init(
        title: String,
        authors: [String] = [],
        byline: String? = nil,
        venue: String? = nil,
        year: String? = nil,
        url: String? = nil,
        note: String? = nil,
        section: String? = nil,
        links: [Link] = []
    ) {
        self.title = title
        self.authors = authors
        self.byline = byline
        self.venue = venue
        self.year = year
        self.url = url
        self.note = note
        self.section = section
        self.links = links
    }

    private enum CodingKeys: String, CodingKey {
        case title, authors, byline, venue, year, url, note, section, links
    }

    /// Encodes every key, writing `null` for a field the page does not show.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(authors, forKey: .authors)
        try container.encode(byline, forKey: .byline)
        try container.encode(venue, forKey: .venue)
        try container.encode(year, forKey: .year)
        try container.encode(url, forKey: .url)
        try container.encode(note, forKey: .note)
        try container.encode(section, forKey: .section)
        try container.encode(links, forKey: .links)
    }

    /// Decodes a publication; missing optional fields become `nil` or empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        authors = try container.decodeIfPresent([String].self, forKey: .authors) ?? []
        byline = try container.decodeIfPresent(String.self, forKey: .byline)
        venue = try container.decodeIfPresent(String.self, forKey: .venue)
        year = try container.decodeIfPresent(String.self, forKey: .year)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        section = try container.decodeIfPresent(String.self, forKey: .section)
        links = try container.decodeIfPresent([Link].self, forKey: .links) ?? []
    }
}

/// A labelled link that belongs to an entry, such as "[PDF]" or "Code".
public struct Link: Sendable, Hashable, Codable {
    /// The link text as displayed.
    public var label: String
    /// The absolute target URL.
    public var url: String

    /// Creates a link.
    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }
}
