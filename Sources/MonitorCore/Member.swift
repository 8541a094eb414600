/// A group or lab member as a homepage lists them: "Name, role".
public struct Member: Sendable, Hashable, Codable {
    /// The name as displayed.
    public var name: String
    /// The member's own page, if the name is a link.
    public var url: String?
    /// The role text as displayed, such as "PhD student (co-advised with X)".
    public var description: String?

    /// Creates a member from the displayed fields.
    public init(name: String, url: String? = nil, description: String? = nil) {
        self.name = name
        self.url = url
        self.description = description
    }

    private enum CodingKeys: String, CodingKey {
        case name, url, description
    }

    /// Encodes every key, writing `null` for a field the page does not show.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(description, forKey: .description)
    }
}
