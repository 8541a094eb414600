import Foundation
import MonitorCore

// Reading snapshots, their change sets and entries.
extension SnapshotStore {
    static let snapshotColumns = """
        s.id, s.site_id, s.fetched_at, s.outcome, s.source, s.http_status, s.etag, s.last_modified, s.body_hash,
        b.publications, b.talks, b.members, s.message, s.retry_at
        """

    static func snapshot(_ row: Database.Row) -> Snapshot {
        let hash = row.text(8)
        return Snapshot(
            id: Int64(row.int(0)),
            siteID: Site.ID(rawValue: row.string(1)),
            fetchedAt: Date(timeIntervalSince1970: row.double(2)),
            outcome: Snapshot.Outcome(rawValue: row.string(3)) ?? .failed,
            source: Snapshot.Source(rawValue: row.string(4)) ?? .fetch,
            httpStatus: row.isNull(5) ? nil : row.int(5),
            etag: row.text(6),
            lastModified: row.text(7),
            contentHash: hash,
            publications: row.isNull(9) ? nil : row.int(9),
            talks: row.isNull(10) ? nil : row.int(10),
            members: row.isNull(11) ? nil : row.int(11),
            message: row.text(12),
            retryAt: row.isNull(13) ? nil : Date(timeIntervalSince1970: row.double(13))
        )
    }

    /// A `WHERE` clause (or "") and its values for an optional site and time window.
    static func window(
        site: Site.ID?,
        siteColumn: String,
        timeColumn: String,
        _ start: Date?,
        _ end: Date?
    ) -> (String, [Database.Value]) {
        var conditions: [String] = []
        var values: [Database.Value] = []
        if let site {
            conditions.append("\(siteColumn) = ?")
            values.append(.text(site.rawValue))
        }
        if let start {
            conditions.append("\(timeColumn) >= ?")
            values.append(.real(start.timeIntervalSince1970))
        }
        if let end {
            conditions.append("\(timeColumn) <= ?")
            values.append(.real(end.timeIntervalSince1970))
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    /// The snapshots of one site or all, oldest first, optionally within a time window.
    public func snapshots(of site: Site.ID? = nil, from start: Date? = nil, to end: Date? = nil) throws -> [Snapshot] {
        let (filter, values) = Self.window(site: site, siteColumn: "s.site_id", timeColumn: "s.fetched_at", start, end)
        return try database.rows(
            "SELECT \(Self.snapshotColumns) FROM snapshots s LEFT JOIN bodies b ON b.hash = s.body_hash "
                + "\(filter) ORDER BY s.fetched_at, s.id",
            values,
            Self.snapshot
        )
    }

    /// The last snapshot that showed the site's entries at or before a time (default: now).
    public func lastGoodSnapshot(of site: Site.ID, atOrBefore date: Date? = nil) throws -> Snapshot? {
        try database.rows(
            "SELECT \(Self.snapshotColumns) FROM snapshots s LEFT JOIN bodies b ON b.hash = s.body_hash "
                + "WHERE s.site_id = ? AND s.outcome IN ('changed', 'unchanged', 'not-modified') AND s.fetched_at <= ? "
                + "ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1",
            [.text(site.rawValue), .real((date ?? .distantFuture).timeIntervalSince1970)],
            Self.snapshot
        ).first
    }

    /// The latest snapshot of a site, whatever its outcome.
    public func latestSnapshot(of site: Site.ID) throws -> Snapshot? {
        try database.rows(
            "SELECT \(Self.snapshotColumns) FROM snapshots s LEFT JOIN bodies b ON b.hash = s.body_hash "
                + "WHERE s.site_id = ? ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1",
            [.text(site.rawValue)],
            Self.snapshot
        ).first
    }

    /// What a check of a site starts from, read in one call to the store.
    ///
    /// Its latest snapshot (for a `Retry-After` still running), its last good one (the validators and
    /// the baseline) and the suspect pending after that one. One call instead of three: each is a hop
    /// to the store's actor, and a 304 check does little else (issue 15).
    public func checkStart(of site: Site.ID) throws -> CheckStart {
        let good = try lastGoodSnapshot(of: site)
        return CheckStart(
            latest: try latestSnapshot(of: site),
            lastGood: good,
            pendingSuspect: try pendingSuspect(of: site, after: good)
        )
    }

    /// The unconfirmed suspect snapshot after the last good one, if any.
    ///
    /// - Parameters:
    ///   - site: The site.
    ///   - good: Its last good snapshot at or before `date`, as ``lastGoodSnapshot(of:atOrBefore:)``
    ///     gave it (every caller has just read it).
    ///   - date: The time to look from (default: now).
    /// - Returns: The newest suspect snapshot taken since `good`, or `nil`.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func pendingSuspect(of site: Site.ID, after good: Snapshot?, atOrBefore date: Date? = nil) throws
        -> Snapshot?
    {
        let limit = (date ?? .distantFuture).timeIntervalSince1970
        return try database.rows(
            "SELECT \(Self.snapshotColumns) FROM snapshots s LEFT JOIN bodies b ON b.hash = s.body_hash "
                + "WHERE s.site_id = ? AND s.outcome = 'suspect' AND s.fetched_at <= ? AND s.fetched_at >= ? "
                + "ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1",
            [.text(site.rawValue), .real(limit), .real(good?.fetchedAt.timeIntervalSince1970 ?? 0)],
            Self.snapshot
        ).first
    }

    /// The stored change set found by one snapshot.
    public func changeSet(ofSnapshot id: Int64) throws -> StoredChangeSet? {
        try changeSets(snapshotID: id).first
    }

    /// True when a snapshot of this body for this site at this time is stored (fetched or imported).
    public func hasSnapshot(site: Site.ID, at date: Date, hash: String) throws -> Bool {
        try !database.rows(
            "SELECT 1 FROM snapshots WHERE site_id = ? AND fetched_at = ? AND body_hash = ?",
            [.text(site.rawValue), .real(date.timeIntervalSince1970), .text(hash)],
            { $0.int(0) }
        ).isEmpty
    }

    /// Stores a body's blob again, as a full copy, when it cannot be read (missing or damaged).
    public func restoreBody(_ body: [UInt8], hash: String, site: Site.ID) throws {
        guard Self.hash(of: body) == hash,
            try !database.rows("SELECT 1 FROM bodies WHERE hash = ?", [.text(hash)], { $0.int(0) }).isEmpty,
            (try? readBody(hash)) == nil
        else { return }
        let blob = try BlobArchive.encode(body, hash: hash, base: nil)
        try database.query(
            "UPDATE bodies SET stored_size = ?, base_hash = NULL, chain_length = 0, blob = ? WHERE hash = ?",
            [.int(blob.bytes.count), .blob(blob.bytes), .text(hash)]
        )
    }

    /// The raw bytes of an archived body, checked against its hash.
    ///
    /// - Throws: ``StoreError/damagedBlob(hash:reason:)``.
    public func body(_ hash: String) throws -> [UInt8] {
        try readBody(hash)
    }

    /// The stored change sets of a site (or all), oldest first, with the snapshot that found each.
    public func changeSets(
        of site: Site.ID? = nil,
        from start: Date? = nil,
        to end: Date? = nil,
        snapshotID: Int64? = nil
    ) throws -> [StoredChangeSet] {
        var (filter, values) = Self.window(site: site, siteColumn: "site_id", timeColumn: "detected_at", start, end)
        if let snapshotID {
            filter += (filter.isEmpty ? "WHERE " : " AND ") + "snapshot_id = ?"
            values.append(.integer(snapshotID))
        }
        let decoder = JSONDecoder()
        return try database.rows(
            "SELECT snapshot_id, previous_snapshot_id, site_id, detected_at, held, changes, change_ids FROM change_sets "
                + "\(filter) ORDER BY detected_at, snapshot_id",
            values
        ) { row in
            StoredChangeSet(
                snapshotID: Int64(row.int(0)),
                previousSnapshotID: row.isNull(1) ? nil : Int64(row.int(1)),
                siteID: Site.ID(rawValue: row.string(2)),
                detectedAt: Date(timeIntervalSince1970: row.double(3)),
                isHeld: row.int(4) == 1,
                changes: row.isNull(6)
                    ? try decoder.decode(ChangeSet.self, from: Data(row.string(5).utf8))
                    : try decodeChanges(row.blob(6))
            )
        }
    }
}

/// A change set as stored.
public struct StoredChangeSet: Sendable {
    /// The snapshot that found it.
    public var snapshotID: Int64
    /// The snapshot it compares against.
    public var previousSnapshotID: Int64?
    /// The site.
    public var siteID: Site.ID
    /// When it was found.
    public var detectedAt: Date
    /// Held as suspect.
    public var isHeld: Bool
    /// The changes.
    public var changes: ChangeSet
}

/// A site's snapshots that a check needs before it fetches (``SnapshotStore/checkStart(of:)``).
public struct CheckStart: Sendable {
    /// The latest snapshot, whatever its outcome.
    public var latest: Snapshot?
    /// The last good snapshot.
    public var lastGood: Snapshot?
    /// The unconfirmed suspect after `lastGood`.
    public var pendingSuspect: Snapshot?
}
