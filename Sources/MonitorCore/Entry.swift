/// One item a homepage shows: a publication, a talk or a group member.
///
/// An entry is a plain value; two snapshots of a page are compared entry by entry.
public enum Entry: Sendable, Hashable, Codable {
    case publication(Publication)
    case talk(Talk)
    case member(Member)

    /// The kind of this entry.
    public var kind: EntryKind {
        switch self {
        case .publication: .publication
        case .talk: .talk
        case .member: .member
        }
    }

    /// The displayed text that names the entry: a title, or a member's name.
    public var displayName: String {
        switch self {
        case .publication(let publication): publication.title
        case .talk(let talk): talk.title
        case .member(let member): member.name
        }
    }
}

/// The three kinds of entries the monitor extracts.
public enum EntryKind: String, Sendable, Hashable, Codable, CaseIterable {
    case publication
    case talk
    case member

    /// The plural used in JSON output and on the command line ("publications").
    public var plural: String {
        switch self {
        case .publication: "publications"
        case .talk: "talks"
        case .member: "members"
        }
    }
}
