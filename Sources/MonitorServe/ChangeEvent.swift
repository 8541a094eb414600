import Foundation
import MonitorCore
import MonitorStore

/// One changed entry as a feed item: a new, modified or removed paper, talk or member.
///
/// A stored change set holds every entry one check found changed; a feed shows each of those
/// entries as its own event, so a reader lists "New paper: …" once per paper.
public struct ChangeEvent: Sendable, Hashable {
    /// What happened to the entry.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// The entry appeared.
        case added
        /// The entry is on both pages with different fields.
        case modified
        /// The entry is gone.
        case removed
    }

    /// One field the event shows: its value, and for a modification its old value.
    public struct Field: Sendable, Hashable {
        /// The field's name ("venue").
        public var name: String
        /// The value before, for a modified field; nil otherwise.
        public var old: String?
        /// The value shown (for a modification, the new one).
        public var value: String

        /// Creates a field.
        public init(name: String, old: String?, value: String) {
            self.name = name
            self.old = old
            self.value = value
        }
    }

    /// The site's id.
    public var site: Site.ID
    /// When the check that found it ran.
    public var detectedAt: Date
    /// Paper, talk or member.
    public var kind: EntryKind
    /// Added, modified or removed.
    public var action: Action
    /// The entry's displayed name (for a modification, the new one).
    public var name: String
    /// The entry's own link (the paper's), if it shows one.
    public var url: String?
    /// Added and removed entries: every shown field but the name; modifications: the changed fields.
    public var fields: [Field]
    /// A `tag:` URI that names this event for good.
    ///
    /// It is made of what the event is (site, detection time, kind, action, entry name, and a counter
    /// for twins within one check), never of database row ids, so it is the same across restarts,
    /// `serve` instances and re-imports of the same history.
    public var tag: String

    /// The readable one-line title: "New paper: …", "Talk venues changed: …", "Member left: …".
    public var title: String {
        let noun = kind.noun
        switch action {
        case .added: return "New \(noun): \(name)"
        case .removed: return kind == .member ? "Member left: \(name)" : "\(noun.capitalizedFirst) removed: \(name)"
        case .modified:
            let names = fields.map(\.name)
            let list =
                names.count <= 2
                ? names.joined(separator: " and ")
                : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            return "\(noun.capitalizedFirst) \(list) changed: \(name)"
        }
    }

    /// The events of stored change sets, in the order given, each set's entries by kind and then
    /// added, modified, removed.
    ///
    /// - Parameter changeSets: Stored change sets.
    /// - Returns: One event per changed entry.
    public static func events(of changeSets: [StoredChangeSet]) -> [ChangeEvent] {
        changeSets.flatMap { events(site: $0.siteID, detectedAt: $0.detectedAt, changes: $0.changes) }
    }

    /// The events of one site's change set.
    ///
    /// - Parameters:
    ///   - site: The site.
    ///   - detectedAt: When the changes were found.
    ///   - changes: The changes.
    /// - Returns: One event per changed entry.
    public static func events(site: Site.ID, detectedAt: Date, changes: ChangeSet) -> [ChangeEvent] {
        var builder = Builder(site: site, detectedAt: detectedAt)
        builder.add(changes.publications)
        builder.add(changes.talks)
        builder.add(changes.members)
        return builder.events
    }

    private struct Builder {
        let site: Site.ID
        let detectedAt: Date
        var events: [ChangeEvent] = []
        var seen: [String: Int] = [:]

        mutating func add<Value: EntryValue>(_ changes: KindChanges<Value>) {
            for entry in changes.added { append(Value.kind, .added, entry, fields: shown(entry)) }
            for modification in changes.modified {
                let old = Dictionary(
                    modification.old.comparedFields.map { ($0.name, $0.value) },
                    uniquingKeysWith: { first, _ in first }
                )
                let fields = modification.new.comparedFields.filter { modification.fields.contains($0.name) }.map {
                    Field(name: $0.name, old: old[$0.name] ?? "", value: $0.value)
                }
                append(Value.kind, .modified, modification.new, fields: fields)
            }
            for entry in changes.removed { append(Value.kind, .removed, entry, fields: shown(entry)) }
        }

        private func shown<Value: EntryValue>(_ entry: Value) -> [Field] {
            entry.comparedFields.dropFirst().filter { !$0.value.isEmpty && $0.name != "section" }.map {
                Field(name: $0.name, old: nil, value: $0.value)
            }
        }

        private mutating func append<Value: EntryValue>(
            _ kind: EntryKind,
            _ action: Action,
            _ entry: Value,
            fields: [Field]
        ) {
            let identity = "\(kind.rawValue)/\(action.rawValue)/\(entry.displayName)"
            let twin = seen[identity, default: 0]
            seen[identity] = twin + 1
            let digest = SnapshotStore.hash(of: Array("\(identity)/\(twin)".utf8)).prefix(16)
            let tag =
                "tag:homepage-monitor,2025:\(site.rawValue)/\(detectedAt.iso8601)/\(kind.rawValue)/"
                + "\(action.rawValue)/\(digest)"
            let url = entry.comparedFields.first { $0.name == "url" }?.value
            events.append(
                ChangeEvent(
                    site: site,
                    detectedAt: detectedAt,
                    kind: kind,
                    action: action,
                    name: entry.displayName,
                    url: url.flatMap { $0.isEmpty ? nil : $0 },
                    fields: fields,
                    tag: tag
                )
            )
        }
    }
}

extension EntryKind {
    /// The word a reader uses: "paper", "talk", "member".
    var noun: String {
        switch self {
        case .publication: "paper"
        case .talk: "talk"
        case .member: "member"
        }
    }
}

extension String {
    /// The string with its first letter upper-cased ("paper" → "Paper").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
