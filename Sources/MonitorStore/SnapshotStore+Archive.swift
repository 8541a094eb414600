import Foundation
import MonitorCore

// Archive maintenance: verify, export, garbage collection, integrity.
extension SnapshotStore {
    /// What is wrong with one page, for a line that already names it: "missing", or which base of
    /// its delta chain is damaged and how.
    static func problem(_ error: StoreError, reading hash: String) -> String {
        guard case .damagedBlob(let damaged, let reason) = error else { return error.description }
        return damaged == hash ? reason : "its delta base \(damaged.prefix(12)) is \(reason)"
    }

    /// Re-hashes every archived body the index knows, and lists legacy archive files it does not know.
    public func verifyArchive() throws -> ArchiveReport {
        var report = ArchiveReport()
        let known = try database.rows("SELECT hash FROM bodies ORDER BY hash") { $0.string(0) }
        for hash in known {
            do {
                let raw = try readBody(hash)
                report.verified += 1
                report.rawBytes += raw.count
            } catch let error as StoreError {
                report.damaged.append(
                    ArchiveReport.Damage(
                        hash: hash,
                        problem: Self.problem(error, reading: hash)
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
                raw = try readBody(hash)
            } catch let error as StoreError {
                export.damaged.append(
                    ArchiveExport.Damage(
                        fetchedAt: snapshot.fetchedAt,
                        hash: hash,
                        problem: Self.problem(error, reading: hash)
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

    /// Removes the bodies (blobs) no snapshot needs, directly or as a delta base, and legacy
    /// archive files no body names.
    ///
    /// - Returns: How many pages and files were removed and their stored size.
    ///
    /// Files younger than an hour are kept unless `ignoringGracePeriod` is set: an older monitor
    /// may have written one for a snapshot it has not committed yet. Entry values stay (see
    /// `SnapshotStore+Entries`).
    public func collectGarbage(ignoringGracePeriod: Bool = false) throws -> (pages: Int, files: Int, bytes: Int) {
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
        var pages = 0
        var bytes = 0
        try database.transaction {
            let known = try database.rows("SELECT hash, stored_size FROM bodies") { ($0.string(0), $0.int(1)) }
            for (hash, size) in known where !needed.contains(hash) {
                try database.query("DELETE FROM bodies WHERE hash = ?", [.text(hash)])
                pages += 1
                bytes += size
            }
        }
        // A file written in the last hour may belong to a check that has not committed yet.
        let graceStart = Date() - 3_600
        var removed = 0
        for hash in try archive.allHashes() where !needed.contains(hash) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: archive.url(of: hash).path)
            if let modified = attributes?[.modificationDate] as? Date, modified > graceStart, !ignoringGracePeriod {
                continue
            }
            try archive.remove(hash)
            removed += 1
            bytes += attributes?[.size] as? Int ?? 0
        }
        return (pages, removed, bytes)
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

/// What `monitor archive verify` found.
public struct ArchiveReport: Sendable {
    /// One damaged page blob.
    public struct Damage: Sendable {
        /// The body's hash.
        public var hash: String
        /// What is wrong.
        public var problem: String
    }

    /// Bodies that decompressed and hashed correctly.
    public var verified = 0
    /// Their raw size.
    public var rawBytes = 0
    /// The size of the stored blobs.
    public var storedBytes = 0
    /// Missing or corrupt bodies.
    public var damaged: [Damage] = []
    /// Legacy archive files no database row refers to (`monitor archive gc` removes them).
    public var unreferenced: [String] = []
}
