/// What the three entry types share, so the differ and the renderers can treat them alike.
public protocol EntryValue: Sendable, Hashable, Codable {
    /// The kind of entry this type is.
    static var kind: EntryKind { get }
    /// The JSON key of the displayed name: "title", or "name" for members.
    static var nameKey: String { get }
    /// The displayed title (members: the name).
    var displayName: String { get }
    /// The displayed fields a change is reported on, name first, in display order;
    /// a field the page does not show is "".
    var comparedFields: [(name: String, value: String)] { get }
    /// The links that can help pair an edited entry across snapshots (the title link).
    var identityURL: String? { get }
    /// The people named on the entry (publication authors), for pairing edited titles.
    var people: [String] { get }
}

extension Publication: EntryValue {
    public static var kind: EntryKind { .publication }
    public static var nameKey: String { "title" }
    public var displayName: String { title }
    public var comparedFields: [(name: String, value: String)] {
        [
            ("title", title), ("authors", byline ?? authors.joined(separator: ", ")), ("venue", venue ?? ""),
            ("year", year ?? ""), ("url", url ?? ""), ("note", note ?? ""),
            ("section", section ?? ""),
        ]
    }
    public var identityURL: String? { url }
    public var people: [String] { authors }
}

extension Talk: EntryValue {
    public static var kind: EntryKind { .talk }
    public static var nameKey: String { "title" }
    public var displayName: String { title }
    public var comparedFields: [(name: String, value: String)] {
        [("title", title), ("venues", venues ?? ""), ("year", year ?? ""), ("url", url ?? "")]
    }
    public var identityURL: String? { url }
    public var people: [String] { [] }
}

extension Member: EntryValue {
    public static var kind: EntryKind { .member }
    public static var nameKey: String { "name" }
    public var displayName: String { name }
    public var comparedFields: [(name: String, value: String)] {
        [("name", name), ("url", url ?? ""), ("description", description ?? "")]
    }
    public var identityURL: String? { url }
    public var people: [String] { [] }
}
