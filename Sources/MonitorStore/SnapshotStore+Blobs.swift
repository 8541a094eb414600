import Foundation
import MonitorCore

// Page blobs in the database, and the move of pre-schema-3 archive files into it.
//
// A file per blob cost a file-system block each (4 KiB for a delta of a few hundred bytes: 22 %
// of the raw pages on disk for 187 versions of one page), and a temporary file, two fsyncs and a
// rename per changed page. In the `bodies` row, a blob is written in the transaction that adds
// the snapshot naming it: it can never be missing while a row names it, and there is nothing left
// over after a crash.
extension SnapshotStore {
    /// The stored bytes of a blob: its `bodies` row, else a legacy archive file, else `nil`.
    func storedBlob(_ hash: String) throws -> [UInt8]? {
        let rows = try database.rows("SELECT blob FROM bodies WHERE hash = ?", [.text(hash)]) {
            $0.isNull(0) ? nil : $0.blob(0)
        }
        if let stored = rows.first, let stored { return stored }
        return archive.legacyFile(hash)
    }

    /// The raw bytes of a body, resolving its delta chain (see ``BlobArchive/read(_:checkingEveryLink:load:)``).
    func readBody(_ hash: String, checkingEveryLink: Bool = true) throws -> [UInt8] {
        try BlobArchive.read(hash, checkingEveryLink: checkingEveryLink) { try storedBlob($0) }
    }

    /// True when a body's blob is stored (in the database or, not yet moved, as a legacy file).
    func hasBlob(_ hash: String) throws -> Bool {
        let rows = try database.rows("SELECT blob IS NOT NULL FROM bodies WHERE hash = ?", [.text(hash)]) {
            $0.int(0) == 1
        }
        guard let inDatabase = rows.first else { return false }
        return inDatabase || FileManager.default.fileExists(atPath: archive.url(of: hash).path)
    }

    /// Moves the blobs of a pre-schema-3 state directory from `archive/` into their `bodies` rows.
    ///
    /// A batch of blobs is committed, then its files are removed, so a kill at any point loses
    /// nothing: a blob is always in its row, its file, or both, and reading prefers the row. The
    /// next open goes on where this one stopped. Files no row names are left for `archive gc`.
    ///
    /// - Parameters:
    ///   - database: The open, migrated database.
    ///   - archive: The legacy archive folder.
    ///   - batch: Blobs per transaction.
    ///   - afterCommit: Called after each committed batch with the number moved so far (tests
    ///     stop the move there, as a kill would).
    /// - Throws: ``StoreError`` when the database or a file cannot be read or written.
    static func moveLegacyBlobs(
        _ database: Database,
        archive: BlobArchive,
        batch: Int = 64,
        afterCommit: (Int) throws -> Void = { _ in }
    ) throws {
        guard FileManager.default.fileExists(atPath: archive.directory.path) else { return }
        var moved: Set<String> = []
        let waiting = Set(try database.rows("SELECT hash FROM bodies WHERE blob IS NULL") { $0.string(0) })
        let files = try archive.allHashes()
        let movable = files.filter { waiting.contains($0) }
        var start = 0
        while start < movable.count {
            let chunk = movable[start..<min(start + batch, movable.count)]
            try database.transaction {
                for hash in chunk {
                    guard let bytes = archive.legacyFile(hash) else { continue }
                    try database.query("UPDATE bodies SET blob = ? WHERE hash = ?", [.blob(bytes), .text(hash)])
                }
            }
            moved.formUnion(chunk)
            try afterCommit(moved.count)
            for hash in chunk { try? FileManager.default.removeItem(at: archive.url(of: hash)) }
            start += batch
        }
        // Files whose blob was committed before a kill stopped their removal.
        let stored = Set(try database.rows("SELECT hash FROM bodies WHERE blob IS NOT NULL") { $0.string(0) })
        for hash in files where stored.contains(hash) && !moved.contains(hash) {
            try? FileManager.default.removeItem(at: archive.url(of: hash))
        }
        archive.removeEmptyFolders()
    }

    /// For tests of the move: stops it after the first committed batch of `batch` blobs.
    @_spi(Testing) public static func interruptedLegacyMove(directory: URL, batch: Int) throws {
        struct Interrupted: Error {}
        let database = try Database(path: directory.appendingPathComponent(databaseName).path)
        try migrate(database)
        let archive = BlobArchive(directory: directory.appendingPathComponent("archive"))
        do {
            try moveLegacyBlobs(database, archive: archive, batch: batch) { _ in throw Interrupted() }
        } catch is Interrupted {}
    }
}

extension SnapshotStore {
    /// What a test does to a stored blob.
    @_spi(Testing) public enum BlobDamage: Sendable {
        /// The blob is lost.
        case missing
        /// One byte this far from the end is flipped.
        case flippedByte(fromEnd: Int)
    }

    /// Damages a stored blob in place, as a bad disk would, for tests of verify, export and repair.
    @_spi(Testing) public func damageBlob(_ hash: String, _ damage: BlobDamage) throws {
        switch damage {
        case .missing:
            try database.query("UPDATE bodies SET blob = NULL WHERE hash = ?", [.text(hash)])
            try? FileManager.default.removeItem(at: archive.url(of: hash))
        case .flippedByte(let offset):
            guard var bytes = try storedBlob(hash), bytes.count > offset else { return }
            bytes[bytes.count - 1 - offset] ^= 0xFF
            try database.query("UPDATE bodies SET blob = ? WHERE hash = ?", [.blob(bytes), .text(hash)])
        }
        lastBody.removeAll()
    }
}

extension SnapshotStore {
    /// Runs an SQL script (a `.dump`) against a database file, creating it: for tests that start
    /// from a state directory an older monitor wrote.
    @_spi(Testing) public static func runScript(_ sql: String, onDatabaseAt path: String) throws {
        let database = try Database(path: path)
        try database.execute(sql)
    }
}

extension SnapshotStore {
    /// For tests of the migration: writes a state directory as schema 2 did (a file per blob, a
    /// row per entry per page), one snapshot per page, each blob a full frame.
    @_spi(Testing) public static func writeSchema2State(
        directory: URL,
        site: Site,
        pages: [(fetchedAt: Date, body: [UInt8], entries: PageEntries)]
    ) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try Database(path: directory.appendingPathComponent(databaseName).path)
        let archive = BlobArchive(directory: directory.appendingPathComponent("archive"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try database.transaction {
            for (index, migration) in Migrations.all.prefix(2).enumerated() {
                try database.execute(migration)
                try database.execute("PRAGMA user_version = \(index + 1)")
            }
            try database.query(
                "INSERT INTO sites (id, url, added_at) VALUES (?, ?, 0)",
                [.text(site.id.rawValue), .text(site.url)]
            )
            for page in pages {
                let hash = Self.hash(of: page.body)
                let blob = try BlobArchive.encode(page.body, hash: hash, base: nil).bytes
                let file = archive.url(of: hash)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try Data(blob).write(to: file)
                try database.query(
                    "INSERT OR IGNORE INTO bodies (hash, size, stored_size, base_hash, chain_length, extracted, "
                        + "publications, talks, members) VALUES (?, ?, ?, NULL, 0, 1, ?, ?, ?)",
                    [
                        .text(hash), .int(page.body.count), .int(blob.count), .int(page.entries.publications.count),
                        .int(page.entries.talks.count), .int(page.entries.members.count),
                    ]
                )
                func add<Value: EntryValue>(_ values: [Value]) throws {
                    for (position, value) in values.enumerated() {
                        try database.query(
                            "INSERT OR IGNORE INTO entries (body_hash, kind, position, name, data) VALUES (?, ?, ?, ?, ?)",
                            [
                                .text(hash), .text(Value.kind.rawValue), .int(position), .text(value.displayName),
                                .text(String(decoding: try encoder.encode(value), as: UTF8.self)),
                            ]
                        )
                    }
                }
                try add(page.entries.publications)
                try add(page.entries.talks)
                try add(page.entries.members)
                try database.query(
                    "INSERT INTO snapshots (site_id, fetched_at, outcome, source, body_hash) "
                        + "VALUES (?, ?, 'changed', 'import', ?)",
                    [.text(site.id.rawValue), .real(page.fetchedAt.timeIntervalSince1970), .text(hash)]
                )
            }
        }
    }
}
