/// XPath rules that replace detection for one kind of entry on one site.
///
/// `entry` selects each entry (relative to every `section` node, else to the page); each field's
/// expression is evaluated with the entry as its context node. A field without a rule is read from
/// the entry's text as detection would read it.
public struct SelectorRules: Sendable, Hashable, Codable {
    /// Where the entries are, such as `//div[@id='papers']`; nil for the whole page.
    public var section: String?
    /// Each entry, such as `.//li`, relative to a section node.
    public var entry: String
    /// Field name (`title`, `authors`, `venue`, `year`, `url`, `note`; talks `venues`; members `name`,
    /// `description`) to an XPath relative to the entry, such as `.//b` or `string(.//a/@href)`.
    public var fields: [String: String]

    /// Creates rules for one kind.
    public init(section: String? = nil, entry: String, fields: [String: String] = [:]) {
        self.section = section
        self.entry = entry
        self.fields = fields
    }

    /// The field names a kind's rules may set.
    ///
    /// - Parameter kind: The kind of entry.
    /// - Returns: The field names in the order they are shown.
    public static func fieldNames(of kind: EntryKind) -> [String] {
        switch kind {
        case .publication: ["title", "authors", "venue", "year", "url", "note"]
        case .talk: ["title", "venues", "year", "url"]
        case .member: ["name", "url", "description"]
        }
    }
}

/// The XPath overrides of one site, per kind; a kind without rules is detected as usual.
public struct SiteSelectors: Sendable, Hashable, Codable {
    /// Rules for publications.
    public var publications: SelectorRules?
    /// Rules for talks.
    public var talks: SelectorRules?
    /// Rules for members.
    public var members: SelectorRules?

    /// Creates overrides; none by default.
    public init(publications: SelectorRules? = nil, talks: SelectorRules? = nil, members: SelectorRules? = nil) {
        self.publications = publications
        self.talks = talks
        self.members = members
    }

    /// True when no kind has rules.
    public var isEmpty: Bool { publications == nil && talks == nil && members == nil }

    /// The rules of one kind.
    ///
    /// - Parameter kind: The kind of entry.
    /// - Returns: Its rules, or nil when it is detected.
    public subscript(kind: EntryKind) -> SelectorRules? {
        get {
            switch kind {
            case .publication: publications
            case .talk: talks
            case .member: members
            }
        }
        set {
            switch kind {
            case .publication: publications = newValue
            case .talk: talks = newValue
            case .member: members = newValue
            }
        }
    }
}
