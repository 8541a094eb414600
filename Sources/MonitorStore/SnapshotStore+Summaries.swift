import Foundation
import MonitorCore

/// Read-only summaries for the web server, the metrics and the digest: one query per question,
/// so a page over many sites with a year of history each costs a few index lookups, not a scan.
extension SnapshotStore {
    /// What a site's list row shows: its last check, its entries, its last change and its failures.
    public struct SiteSummary: Sendable, Hashable, Codable {
        /// The site.
        public var site: Site
        /// The latest check, whatever its outcome.
        public var lastCheck: Snapshot?
        /// The last check that showed the site's entries (its counts are the site's current entries).
        public var lastGood: Snapshot?
        /// When the last confirmed change set was detected.
        public var lastChange: Date?
        /// Checks since the last one that got a page: failed checks in a row, newest first.
        public var consecutiveFailures: Int
        /// Stored checks, by outcome.
        public var checks: [Snapshot.Outcome: Int]
    }

    /// The summary of every site, by id.
    ///
    /// - Returns: One summary per stored site, ordered by id.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func siteSummaries() throws -> [SiteSummary] {
        try sites().map { try summary(of: $0) }
    }

    /// The summary of one site.
    ///
    /// - Parameter site: The site.
    /// - Returns: Its last check, last good check, last change, failure streak and check counts.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func summary(of site: Site) throws -> SiteSummary {
        let id = Database.Value.text(site.id.rawValue)
        var checks: [Snapshot.Outcome: Int] = [:]
        try database.query("SELECT outcome, COUNT(*) FROM snapshots WHERE site_id = ? GROUP BY outcome", [id]) { row in
            if let outcome = Snapshot.Outcome(rawValue: row.string(0)) { checks[outcome, default: 0] += row.int(1) }
        }
        let lastChange =
            try database.rows(
                "SELECT MAX(detected_at) FROM change_sets WHERE site_id = ? AND held = 0",
                [id]
            ) { $0.isNull(0) ? nil : Date(timeIntervalSince1970: $0.double(0)) }.first ?? nil
        // Only `failed` counts: a suspect or unreadable page still answered.
        let failures =
            try database.rows(
                "SELECT COUNT(*) FROM snapshots WHERE site_id = ? AND outcome = 'failed' AND fetched_at > "
                    + "COALESCE((SELECT MAX(fetched_at) FROM snapshots WHERE site_id = ? AND outcome != 'failed'), -1)",
                [id, id]
            ) { $0.int(0) }.first ?? 0
        return SiteSummary(
            site: site,
            lastCheck: try latestSnapshot(of: site.id),
            lastGood: try lastGoodSnapshot(of: site.id),
            lastChange: lastChange,
            consecutiveFailures: failures,
            checks: checks
        )
    }

    /// The confirmed change sets of a site (or all), newest first, stopping once they hold at
    /// least `entries` changed entries.
    ///
    /// Held (suspect) change sets are left out: they are reported only once a later check confirms them.
    ///
    /// - Parameters:
    ///   - site: One site, or nil for every site.
    ///   - entries: How many changed entries the caller will show.
    /// - Returns: Change sets, newest first.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func recentChangeSets(of site: Site.ID? = nil, entries: Int) throws -> [StoredChangeSet] {
        var filter = "WHERE held = 0"
        var values: [Database.Value] = []
        if let site {
            filter += " AND site_id = ?"
            values.append(.text(site.rawValue))
        }
        // The entry count of each set is a column, so that only the sets shown are decoded.
        let count = "entry_count"
        var chosen: [Int64] = []
        var total = 0
        var offset = 0
        // Pages of change sets: most hold one or two entries, so a page of `entries` rarely needs a second.
        let page = max(entries, 1)
        while total < entries {
            let batch = try database.rows(
                "SELECT snapshot_id, \(count) FROM change_sets \(filter) "
                    + "ORDER BY detected_at DESC, snapshot_id DESC LIMIT ? OFFSET ?",
                values + [.int(page), .int(offset)]
            ) { (Int64($0.int(0)), $0.int(1)) }
            for (id, entriesInSet) in batch where total < entries {
                chosen.append(id)
                total += entriesInSet
            }
            if batch.count < page { break }
            offset += page
        }
        return try chosen.compactMap { try changeSet(ofSnapshot: $0) }
    }

    /// The number of webhook messages per endpoint and state.
    ///
    /// - Returns: Counts keyed by endpoint name, then state.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func deliveryCounts() throws -> [String: [Delivery.Status: Int]] {
        var counts: [String: [Delivery.Status: Int]] = [:]
        try database.query("SELECT endpoint, status, COUNT(*) FROM outbox GROUP BY endpoint, status") { row in
            if let status = Delivery.Status(rawValue: row.string(1)) {
                counts[row.string(0), default: [:]][status, default: 0] += row.int(2)
            }
        }
        return counts
    }

    /// The archived body a snapshot of this site showed, looked up by its hash.
    ///
    /// Only a hash that one of the site's snapshots refers to is read, so a request cannot reach
    /// another site's page or any file outside the archive.
    ///
    /// - Parameters:
    ///   - hash: The body's SHA-256, 64 lower-case hex digits.
    ///   - site: The site.
    /// - Returns: The raw bytes, or nil when no snapshot of the site shows that body.
    /// - Throws: ``StoreError`` when the database or the archive cannot be read.
    public func archivedBody(_ hash: String, of site: Site.ID) throws -> [UInt8]? {
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        let known = try database.rows(
            "SELECT 1 FROM snapshots WHERE site_id = ? AND body_hash = ? LIMIT 1",
            [.text(site.rawValue), .text(hash)]
        ) { $0.int(0) }
        guard !known.isEmpty else { return nil }
        return try body(hash)
    }
}

extension SnapshotStore {
    /// A number that changes whenever another connection (the daemon, an import) commits.
    ///
    /// It is SQLite's `PRAGMA data_version`: equal numbers mean every answer read from the store is still true.
    ///
    /// - Returns: The current version, for this connection.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func dataVersion() throws -> Int {
        try database.rows("PRAGMA data_version") { $0.int(0) }.first ?? 0
    }
}
