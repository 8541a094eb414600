import Foundation
import MonitorCore
@_spi(Testing) import MonitorStore
import MonitorTestSupport
import Testing

@Suite struct SnapshotStoreTests {
    let directory: URL
    let site = Site(id: "ada", url: "https://ada.example.edu/")

    init() throws {
        directory = try Fixture.temporaryDirectory("store")
    }

    /// A page body that differs a little per version, like a homepage gaining a paper.
    static func version(_ number: Int) -> [UInt8] {
        var html = "<html><body><h2>Publications</h2>\n"
        for paper in 0...number {
            html += "<p><a href=\"https://arxiv.org/abs/\(2000 + paper)\">Paper number \(paper)</a><br>\n"
            html +=
                "Ada Lindqvist and Co Author \(paper % 7)<br>\n<i>Workshop \(paper)</i>, 20\(10 + paper % 15).</p>\n"
        }
        return Array((html + "</body></html>\n").utf8)
    }

    private func store(_ store: SnapshotStore, version number: Int, at seconds: TimeInterval) async throws -> Snapshot {
        let body = Self.version(number)
        let entries = PageEntries(publications: [Publication(title: "Paper number \(number)", year: "2020")])
        return try await store.record(
            Observation(
                siteID: site.id,
                fetchedAt: Date(timeIntervalSince1970: seconds),
                outcome: .changed,
                body: body,
                entries: entries
            )
        )
    }

    @Test func opensInWALModeAtTheLatestSchema() async throws {
        let store = try SnapshotStore(directory: directory)
        #expect(try await store.schemaVersion() == 3)
        #expect(try await store.integrityCheck() == "ok")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("monitor.sqlite3-wal").path))
        // Opening again applies nothing twice.
        let again = try SnapshotStore(directory: directory)
        #expect(try await again.schemaVersion() == 3)
    }

    @Test func identicalBodiesAreStoredOnceAndReadBackExactly() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        let first = try await self.store(store, version: 3, at: 1000)
        let second = try await self.store(store, version: 3, at: 2000)
        #expect(first.contentHash == second.contentHash)
        let hash = try #require(first.contentHash)
        #expect(try await store.body(hash) == Self.version(3))
        #expect(try await store.verifyArchive().verified == 1)
        // Blobs live in the database: no file per page.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("archive").path))
    }

    @Test func deltaChainsAreBoundedAndSmall() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        var hashes: [String] = []
        for number in 0..<70 {
            hashes.append(
                try #require(try await self.store(store, version: number, at: Double(number) * 100).contentHash)
            )
        }
        for (number, hash) in hashes.enumerated() {
            #expect(try await store.body(hash) == Self.version(number))
        }
        let report = try await store.verifyArchive()
        #expect(report.verified == 70)
        #expect(report.damaged.isEmpty)
        // Each version adds ~150 bytes to a growing page: deltas keep a few percent of the raw bytes.
        #expect(
            Double(report.storedBytes) < 0.1 * Double(report.rawBytes),
            "\(report.storedBytes) of \(report.rawBytes)"
        )
        // Damage one blob in the middle: at most one chain (32 versions) is lost, never all 70.
        try await store.damageBlob(hashes[40], .flippedByte(fromEnd: 4))
        let damaged = try await store.verifyArchive()
        #expect(damaged.damaged.map(\.hash).contains(hashes[40]))
        #expect(damaged.damaged.count <= 32)
        #expect(damaged.verified >= 70 - 32)
        #expect(try await store.body(hashes[0]) == Self.version(0))
    }

    @Test func verifyReportsMissingFilesAndGCRemovesOrphans() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        let snapshot = try await self.store(store, version: 1, at: 100)
        let hash = try #require(snapshot.contentHash)
        let orphan = directory.appendingPathComponent("archive/ab/" + String(repeating: "ab", count: 32) + ".zst")
        try FileManager.default.createDirectory(
            at: orphan.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data("leftover".utf8).write(to: orphan)
        var report = try await store.verifyArchive()
        #expect(report.unreferenced == [String(repeating: "ab", count: 32)])
        #expect(report.damaged.isEmpty)
        // A fresh file may belong to a check that has not committed yet: kept for an hour.
        #expect(try await store.collectGarbage().files == 0)
        #expect(FileManager.default.fileExists(atPath: orphan.path))
        let collected = try await store.collectGarbage(ignoringGracePeriod: true)
        #expect(collected.files == 1)
        #expect(!FileManager.default.fileExists(atPath: orphan.path))
        #expect(try await store.body(hash) == Self.version(1))

        // A page no snapshot names goes; a delta base of a needed page stays.
        let second = try #require(try await self.store(store, version: 2, at: 200).contentHash)
        let orphanPage = String(repeating: "cd", count: 32)
        try SnapshotStore.runScript(
            "INSERT INTO bodies (hash, size, stored_size, chain_length, extracted) VALUES ('\(orphanPage)', 1, 7, 0, 0)",
            onDatabaseAt: directory.appendingPathComponent("monitor.sqlite3").path
        )
        let pages = try await store.collectGarbage()
        #expect(pages.pages == 1 && pages.bytes == 7)
        #expect(try await store.body(hash) == Self.version(1))
        #expect(try await store.body(second) == Self.version(2))
        #expect(try await store.verifyArchive().verified == 2)

        try await store.damageBlob(hash, .missing)
        report = try await store.verifyArchive()
        #expect(report.damaged.map(\.problem).first?.contains("missing") == true)
    }

    @Test func eachDistinctEntryIsStoredOnceAndChangeSetsReadBackWhole() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        let first = Publication(title: "Paper one", authors: ["Ada Lindqvist"], venue: "Workshop", year: "2020")
        let second = Talk(title: "A talk", venues: "Somewhere", year: "2021")
        let member = Member(name: "Bo Ekberg", url: "https://bo.example.edu/")
        let edited = Publication(title: "Paper one", authors: ["Ada Lindqvist"], venue: "Conference", year: "2021")
        let pages = [
            PageEntries(publications: [first], talks: [second]),
            PageEntries(publications: [first], talks: [second], members: [member]),
            PageEntries(publications: [edited], talks: [second], members: [member]),
        ]
        let changes = [
            ChangeSet(members: KindChanges(added: [member])),
            ChangeSet(
                publications: KindChanges(
                    modified: [EntryModification(fields: ["venue", "year"], old: first, new: edited)]
                )
            ),
        ]
        var hashes: [String] = []
        for (number, entries) in pages.enumerated() {
            let snapshot = try await store.record(
                Observation(
                    siteID: site.id,
                    fetchedAt: Date(timeIntervalSince1970: Double(number) * 100),
                    outcome: .changed,
                    body: Self.version(number),
                    entries: entries,
                    changeSet: number == 0
                        ? nil : PendingChangeSet(previousSnapshotID: nil, changes: changes[number - 1])
                )
            )
            hashes.append(try #require(snapshot.contentHash))
        }
        // Seven entries on three pages, four distinct values.
        #expect(try await store.entryValueCount() == 4)
        // A second connection (nothing remembered) reads the same.
        let reader = try SnapshotStore(directory: directory, readOnly: true)
        for (hash, entries) in zip(hashes, pages) {
            #expect(try await reader.entries(ofBody: hash) == entries)
        }
        #expect(try await reader.changeSets(of: site.id).map(\.changes) == changes)
    }

    @Test func exportWritesEveryReadablePageAndListsTheDamaged() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        var hashes: [String] = []
        for number in 1...3 {
            let snapshot = try await self.store(store, version: number, at: TimeInterval(number * 100))
            hashes.append(try #require(snapshot.contentHash))
        }
        // The newest page is no other page's delta base: only it is damaged.
        try await store.damageBlob(hashes[2], .missing)
        let out = try Fixture.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try await store.exportArchive(of: site.id, to: out)
        #expect(export.written.count == 2)
        #expect(try export.written.map { Array(try Data(contentsOf: $0)) } == [Self.version(1), Self.version(2)])
        #expect(export.damaged.map(\.hash) == [hashes[2]])
        #expect(export.damaged.first?.fetchedAt == Date(timeIntervalSince1970: 300))
        #expect(export.damaged.first?.problem.contains("missing") == true)
    }

    @Test func aReadOnlyStoreChangesNothing() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        _ = try await self.store(store, version: 1, at: 100)
        let reader = try SnapshotStore(directory: directory, readOnly: true)
        #expect(try await reader.snapshots(of: site.id).count == 1)
        await #expect(throws: StoreError.self) {
            try await reader.addSite(Site(id: "other", url: "https://o.example/"))
        }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString)")
        #expect(throws: StoreError.self) { try SnapshotStore(directory: missing, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func anImportAtTheSameTimeIsStoredOnce() async throws {
        let store = try SnapshotStore(directory: directory)
        try await store.addSite(site)
        let observation = Observation(
            siteID: site.id,
            fetchedAt: Date(timeIntervalSince1970: 500),
            outcome: .changed,
            source: .import,
            body: Self.version(2),
            entries: PageEntries()
        )
        let first = try await store.record(observation)
        let second = try await store.record(observation)
        #expect(first.id == second.id)
        #expect(try await store.snapshots(of: site.id).count == 1)
    }

    @Test func theStateDirectoryFollowsTheDocumentedOrder() {
        let home = ["HOME": "/home/u"]
        #expect(StateDirectory.resolve(option: "/opt/x", environment: ["MONITOR_STATE_DIR": "/m"]).path == "/opt/x")
        #expect(
            StateDirectory.resolve(option: nil, environment: ["MONITOR_STATE_DIR": "/m", "STATE_DIRECTORY": "/s"]).path
                == "/m"
        )
        #expect(
            StateDirectory.resolve(option: nil, environment: ["STATE_DIRECTORY": "/s:/t", "XDG_STATE_HOME": "/x"]).path
                == "/s"
        )
        #expect(
            StateDirectory.resolve(option: nil, environment: ["XDG_STATE_HOME": "/x"].merging(home) { $1 }).path
                == "/x/monitor"
        )
        #expect(StateDirectory.resolve(option: nil, environment: home).path == "/home/u/.local/state/monitor")
    }

    @Test func aNewerSchemaIsRefused() async throws {
        _ = try SnapshotStore(directory: directory)
        let database = directory.appendingPathComponent("monitor.sqlite3").path
        let run = try CommandRun.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "-c",
                "import sqlite3; c=sqlite3.connect('\(database)'); c.execute('PRAGMA user_version=99'); c.commit()",
            ]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(throws: StoreError.self) { try SnapshotStore(directory: directory) }
    }
}
