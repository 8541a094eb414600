import Foundation

/// One entry that is on both pages but shows different fields.
public struct EntryModification<Value: EntryValue>: Sendable, Hashable {
    /// The fields that differ, in display order ("title", "year", …).
    public var fields: [String]
    /// The entry as it was.
    public var old: Value
    /// The entry as it is now.
    public var new: Value

    /// Creates a modification.
    public init(fields: [String], old: Value, new: Value) {
        self.fields = fields
        self.old = old
        self.new = new
    }
}

extension EntryModification: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes `{"title" (or "name"), "fields", "old", "new"}`; the name is the new one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(new.displayName, forKey: Key(Value.nameKey))
        try container.encode(fields, forKey: Key("fields"))
        try container.encode(old, forKey: Key("old"))
        try container.encode(new, forKey: Key("new"))
    }

    /// Decodes what `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        fields = try container.decode([String].self, forKey: Key("fields"))
        old = try container.decode(Value.self, forKey: Key("old"))
        new = try container.decode(Value.self, forKey: Key("new"))
    }
}

/// The changes of one kind of entry between two snapshots.
public struct KindChanges<Value: EntryValue>: Sendable, Hashable, Codable {
    /// Entries only on the newer page, in its order.
    public var added: [Value]
    /// Entries only on the older page, in its order.
    public var removed: [Value]
    /// Entries on both pages whose fields differ, in the newer page's order.
    public var modified: [EntryModification<Value>]

    /// Creates a change list.
    public init(added: [Value] = [], removed: [Value] = [], modified: [EntryModification<Value>] = []) {
        self.added = added
        self.removed = removed
        self.modified = modified
    }

    /// True when nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }

    /// The number of changed entries.
    public var count: Int { added.count + removed.count + modified.count }
}

/// One site's changes between two snapshots, by kind.
///
/// Its JSON form is the `monitor compare --format json` output:
/// `{"members":{"added":[…],"modified":[…],"removed":[…]},"publications":{…},"talks":{…}}`.
public struct ChangeSet: Sendable, Hashable, Codable {
    /// Changed publications.
    public var publications: KindChanges<Publication>
    /// Changed talks.
    public var talks: KindChanges<Talk>
    /// Changed members.
    public var members: KindChanges<Member>

    /// Creates a change set.
    public init(
        publications: KindChanges<Publication> = .init(),
        talks: KindChanges<Talk> = .init(),
        members: KindChanges<Member> = .init()
    ) {
        self.publications = publications
        self.talks = talks
        self.members = members
    }

    /// True when no entry of any kind changed.
    public var isEmpty: Bool { publications.isEmpty && talks.isEmpty && members.isEmpty }

    /// The number of changed entries of all kinds.
    public var count: Int { publications.count + talks.count + members.count }

    /// The same changes restricted to some kinds.
    ///
    /// - Parameter kinds: The kinds to keep.
    /// - Returns: A change set with the other kinds emptied.
    public func filtered(to kinds: Set<EntryKind>) -> ChangeSet {
        ChangeSet(
            publications: kinds.contains(.publication) ? publications : .init(),
            talks: kinds.contains(.talk) ? talks : .init(),
            members: kinds.contains(.member) ? members : .init()
        )
    }

    /// The change set as JSON with sorted keys, pretty-printed, with a trailing newline.
    ///
    /// - Throws: An `EncodingError` only if a value cannot be encoded, which plain strings cannot cause.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
