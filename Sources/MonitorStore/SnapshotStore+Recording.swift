import Foundation
import MonitorCore

// Recording one check: its blob, entries and rows in one transaction.
extension SnapshotStore {
    /// Stores one check: its page blob (when new), its entries and its rows, in one transaction.
    ///
    /// - Parameter observation: What the check saw.
    /// - Returns: The stored snapshot; for an import already stored, the existing one.
    /// - Throws: ``StoreError``; nothing of the snapshot is stored then.
    @discardableResult
    public func record(_ observation: Observation) throws -> Snapshot {
        let site = observation.siteID
        let hash = observation.bodyHash ?? observation.body.map(BlobArchive.hash(of:))
        var newBody: (hash: String, blob: BlobArchive.Encoded, size: Int, chainLength: Int)?
        if let body = observation.body, let hash, try !hasBlob(hash) {
            let base = try deltaBase(for: site)
            let blob = try BlobArchive.encode(body, hash: hash, base: base.map { ($0.hash, $0.raw) })
            let chainLength = blob.base == nil ? 0 : (base?.chainLength ?? 0) + 1
            newBody = (hash, blob, body.count, chainLength)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        pendingEntryIDs = [:]
        defer { pendingEntryIDs = [:] }
        let snapshotID: Int64 = try database.transaction {
            if let newBody {
                try database.query(
                    "INSERT INTO bodies (hash, size, stored_size, base_hash, chain_length, extracted, blob) "
                        + "VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (hash) DO UPDATE SET stored_size = excluded.stored_size, "
                        + "base_hash = excluded.base_hash, chain_length = excluded.chain_length, blob = excluded.blob",
                    [
                        .text(newBody.hash), .int(newBody.size), .int(newBody.blob.bytes.count),
                        .optional(newBody.blob.base), .int(newBody.chainLength), .blob(newBody.blob.bytes),
                    ]
                )
            }
            if let hash, let entries = observation.entries, try !isExtracted(hash) {
                try insert(entries, body: hash, encoder: encoder)
            }
            let conflict = observation.source == .import ? "OR IGNORE " : ""
            try database.query(
                "INSERT \(conflict)INTO snapshots (site_id, fetched_at, outcome, source, http_status, etag, "
                    + "last_modified, body_hash, message, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(site.rawValue), .real(observation.fetchedAt.timeIntervalSince1970),
                    .text(observation.outcome.rawValue), .text(observation.source.rawValue),
                    observation.httpStatus.map { .int($0) } ?? .null, .optional(observation.etag),
                    .optional(observation.lastModified), .optional(hash), .optional(observation.message),
                    observation.retryAt.map { .real($0.timeIntervalSince1970) } ?? .null,
                ]
            )
            guard database.changes == 1 else { return 0 }
            let id = database.lastInsertID
            if let confirmed = observation.confirmsSuspect {
                try database.query(
                    "UPDATE snapshots SET outcome = 'changed' WHERE id = ? AND outcome = 'suspect'",
                    [.integer(confirmed)]
                )
                try database.query("UPDATE change_sets SET held = 0 WHERE snapshot_id = ?", [.integer(confirmed)])
            }
            for message in observation.notifications {
                try database.query(
                    "INSERT INTO outbox (message_id, endpoint, site_id, snapshot_id, created_at, body, status, "
                        + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
                    [
                        .text(message.messageID), .text(message.endpoint), .text(message.siteID.rawValue), .integer(id),
                        .real(message.createdAt.timeIntervalSince1970), .blob(message.body),
                        .real(message.createdAt.timeIntervalSince1970),
                    ]
                )
            }
            if let changeSet = observation.changeSet, !changeSet.changes.isEmpty {
                let ids = try Self.encode(changeSet.changes) { try valueID($0, encoder: encoder) }
                let json = ids == nil ? String(decoding: try encoder.encode(changeSet.changes), as: UTF8.self) : ""
                try database.query(
                    "INSERT INTO change_sets (snapshot_id, previous_snapshot_id, site_id, detected_at, held, changes, "
                        + "change_ids, entry_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        .integer(id), changeSet.previousSnapshotID.map(Database.Value.integer) ?? .null,
                        .text(site.rawValue), .real(observation.fetchedAt.timeIntervalSince1970),
                        .int(changeSet.isHeld ? 1 : 0), .text(json), ids.map(Database.Value.blob) ?? .null,
                        .int(changeSet.changes.count),
                    ]
                )
            }
            return id
        }
        for (value, id) in pendingEntryIDs { remember(value, id: id) }
        if let newBody, let body = observation.body {
            lastBody[site] = (newBody.hash, body, newBody.chainLength)
        }
        if snapshotID == 0, let hash {
            let existing = try database.rows(
                "SELECT \(Self.snapshotColumns) FROM snapshots s LEFT JOIN bodies b ON b.hash = s.body_hash "
                    + "WHERE s.site_id = ? AND s.fetched_at = ? AND s.body_hash = ? AND s.source = 'import'",
                [.text(site.rawValue), .real(observation.fetchedAt.timeIntervalSince1970), .text(hash)],
                Self.snapshot
            )
            if let first = existing.first { return first }
        }
        return try database.rows(
            "SELECT \(Self.snapshotColumns) FROM snapshots s LEFT JOIN bodies b ON b.hash = s.body_hash WHERE s.id = ?",
            [.integer(snapshotID)],
            Self.snapshot
        ).first ?? Snapshot(siteID: site, fetchedAt: observation.fetchedAt, outcome: observation.outcome)
    }

    /// True when the entries of a stored body are in the database.
    func isExtracted(_ hash: String) throws -> Bool {
        try database.rows("SELECT extracted FROM bodies WHERE hash = ?", [.text(hash)]) { $0.int(0) }.first == 1
    }

    /// The body the next delta of a site is compressed against: its latest archived body, unless
    /// that one ends a chain of ``BlobArchive/maxChainLength`` deltas.
    func deltaBase(for site: Site.ID) throws -> (hash: String, raw: [UInt8], chainLength: Int)? {
        if let cached = lastBody[site] {
            return cached.chainLength + 1 >= BlobArchive.maxChainLength ? nil : cached
        }
        let latest = try database.rows(
            "SELECT b.hash, b.chain_length FROM snapshots s JOIN bodies b ON b.hash = s.body_hash "
                + "WHERE s.site_id = ? ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1",
            [.text(site.rawValue)]
        ) { ($0.string(0), $0.int(1)) }.first
        guard let latest, latest.1 + 1 < BlobArchive.maxChainLength,
            let raw = try? readBody(latest.0, checkingEveryLink: false)
        else { return nil }
        return (latest.0, raw, latest.1)
    }
}

/// What a check saw, to be stored as one snapshot.
public struct Observation: Sendable {
    /// The site checked.
    public var siteID: Site.ID
    /// When.
    public var fetchedAt: Date
    /// How it ended.
    public var outcome: Snapshot.Outcome
    /// A fetch or an import.
    public var source: Snapshot.Source
    /// The final HTTP status.
    public var httpStatus: Int?
    /// Validators to store (only for a body that was extracted).
    public var etag: String?
    /// See `etag`.
    public var lastModified: String?
    /// A new body to archive (changed, unreadable).
    public var body: [UInt8]?
    /// The hash of a body already stored (unchanged, not-modified), or the SHA-256 of `body` when
    /// the caller has computed it (``SnapshotStore/hash(of:)``); computed when nil.
    public var bodyHash: String?
    /// The entries of `body`.
    public var entries: PageEntries?
    /// For failures, the one-line reason.
    public var message: String?
    /// The changes from the previous good snapshot, when any.
    public var changeSet: PendingChangeSet?
    /// When the server asked not to be fetched before (`Retry-After`).
    public var retryAt: Date?
    /// A suspect snapshot this check confirms: it becomes a baseline and its held changes are released.
    public var confirmsSuspect: Int64?
    /// Webhook notifications of the changes, queued in the same transaction.
    public var notifications: [OutboxMessage] = []

    /// Creates an observation.
    public init(
        siteID: Site.ID,
        fetchedAt: Date,
        outcome: Snapshot.Outcome,
        source: Snapshot.Source = .fetch,
        httpStatus: Int? = nil,
        etag: String? = nil,
        lastModified: String? = nil,
        body: [UInt8]? = nil,
        bodyHash: String? = nil,
        entries: PageEntries? = nil,
        message: String? = nil,
        changeSet: PendingChangeSet? = nil,
        retryAt: Date? = nil,
        confirmsSuspect: Int64? = nil,
        notifications: [OutboxMessage] = []
    ) {
        self.siteID = siteID
        self.fetchedAt = fetchedAt
        self.outcome = outcome
        self.source = source
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.body = body
        self.bodyHash = bodyHash
        self.entries = entries
        self.message = message
        self.changeSet = changeSet
        self.retryAt = retryAt
        self.confirmsSuspect = confirmsSuspect
        self.notifications = notifications
    }
}

/// Changes found by a check, stored with its snapshot.
public struct PendingChangeSet: Sendable {
    /// The good snapshot compared against.
    public var previousSnapshotID: Int64?
    /// The changes.
    public var changes: ChangeSet
    /// True when held as suspect (a mass removal waiting for confirmation).
    public var isHeld: Bool

    /// Creates a pending change set.
    public init(previousSnapshotID: Int64?, changes: ChangeSet, isHeld: Bool = false) {
        self.previousSnapshotID = previousSnapshotID
        self.changes = changes
        self.isHeld = isHeld
    }
}
