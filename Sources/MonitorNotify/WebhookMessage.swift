import Foundation
import MonitorCore

/// The `homepage.changed` event, as POSTed to a `json` endpoint.
///
/// ```json
/// {"type": "homepage.changed", "id": "msg_…", "site": {"id": "…", "url": "…"},
///  "detected_at": "2026-11-26T12:00:00Z",
///  "snapshot": {"previous": {"fetched_at": "…", "hash": "…"}, "current": {"fetched_at": "…", "hash": "…"}},
///  "changes": {"publications": {"added": [entry], "modified": [..], "removed": [..]}, "talks": {..}, "members": {..}}}
/// ```
public struct WebhookEvent: Sendable, Codable, Equatable {
    /// The site the event is about.
    public struct SiteRef: Sendable, Codable, Equatable {
        public var id: String
        public var url: String
    }

    /// One stored snapshot: when it was taken and the SHA-256 of its page.
    public struct SnapshotRef: Sendable, Codable, Equatable {
        public var fetchedAt: Date
        public var hash: String

        private enum CodingKeys: String, CodingKey {
            case fetchedAt = "fetched_at"
            case hash
        }

        public init(fetchedAt: Date, hash: String) {
            self.fetchedAt = fetchedAt
            self.hash = hash
        }
    }

    /// The two snapshots compared.
    public struct Snapshots: Sendable, Codable, Equatable {
        public var previous: SnapshotRef?
        public var current: SnapshotRef
    }

    public var type = "homepage.changed"
    /// The message id, the same on every delivery attempt (`webhook-id`).
    public var id: String
    public var site: SiteRef
    public var detectedAt: Date
    public var snapshot: Snapshots
    public var changes: ChangeSet

    private enum CodingKeys: String, CodingKey {
        case type, id, site
        case detectedAt = "detected_at"
        case snapshot, changes
    }

    /// Creates an event.
    public init(
        id: String,
        site: Site,
        detectedAt: Date,
        previous: SnapshotRef?,
        current: SnapshotRef,
        changes: ChangeSet
    ) {
        self.id = id
        self.site = SiteRef(id: site.id.rawValue, url: site.url)
        self.detectedAt = detectedAt
        self.snapshot = Snapshots(previous: previous, current: current)
        self.changes = changes
    }

    /// A new message id: `msg_` and 24 random hex digits.
    public static func newID() -> String {
        "msg_" + (0..<12).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// The changes an endpoint asked for: only its events (`publication.added`, …).
    public static func changes(_ changes: ChangeSet, events: Set<String>) -> ChangeSet {
        func pick<Value: EntryValue>(_ kind: KindChanges<Value>, _ name: String) -> KindChanges<Value> {
            KindChanges(
                added: events.contains("\(name).added") ? kind.added : [],
                removed: events.contains("\(name).removed") ? kind.removed : [],
                modified: events.contains("\(name).modified") ? kind.modified : []
            )
        }
        return ChangeSet(
            publications: pick(changes.publications, "publication"),
            talks: pick(changes.talks, "talk"),
            members: pick(changes.members, "member")
        )
    }

    /// The request body for a format: the event JSON, or a chat message summing it up.
    public func body(format: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        switch format {
        case "slack": return Array(try encoder.encode(["text": summary(markdownBold: "*", limit: 3_000)]))
        case "discord": return Array(try encoder.encode(["content": summary(markdownBold: "**", limit: 1_900)]))
        default: return Array(try encoder.encode(self))
        }
    }

    /// A short message for chat: one line per changed entry.
    ///
    /// Shortened to `limit` characters (Discord refuses more than 2,000), ending "…and N more".
    func summary(markdownBold bold: String, limit: Int = .max) -> String {
        var lines = ["\(bold)\(site.id)\(bold) changed (\(site.url)):"]
        func add<Value: EntryValue>(_ kind: KindChanges<Value>, _ singular: String) {
            for entry in kind.added { lines.append("• new \(singular): \(entry.displayName)") }
            for change in kind.modified {
                lines.append(
                    "• changed \(singular): \(change.new.displayName) (\(change.fields.joined(separator: ", ")))"
                )
            }
            for entry in kind.removed { lines.append("• removed \(singular): \(entry.displayName)") }
        }
        add(changes.publications, "paper")
        add(changes.talks, "talk")
        add(changes.members, "member")
        var text = lines[0]
        for (index, line) in lines.enumerated().dropFirst() {
            let rest = lines.count - index
            if text.count + line.count + 1 > limit - 30 {
                text += "\n…and \(rest) more"
                break
            }
            text += "\n" + line
        }
        return text
    }
}
