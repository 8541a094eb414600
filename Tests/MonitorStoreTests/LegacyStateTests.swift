import Foundation
import MonitorCore
@_spi(Testing) import MonitorStore
import MonitorTestSupport
import Testing

/// Opening a state directory that the previous schema (2) wrote.
///
/// Schema 2 kept a file per page blob and a row per entry per page. `fixtures/legacy-state-v2` is such a directory, written by the monitor of
/// 2026-12-03 (`import` of the five `ada-lindqvist` fixture pages), its database as `.dump` text.
@Suite struct LegacyStateTests {
    let directory: URL
    let legacy = Fixture.directory.appendingPathComponent("legacy-state-v2")
    let pages = Fixture.directory.appendingPathComponent("sites/ada-lindqvist")

    init() throws {
        directory = try Fixture.temporaryDirectory("legacy")
        try FileManager.default.copyItem(
            at: legacy.appendingPathComponent("archive"),
            to: directory.appendingPathComponent("archive")
        )
        let dump = try String(contentsOf: legacy.appendingPathComponent("monitor.sql"), encoding: .utf8)
        try SnapshotStore.runScript(dump, onDatabaseAt: directory.appendingPathComponent("monitor.sqlite3").path)
    }

    /// The five pages, by their SHA-256, oldest first.
    private func pageBodies() throws -> [(hash: String, bytes: [UInt8])] {
        try ["2016-03-01", "2018-10-01", "2020-12-01", "2021-06-01", "2022-03-01"].map { name in
            let bytes = Array(try Data(contentsOf: pages.appendingPathComponent("\(name).html")))
            return (SnapshotStore.hash(of: bytes), bytes)
        }
    }

    /// The rows of one table in the dump, each as its SQL values.
    private func dumpRows(_ table: String) throws -> [[String]] {
        let dump = try String(contentsOf: legacy.appendingPathComponent("monitor.sql"), encoding: .utf8)
        let prefix = "INSERT INTO \(table) VALUES("
        return dump.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { line in
            // Values are numbers, NULL or '…' with '' for a quote; none of these fixtures has a comma
            // outside quotes other than between values.
            var values: [String] = []
            var current = ""
            var quoted = false
            var characters = Array(line.dropFirst(prefix.count).dropLast(2))
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if quoted, character == "'", index + 1 < characters.count, characters[index + 1] == "'" {
                    current.append("'")
                    index += 2
                    continue
                }
                if character == "'" {
                    quoted.toggle()
                } else if character == ",", !quoted {
                    values.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
                index += 1
            }
            values.append(current)
            characters.removeAll()
            return values
        }
    }

    @Test func aSchema2DirectoryIsMigratedOnOpenWithNothingLost() async throws {
        let store = try SnapshotStore(directory: directory)
        #expect(try await store.schemaVersion() == 3)
        // Every page reads back byte for byte from the database; the files are gone.
        for page in try pageBodies() {
            #expect(try await store.body(page.hash) == page.bytes)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("archive").path))
        let report = try await store.verifyArchive()
        #expect(report.verified == 5 && report.damaged.isEmpty && report.unreferenced.isEmpty)
        #expect(try await store.integrityCheck() == "ok")

        // Every entry row of the old table is an entry of its page, in the same order.
        let decoder = JSONDecoder()
        let entryRows = try dumpRows("entries")
        try #require(entryRows.count == 59)
        for page in try pageBodies() {
            let entries = try #require(try await store.entries(ofBody: page.hash))
            let rows = entryRows.filter { $0[0] == page.hash }.sorted { Int($0[2])! < Int($1[2])! }
            let old = PageEntries(
                publications: try rows.filter { $0[1] == "publication" }.map {
                    try decoder.decode(Publication.self, from: Data($0[4].utf8))
                },
                talks: try rows.filter { $0[1] == "talk" }.map {
                    try decoder.decode(Talk.self, from: Data($0[4].utf8))
                },
                members: try rows.filter { $0[1] == "member" }.map {
                    try decoder.decode(Member.self, from: Data($0[4].utf8))
                }
            )
            #expect(entries == old)
        }
        // Every change set reads back as the JSON it was.
        let changeRows = try dumpRows("change_sets")
        let stored = try await store.changeSets()
        try #require(stored.count == changeRows.count && !stored.isEmpty)
        for (row, changeSet) in zip(changeRows, stored) {
            #expect(Int64(row[0]) == changeSet.snapshotID)
            #expect(try decoder.decode(ChangeSet.self, from: Data(row[5].utf8)) == changeSet.changes)
        }
        // The feed's query counts the changed entries of each set without decoding it.
        let total = stored.reduce(0) { $0 + $1.changes.count }
        let recent = try await store.recentChangeSets(entries: total)
        #expect(recent.map(\.snapshotID) == stored.map(\.snapshotID).reversed())
        let fewer = try await store.recentChangeSets(entries: 1)
        #expect(fewer.map(\.snapshotID) == [stored.last!.snapshotID])
        #expect(try await store.snapshots(of: "ada").count == 5)
    }

    @Test func aMoveStoppedAfterACommitLosesNothingAndCompletesOnTheNextOpen() async throws {
        // Stop after the first batch of two blobs is committed and before its files are removed:
        // the moment a kill would leave a blob both in its row and in its file.
        try SnapshotStore.interruptedLegacyMove(directory: directory, batch: 2)
        let files = try FileManager.default.subpathsOfDirectory(
            atPath: directory.appendingPathComponent("archive").path
        ).filter { $0.hasSuffix(".zst") }
        #expect(files.count == 5)
        let store = try SnapshotStore(directory: directory)
        for page in try pageBodies() {
            #expect(try await store.body(page.hash) == page.bytes)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("archive").path))
        let report = try await store.verifyArchive()
        #expect(report.verified == 5 && report.damaged.isEmpty && report.unreferenced.isEmpty)
    }

    @Test func entriesAndChangeSetsShareStoredValues() async throws {
        let store = try SnapshotStore(directory: directory)
        // 59 entry rows in the old table, 43 distinct values.
        #expect(try await store.entryValueCount() == 43)
    }
}
