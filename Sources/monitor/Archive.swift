import ArgumentParser
import Foundation
import MonitorCore
import MonitorStore

/// `monitor archive`: check, export and tidy the page archive.
struct Archive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Verify, export or clean up the archive of raw pages.",
        subcommands: [Verify.self, Export.self, GC.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Re-hash every archived page; exit 1 when any is missing or corrupt."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let snapshots = try store.openExisting()
            let report = try await snapshots.verifyArchive()
            let integrity = try await snapshots.integrityCheck()
            for damage in report.damaged {
                print("DAMAGED page \(damage.hash): \(damage.problem)")
            }
            let ratio = report.rawBytes > 0 ? 100 * Double(report.storedBytes) / Double(report.rawBytes) : 0
            print(
                "\(report.verified) pages verified, \(report.damaged.count) damaged, "
                    + "\(report.unreferenced.count) unreferenced files; "
                    + "\(report.storedBytes) bytes stored for \(report.rawBytes) raw (\(String(format: "%.2f", ratio)) %); "
                    + "database integrity: \(integrity)"
            )
            if !report.unreferenced.isEmpty { print("Run 'monitor archive gc' to remove the unreferenced files.") }
            if !report.damaged.isEmpty || integrity != "ok" {
                throw CommandError(
                    "the archive has \(report.damaged.count) damaged page(s)\(integrity == "ok" ? "" : " and the database is damaged"); "
                        + "restore them from a backup, or re-import the history"
                )
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a site's archived pages to a directory, named by date.",
            discussion: """
                Every readable page is written; a damaged one is listed on stderr (DAMAGED site time \
                page hash: problem) and makes the command exit 1 after the others are written.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("The site.", valueName: "id"))
        var site: String

        @Option(help: ArgumentHelp("The directory to write to (created if needed).", valueName: "dir"))
        var out: String

        func run() async throws {
            let snapshots = try store.openExisting()
            let export: ArchiveExport
            do {
                export = try await snapshots.exportArchive(of: Site.ID(rawValue: site), to: URL(fileURLWithPath: out))
            } catch let error as CocoaError {
                // A folder the user cannot write, a full disk: one line that says so, not Foundation's dump.
                let reason =
                    switch error.code {
                    case .fileWriteNoPermission: "permission denied"
                    case .fileWriteOutOfSpace: "the disk is full"
                    case .fileWriteVolumeReadOnly: "the volume is read-only"
                    default: "\(error.code.rawValue): \(error.localizedDescription)"
                    }
                throw CommandError("cannot write the pages to \(out) (\(reason)); give --out a folder you can write")
            }
            print("wrote \(export.written.count) page\(export.written.count == 1 ? "" : "s") to \(out)")
            guard !export.damaged.isEmpty else { return }
            for damage in export.damaged {
                FileHandle.standardError.write(
                    Data("DAMAGED \(site) \(damage.fetchedAt.iso8601) \(damage.hash): \(damage.problem)\n".utf8)
                )
            }
            throw CommandError(
                "\(export.damaged.count) of \(export.written.count + export.damaged.count) pages are damaged in the "
                    + "archive and were not exported; restore them from a backup or re-import them, then export again"
            )
        }
    }

    struct GC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc",
            abstract: "Remove stored pages no snapshot needs, and leftover archive files."
        )

        @OptionGroup var store: StoreOptions

        @Flag(
            name: .customLong("include-recent"),
            help: "Also remove leftover files written in the last hour (only when no check or import is running)."
        )
        var includeRecent = false

        func run() async throws {
            try store.requireExisting()
            // Not while a run, check or import writes pages it has not yet recorded.
            let lock = try StateLock.acquire(directory: store.directory, command: "archive gc")
            defer { withExtendedLifetime(lock) {} }
            let snapshots = try store.openWritable()
            let removed = try await snapshots.collectGarbage(ignoringGracePeriod: includeRecent)
            print(
                "removed \(removed.pages) pages no snapshot needs and \(removed.files) unreferenced files "
                    + "(\(removed.bytes) bytes)"
            )
        }
    }
}
