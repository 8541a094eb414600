import Foundation
import MonitorCore

/// The monitor's state: a SQLite index (`monitor.sqlite3`, WAL mode) and the page archive
/// (`archive/`), both in one state directory.
///
/// A snapshot is stored whole or not at all: its page body is written to the archive (temporary
/// file, fsync, rename) *before* the one transaction that adds its rows, so a crash leaves at
/// worst an unreferenced archive file, which `monitor archive gc` removes.
public actor SnapshotStore {
    /// The database file's name inside the state directory.
    public static let databaseName = "monitor.sqlite3"

    /// The state directory.
    public nonisolated let directory: URL

    /// The SHA-256 of a page body as 64 hex digits: its name in the archive.
    public static func hash(of body: [UInt8]) -> String { BlobArchive.hash(of: body) }
    let database: Database
    private let archive: BlobArchive
    /// The raw bytes of each site's last archived body: the base of its next delta.
    private var lastBody: [Site.ID: (hash: String, raw: [UInt8], chainLength: Int)] = [:]

    /// Opens the store in a state directory, creating it (mode 0700) and migrating the schema; or,
    /// `readOnly`, opens an existing store without changing anything.
    ///
    /// - Throws: ``StoreError`` when the directory cannot be created or the database opened.
    public init(directory: URL, readOnly: Bool = false) throws {
        self.directory = directory
        let databasePath = directory.appendingPathComponent(Self.databaseName).path
        archive = BlobArchive(directory: directory.appendingPathComponent("archive"))
        if readOnly {
            database = try Database(path: databasePath, readOnly: true)
            var version = 0
            try database.query("PRAGMA user_version") { version = $0.int(0) }
            guard version == Migrations.all.count else {
                if version > Migrations.all.count {
                    throw StoreError.newerSchema(path: databasePath, version: version, supported: Migrations.all.count)
                }
                throw StoreError.file(
                    path: databasePath,
                    message: "was written by an older monitor; run 'monitor check' once (it upgrades the schema)"
                )
            }
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw StoreError.file(
                path: directory.path,
                message: "is a file, not a directory; choose another with --state-dir"
            )
        }
        do {
            try FileManager.default.createDirectory(
                at: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw StoreError.file(
                path: directory.path,
                message: "cannot create the state directory (a part of the path is a file, or permission is "
                    + "denied); choose another with --state-dir or MONITOR_STATE_DIR"
            )
        }
        database = try Database(path: databasePath)
        try Self.migrate(database)
        archive.removeLeftoverTemporaries()
    }

    private static func migrate(_ database: Database) throws {
        var version = 0
        try database.query("PRAGMA user_version") { version = $0.int(0) }
        guard version <= Migrations.all.count else {
            throw StoreError.newerSchema(path: database.path, version: version, supported: Migrations.all.count)
        }
        for (index, migration) in Migrations.all.enumerated() where index >= version {
            try database.transaction {
                try database.execute(migration)
                try database.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    /// The schema version the database is at.
    public func schemaVersion() throws -> Int {
        var version = 0
        try database.query("PRAGMA user_version") { version = $0.int(0) }
        return version
    }

    // MARK: - Sites

    /// Adds a site, or updates its URL.
    ///
    /// - Throws: ``StoreError/invalidSiteID(_:)`` for an id that is not a slug.
    public func addSite(_ site: Site, at date: Date = Date()) throws {
        try Self.validate(site.id)
        try database.query(
            "INSERT INTO sites (id, url, added_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET url = excluded.url",
            [.text(site.id.rawValue), .text(site.url), .real(date.timeIntervalSince1970)]
        )
    }

    /// Every known site, by id.
    public func sites() throws -> [Site] {
        try database.rows("SELECT id, url FROM sites ORDER BY id") {
            Site(id: Site.ID(rawValue: $0.string(0)), url: $0.string(1))
        }
    }

    /// One site, or `nil`.
    public func site(_ id: Site.ID) throws -> Site? {
        try database.rows("SELECT id, url FROM sites WHERE id = ?", [.text(id.rawValue)]) {
            Site(id: Site.ID(rawValue: $0.string(0)), url: $0.string(1))
        }.first
    }

    /// Checks that an id is a slug: letters, digits, `.`, `_`, `-`, 1 to 64 characters.
    public static func validate(_ id: Site.ID) throws {
        guard Site.ID.isSlug(id.rawValue) else { throw StoreError.invalidSiteID(id.rawValue) }
    }

    // MARK: - Reading snapshots

    private static let snapshotColumns = """
        s.id, s.site_id, s.fetched_at, s.outcome, s.source, s.http_status, s.etag, s.last_modified, s.body_hash,
        b.publications, b.talks, b.members, s.message, s.retry_at
        """

    private static func snapshot(_ row: Database.Row) -> Snapshot {
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
            archivePath: hash.map(BlobArchive.relativePath(of:)),
            publications: row.isNull(9) ? nil : row.int(9),
            talks: row.isNull(10) ? nil : row.int(10),
            members: row.isNull(11) ? nil : row.int(11),
            message: row.text(12),
            retryAt: row.isNull(13) ? nil : Date(timeIntervalSince1970: row.double(13))
        )
    }

    /// A `WHERE` clause (or "") and its values for an optional site and time window.
    private static func window(
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

    /// The entries extracted from a stored body, or `nil` when it was never extracted.
    public func entries(ofBody hash: String) throws -> PageEntries? {
        guard try isExtracted(hash) else { return nil }
        var page = PageEntries()
        let decoder = JSONDecoder()
        try database.query(
            "SELECT kind, data FROM entries WHERE body_hash = ? ORDER BY kind, position",
            [.text(hash)]
        ) { row in
            let data = Data(row.string(1).utf8)
            switch EntryKind(rawValue: row.string(0)) {
            case .publication: page.publications.append(try decoder.decode(Publication.self, from: data))
            case .talk: page.talks.append(try decoder.decode(Talk.self, from: data))
            case .member: page.members.append(try decoder.decode(Member.self, from: data))
            case nil: break
            }
        }
        return page
    }

    /// True when a snapshot of this body for this site at this time is stored (fetched or imported).
    public func hasSnapshot(site: Site.ID, at date: Date, hash: String) throws -> Bool {
        try !database.rows(
            "SELECT 1 FROM snapshots WHERE site_id = ? AND fetched_at = ? AND body_hash = ?",
            [.text(site.rawValue), .real(date.timeIntervalSince1970), .text(hash)],
            { $0.int(0) }
        ).isEmpty
    }

    /// Writes a stored body's archive file again when it is missing (after damage), as a full copy.
    public func restoreBody(_ body: [UInt8], hash: String, site: Site.ID) throws {
        guard Self.hash(of: body) == hash, !archive.exists(hash),
            try !database.rows("SELECT 1 FROM bodies WHERE hash = ?", [.text(hash)], { $0.int(0) }).isEmpty
        else { return }
        let written = try archive.write(body, hash: hash, base: nil)
        try database.query(
            "UPDATE bodies SET stored_size = ?, base_hash = NULL, chain_length = 0 WHERE hash = ?",
            [.int(written.storedSize), .text(hash)]
        )
    }

    /// The raw bytes of an archived body, checked against its hash.
    ///
    /// - Throws: ``StoreError/damagedBlob(hash:reason:)``.
    public func body(_ hash: String) throws -> [UInt8] {
        try archive.read(hash)
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
            "SELECT snapshot_id, previous_snapshot_id, site_id, detected_at, held, changes FROM change_sets "
                + "\(filter) ORDER BY detected_at, snapshot_id",
            values
        ) { row in
            StoredChangeSet(
                snapshotID: Int64(row.int(0)),
                previousSnapshotID: row.isNull(1) ? nil : Int64(row.int(1)),
                siteID: Site.ID(rawValue: row.string(2)),
                detectedAt: Date(timeIntervalSince1970: row.double(3)),
                isHeld: row.int(4) == 1,
                changes: try decoder.decode(ChangeSet.self, from: Data(row.string(5).utf8))
            )
        }
    }

    // MARK: - Recording

    /// Stores one check: its body in the archive first, then its rows in one transaction.
    ///
    /// - Parameter observation: What the check saw.
    /// - Returns: The stored snapshot; for an import already stored, the existing one.
    /// - Throws: ``StoreError``; nothing of the snapshot is stored then.
    @discardableResult
    public func record(_ observation: Observation) throws -> Snapshot {
        let site = observation.siteID
        let hash = observation.body.map(BlobArchive.hash(of:)) ?? observation.bodyHash
        var newBody: (hash: String, written: BlobArchive.Written, size: Int, chainLength: Int)?
        if let body = observation.body, let hash, try !bodyExists(hash) {
            let base = try deltaBase(for: site)
            let written = try archive.write(body, hash: hash, base: base.map { ($0.hash, $0.raw) })
            let chainLength = written.base == nil ? 0 : (base?.chainLength ?? 0) + 1
            newBody = (hash, written, body.count, chainLength)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let snapshotID: Int64 = try database.transaction {
            if let newBody {
                try database.query(
                    "INSERT INTO bodies (hash, size, stored_size, base_hash, chain_length, extracted) "
                        + "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (hash) DO UPDATE SET stored_size = excluded.stored_size, "
                        + "base_hash = excluded.base_hash, chain_length = excluded.chain_length",
                    [
                        .text(newBody.hash), .int(newBody.size), .int(newBody.written.storedSize),
                        .optional(newBody.written.base), .int(newBody.chainLength),
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
                let json = String(decoding: try encoder.encode(changeSet.changes), as: UTF8.self)
                try database.query(
                    "INSERT INTO change_sets (snapshot_id, previous_snapshot_id, site_id, detected_at, held, changes) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        .integer(id), changeSet.previousSnapshotID.map(Database.Value.integer) ?? .null,
                        .text(site.rawValue), .real(observation.fetchedAt.timeIntervalSince1970),
                        .int(changeSet.isHeld ? 1 : 0), .text(json),
                    ]
                )
            }
            return id
        }
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

    private func bodyExists(_ hash: String) throws -> Bool {
        try !database.rows("SELECT 1 FROM bodies WHERE hash = ?", [.text(hash)], { $0.int(0) }).isEmpty
            && archive.exists(hash)
    }

    /// True when the entries of a stored body are in the database.
    private func isExtracted(_ hash: String) throws -> Bool {
        try database.rows("SELECT extracted FROM bodies WHERE hash = ?", [.text(hash)]) { $0.int(0) }.first == 1
    }

    private func insert(_ entries: PageEntries, body hash: String, encoder: JSONEncoder) throws {
        func add<Value: EntryValue>(_ values: [Value]) throws {
            for (position, value) in values.enumerated() {
                try database.query(
                    "INSERT INTO entries (body_hash, kind, position, name, data) VALUES (?, ?, ?, ?, ?)",
                    [
                        .text(hash), .text(Value.kind.rawValue), .int(position), .text(value.displayName),
                        .text(String(decoding: try encoder.encode(value), as: UTF8.self)),
                    ]
                )
            }
        }
        try add(entries.publications)
        try add(entries.talks)
        try add(entries.members)
        try database.query(
            "UPDATE bodies SET extracted = 1, publications = ?, talks = ?, members = ? WHERE hash = ?",
            [.int(entries.publications.count), .int(entries.talks.count), .int(entries.members.count), .text(hash)]
        )
    }

    /// The body the next delta of a site is compressed against: its latest archived body, unless
    /// that one ends a chain of ``BlobArchive/maxChainLength`` deltas.
    private func deltaBase(for site: Site.ID) throws -> (hash: String, raw: [UInt8], chainLength: Int)? {
        if let cached = lastBody[site] {
            return cached.chainLength + 1 >= BlobArchive.maxChainLength ? nil : cached
        }
        let latest = try database.rows(
            "SELECT b.hash, b.chain_length FROM snapshots s JOIN bodies b ON b.hash = s.body_hash "
                + "WHERE s.site_id = ? ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1",
            [.text(site.rawValue)]
        ) { ($0.string(0), $0.int(1)) }.first
        guard let latest, latest.1 + 1 < BlobArchive.maxChainLength,
            let raw = try? archive.read(latest.0, checkingEveryLink: false)
        else { return nil }
        return (latest.0, raw, latest.1)
    }

    // MARK: - Archive maintenance

    /// Re-hashes every archived body the index knows, and lists files the index does not know.
    public func verifyArchive() throws -> ArchiveReport {
        var report = ArchiveReport()
        let known = try database.rows("SELECT hash FROM bodies ORDER BY hash") { $0.string(0) }
        for hash in known {
            do {
                let raw = try archive.read(hash)
                report.verified += 1
                report.rawBytes += raw.count
            } catch let error as StoreError {
                report.damaged.append(
                    ArchiveReport.Damage(
                        hash: hash,
                        path: BlobArchive.relativePath(of: hash),
                        problem: error.description
                    )
                )
            }
        }
        let onDisk = Set(try archive.allHashes())
        report.unreferenced = onDisk.subtracting(known).sorted()
        report.storedBytes =
            try database.rows("SELECT COALESCE(SUM(stored_size), 0) FROM bodies") { $0.int(0) }.first ?? 0
        return report
    }

    /// Writes a site's distinct page bodies, oldest first, into a directory as
    /// `<site>-<yyyy-mm-dd>T<hhmmss>Z-<hash prefix>.html` (the time a later `monitor import --dir` reads).
    ///
    /// A page whose archive file is missing or corrupt is listed and skipped: every readable page is
    /// still written.
    ///
    /// - Parameters:
    ///   - site: The site whose pages to write.
    ///   - folder: The directory to write to (created if needed).
    /// - Returns: The files written and the pages that could not be read.
    /// - Throws: ``StoreError`` for an unknown site, a database error or a file that cannot be written.
    public func exportArchive(of site: Site.ID, to folder: URL) throws -> ArchiveExport {
        guard try self.site(site) != nil else { throw StoreError.unknownSite(site.rawValue) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withTimeZone]
        var export = ArchiveExport()
        var seen: Set<String> = []
        for snapshot in try snapshots(of: site) {
            guard let hash = snapshot.contentHash,
                [.changed, .unreadable, .suspect].contains(snapshot.outcome),
                seen.insert(hash + "\(snapshot.fetchedAt.timeIntervalSince1970)").inserted
            else { continue }
            let stamp = formatter.string(from: snapshot.fetchedAt).replacingOccurrences(of: ":", with: "")
            // The time and the hash make every name unique; `monitor import --dir` reads the time back.
            let file = folder.appendingPathComponent("\(site.rawValue)-\(stamp)-\(hash.prefix(12)).html")
            let raw: [UInt8]
            do {
                raw = try archive.read(hash)
            } catch let error as StoreError {
                export.damaged.append(
                    ArchiveExport.Damage(
                        fetchedAt: snapshot.fetchedAt,
                        hash: hash,
                        path: BlobArchive.relativePath(of: hash),
                        problem: error.description
                    )
                )
                continue
            }
            do {
                try Data(raw).write(to: file, options: .atomic)
            } catch {
                throw StoreError.file(path: file.path, message: "cannot write: \(error.localizedDescription)")
            }
            export.written.append(file)
        }
        return export
    }

    /// Removes archive files and body rows no snapshot needs (directly or as a delta base).
    ///
    /// - Returns: How many files were removed and their size on disk.
    ///
    /// Files younger than an hour are kept unless `ignoringGracePeriod` is set: a daemon may have
    /// written one for a snapshot it has not committed yet.
    public func collectGarbage(ignoringGracePeriod: Bool = false) throws -> (files: Int, bytes: Int) {
        var bases: [String: String] = [:]
        try database.query("SELECT hash, base_hash FROM bodies WHERE base_hash IS NOT NULL") {
            bases[$0.string(0)] = $0.string(1)
        }
        var needed = Set(
            try database.rows("SELECT DISTINCT body_hash FROM snapshots WHERE body_hash IS NOT NULL") { $0.string(0) }
        )
        var frontier = Array(needed)
        while let hash = frontier.popLast() {
            if let base = bases[hash], needed.insert(base).inserted { frontier.append(base) }
        }
        try database.transaction {
            let known = try database.rows("SELECT hash FROM bodies") { $0.string(0) }
            for hash in known where !needed.contains(hash) {
                try database.query("DELETE FROM bodies WHERE hash = ?", [.text(hash)])
            }
        }
        // A file written in the last hour may belong to a check that has not committed yet.
        let graceStart = Date() - 3_600
        var removed = 0
        var bytes = 0
        for hash in try archive.allHashes() where !needed.contains(hash) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: archive.url(of: hash).path)
            if let modified = attributes?[.modificationDate] as? Date, modified > graceStart, !ignoringGracePeriod {
                continue
            }
            try archive.remove(hash)
            removed += 1
            bytes += attributes?[.size] as? Int ?? 0
        }
        return (removed, bytes)
    }

    /// For building large synthetic histories in benchmarks only: no fsync per commit.
    @_spi(Benchmarks) public func relaxDurabilityForBulkLoad() throws {
        try database.execute("PRAGMA synchronous=OFF")
    }

    /// `PRAGMA integrity_check`: "ok" when the database file is sound.
    public func integrityCheck() throws -> String {
        try database.rows("PRAGMA integrity_check") { $0.string(0) }.joined(separator: "; ")
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
    /// The hash of a body already stored (unchanged, not-modified), when `body` is nil.
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

/// What `monitor archive verify` found.
public struct ArchiveReport: Sendable {
    /// One damaged archive file.
    public struct Damage: Sendable {
        /// The body's hash.
        public var hash: String
        /// Its file, relative to the state directory.
        public var path: String
        /// What is wrong.
        public var problem: String
    }

    /// Bodies that decompressed and hashed correctly.
    public var verified = 0
    /// Their raw size.
    public var rawBytes = 0
    /// The archive's size on disk.
    public var storedBytes = 0
    /// Missing or corrupt bodies.
    public var damaged: [Damage] = []
    /// Files no database row refers to (left by a crash; `monitor archive gc` removes them).
    public var unreferenced: [String] = []
}
