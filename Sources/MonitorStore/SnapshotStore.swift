import Foundation
import MonitorCore

/// The monitor's state: one SQLite database (`monitor.sqlite3`, WAL mode) in the state directory
/// holding the sites, snapshots, change sets, the webhook outbox and the page archive (every
/// distinct page body, compressed, see ``BlobArchive``).
///
/// A snapshot is stored whole or not at all: its page blob, its entries and its rows are written
/// in one transaction.
public actor SnapshotStore {
    /// The database file's name inside the state directory.
    public static let databaseName = "monitor.sqlite3"

    /// The state directory.
    public nonisolated let directory: URL

    /// The SHA-256 of a page body as 64 hex digits: its name in the archive.
    public static func hash(of body: [UInt8]) -> String { BlobArchive.hash(of: body) }
    let database: Database
    let archive: BlobArchive
    /// The raw bytes of each site's last archived body: the base of its next delta.
    var lastBody: [Site.ID: (hash: String, raw: [UInt8], chainLength: Int)] = [:]
    /// The ids of entry values this connection has read or written (see `SnapshotStore+Entries`),
    /// so that storing a page whose entries are mostly its baseline's encodes only the new ones.
    var entryIDs: [StoredEntry: Int64] = [:]
    /// The decoded values by id: the other direction of `entryIDs`.
    var entryValues: [Int64: StoredEntry] = [:]
    /// The ids found or inserted by the transaction in progress, remembered when it commits.
    var pendingEntryIDs: [StoredEntry: Int64] = [:]

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
        try Self.moveLegacyBlobs(database, archive: archive)
    }

    static func migrate(_ database: Database) throws {
        var version = 0
        try database.query("PRAGMA user_version") { version = $0.int(0) }
        guard version <= Migrations.all.count else {
            throw StoreError.newerSchema(path: database.path, version: version, supported: Migrations.all.count)
        }
        defer {
            // The rows schema 3 rewrote leave free pages: give them back to the file system once.
            if version > 0, version < Migrations.entriesStoredOnce { try? database.execute("VACUUM") }
        }
        for (index, migration) in Migrations.all.enumerated() where index >= version {
            try database.transaction {
                try database.execute(migration)
                if index + 1 == Migrations.entriesStoredOnce {
                    try convertLegacyEntries(database)
                    try convertLegacyChangeSets(database)
                }
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
}
