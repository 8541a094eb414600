/// Everything extracted from one page, by kind and in page order.
///
/// Its JSON form is the `monitor extract --format json` output:
/// `{"members":[…],"publications":[…],"talks":[…]}`.
public struct PageEntries: Sendable, Hashable, Codable {
    /// Publications in page order.
    public var publications: [Publication]
    /// Talks in page order.
    public var talks: [Talk]
    /// Members in page order.
    public var members: [Member]

    /// Creates a page's entries.
    public init(publications: [Publication] = [], talks: [Talk] = [], members: [Member] = []) {
        self.publications = publications
        self.talks = talks
        self.members = members
    }

    /// True when the page yielded no entry of any kind.
    public var isEmpty: Bool {
        publications.isEmpty && talks.isEmpty && members.isEmpty
    }

    /// The number of entries of one kind.
    ///
    /// - Parameter kind: The kind to count.
    /// - Returns: How many entries of that kind the page shows.
    public func count(of kind: EntryKind) -> Int {
        switch kind {
        case .publication: publications.count
        case .talk: talks.count
        case .member: members.count
        }
    }

    /// All entries as one list: publications, then talks, then members.
    public var all: [Entry] {
        publications.map(Entry.publication) + talks.map(Entry.talk) + members.map(Entry.member)
    }
}
