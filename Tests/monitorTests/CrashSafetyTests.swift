import Foundation
import MonitorCore
@_spi(Testing) import MonitorStore
import MonitorTestSupport
import Testing

/// SIGKILLs `monitor import`, and the migration of an old state directory, at random points, then
/// checks that nothing is half-stored and that running again completes the work exactly.
@Suite struct CrashSafetyTests {
    let monitor = Fixture.monitorExecutable

    /// A homepage whose nth version has n + 3 papers and a changing talk list.
    static func page(_ number: Int) -> String {
        var html = "<html><body><h1>Ada</h1><h2>Publications</h2>\n"
        for paper in 0..<(number + 3) {
            html += "<p><a href=\"https://arxiv.org/abs/\(3000 + paper)\">A Study of Thing \(paper)</a><br>\n"
            html +=
                "Ada Lindqvist and Co Author \(paper % 5)<br>\n<i>Workshop on Things \(paper)</i>, \(2000 + paper % 24).</p>\n"
        }
        html += "<h2>Talks</h2>\n<p>Talking About Version \(number) at Lakeside University, 2024.</p>\n"
        return html + "</body></html>\n"
    }

    private func importRun(state: URL, pages: URL) throws -> Process {
        let process = Process()
        process.executableURL = monitor
        process.arguments = [
            "import", "--state-dir", state.path, "--site", "ada", "--url", "https://ada.example.edu/", "--dir",
            pages.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func summary(_ state: URL) async throws -> [String] {
        try await SnapshotStore(directory: state).snapshots(of: "ada").map {
            "\($0.fetchedAt.timeIntervalSince1970) \($0.outcome.rawValue) \($0.contentHash ?? "-")"
        }
    }

    @Test func killedImportsLeaveAConsistentStoreAndResume() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let pages = try Fixture.temporaryDirectory("crash-pages")
        let state = try Fixture.temporaryDirectory("crash-state")
        let clean = try Fixture.temporaryDirectory("crash-clean")
        defer {
            for folder in [pages, state, clean] { try? FileManager.default.removeItem(at: folder) }
        }
        let count = 120
        for number in 0..<count {
            let day = String(format: "2020-%02d-%02d", 1 + number / 28, 1 + number % 28)
            try Data(Self.page(number).utf8).write(to: pages.appendingPathComponent("ada-\(day).html"))
        }

        var random = SeededRandom(seed: 20_261_126)
        var kills = 0
        for _ in 0..<10 {
            let process = try importRun(state: state, pages: pages)
            usleep(UInt32(30_000 + random.next() % 600_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            // After every kill: the database is sound and every referenced page verifies.
            let store = try SnapshotStore(directory: state)
            #expect(try await store.integrityCheck() == "ok")
            let report = try await store.verifyArchive()
            #expect(report.damaged.isEmpty, "\(report.damaged.map(\.problem))")
            for snapshot in try await store.snapshots(of: "ada") {
                let hash = try #require(snapshot.contentHash)
                #expect(try await store.entries(ofBody: hash) != nil, "a snapshot without its entries")
            }
            let verify = try CommandRun.run(monitor, ["archive", "verify", "--state-dir", state.path])
            #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        }
        #expect(kills >= 3, "the import finished before most kills; make it longer")

        let finish = try importRun(state: state, pages: pages)
        finish.waitUntilExit()
        #expect(finish.terminationStatus == 0)
        let reference = try importRun(state: clean, pages: pages)
        reference.waitUntilExit()
        let resumed = try await summary(state)
        #expect(resumed.count == count)
        #expect(resumed == (try await summary(clean)))
        let again = try CommandRun.run(
            monitor,
            ["import", "--state-dir", state.path, "--site", "ada", "--dir", pages.path]
        )
        #expect(again.stdout == "ada: imported 0 of \(count) pages (all were already stored)\n")
    }

    /// The entries `page(number)` shows, as the store is given them.
    static func entries(_ number: Int) -> PageEntries {
        PageEntries(
            publications: (0..<(number + 3)).map { paper in
                Publication(
                    title: "A Study of Thing \(paper)",
                    authors: ["Ada Lindqvist", "Co Author \(paper % 5)"],
                    venue: "Workshop on Things \(paper)",
                    year: "\(2000 + paper % 24)"
                )
            },
            talks: [Talk(title: "Talking About Version \(number)", venues: "Lakeside University", year: "2024")]
        )
    }

    @Test func killedMigrationsOfASchema2DirectoryLoseNothing() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let state = try Fixture.temporaryDirectory("migrate-state")
        let scratch = try Fixture.temporaryDirectory("migrate-scratch")
        defer {
            for folder in [state, scratch] { try? FileManager.default.removeItem(at: folder) }
        }
        // 240 versions: 240 blob files and about 30,000 entry rows to rewrite.
        let pages = (0..<240).map { number in
            (
                fetchedAt: Date(timeIntervalSince1970: 1_600_000_000 + Double(number) * 86_400),
                body: Array(Self.page(number).utf8), entries: Self.entries(number)
            )
        }
        try SnapshotStore.writeSchema2State(
            directory: state,
            site: Site(id: "ada", url: "https://ada.example.edu/"),
            pages: pages
        )

        /// Opens a copy of `directory` as it is now (which finishes the migration there) and checks
        /// that every page and its entries are intact.
        func expectNothingLost(in directory: URL) async throws {
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.copyItem(at: directory, to: scratch)
            let store = try SnapshotStore(directory: scratch)
            #expect(try await store.schemaVersion() == 3)
            #expect(try await store.integrityCheck() == "ok")
            let report = try await store.verifyArchive()
            #expect(report.verified == pages.count && report.damaged.isEmpty && report.unreferenced.isEmpty)
            for page in pages {
                let hash = SnapshotStore.hash(of: page.body)
                #expect(try await store.body(hash) == page.body)
                #expect(try await store.entries(ofBody: hash) == page.entries)
            }
            #expect(try await store.snapshots(of: "ada").count == pages.count)
        }

        func migration(of directory: URL) throws -> Process {
            let process = Process()
            process.executableURL = monitor
            // Any command that opens the state directory for writing migrates it.
            process.arguments = ["archive", "gc", "--state-dir", directory.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        /// The blob files still waiting in the old archive folder.
        func filesLeft(in directory: URL) -> Int {
            let folder = directory.appendingPathComponent("archive")
            guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                return 0
            }
            return walk.compactMap { ($0 as? URL)?.pathExtension == "zst" ? 1 : nil }.count
        }
        func microseconds(_ run: () throws -> Void) rethrows -> UInt64 {
            let start = Date()
            try run()
            return UInt64(Date().timeIntervalSince(start) * 1_000_000)
        }
        /// Runs the migration of `directory` again and again, each run SIGKILLed once `waitBeforeKill`
        /// (given the run and the files left when it started) returns, until one finishes; after every run
        /// a copy must open with nothing lost. Returns the kills and those that stopped the move of blobs
        /// part-way (some files moved, some left).
        func killRepeatedly(
            _ directory: URL,
            waitBeforeKill: (Process, Int) -> Void
        ) async throws -> (kills: Int, midMove: Int) {
            var kills = 0
            var midMove = 0
            for _ in 0..<16 {
                let before = filesLeft(in: directory)
                let process = try migration(of: directory)
                waitBeforeKill(process, before)
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
                process.waitUntilExit()
                let after = filesLeft(in: directory)
                if after > 0, after < before { midMove += 1 }
                try await expectNothingLost(in: directory)
                if process.terminationReason == .exit {
                    #expect(process.terminationStatus == 0)
                    return (kills, midMove)
                }
            }
            let last = try migration(of: directory)
            last.waitUntilExit()
            #expect(last.terminationStatus == 0)
            return (kills, midMove)
        }

        // The migration has two parts: the schema conversion (one transaction, then a VACUUM) and the move
        // of the blob files into the database (batches of 64), which is the shorter. Time, on a copy, a whole
        // migration and the same command with nothing to migrate (start-up and gc).
        try FileManager.default.copyItem(at: state, to: scratch)
        let whole = try microseconds { try migration(of: scratch).waitUntilExit() }
        let startup = try microseconds { try migration(of: scratch).waitUntilExit() }
        let moving = try Fixture.temporaryDirectory("migrate-moving")
        defer { try? FileManager.default.removeItem(at: moving) }
        try FileManager.default.removeItem(at: moving)
        try FileManager.default.copyItem(at: state, to: moving)
        // Converts the schema and moves one blob: what a run killed just after the conversion leaves.
        try SnapshotStore.interruptedLegacyMove(directory: moving, batch: 1)
        let total = filesLeft(in: moving)
        // (The one blob it committed keeps its file until the next run: removal follows the commit.)
        try #require(total == pages.count, "one file a version should wait in the archive folder")

        // Kills at random points of a whole migration: before the conversion commits (it rolls back),
        // during the VACUUM after it, or during the move.
        var random = SeededRandom(seed: 20_261_204)
        let (conversionKills, _) = try await killRepeatedly(state) { _, _ in
            usleep(UInt32(startup + random.next() % max(whole > startup ? whole - startup : 0, 1_000)))
        }
        // Kills in the move, each as soon as a batch has committed and its files are going (a random moment
        // would miss a move this short on a fast machine): the next run must resume where this one stopped.
        let (moveKills, midMove) = try await killRepeatedly(moving) { process, before in
            while process.isRunning, filesLeft(in: moving) >= before { usleep(100) }
        }
        #expect(conversionKills >= 1, "every migration finished before its kill; make the history longer")
        #expect(midMove >= 1, "no kill landed while blobs were being moved; make the history longer")
        print(
            "migration: \(conversionKills) kills in the whole, \(moveKills) in the move, \(midMove) of them part-way; "
                + "whole \(whole / 1_000) ms, start-up \(startup / 1_000) ms"
        )
        let finished = try SnapshotStore(directory: state)
        #expect(try await finished.schemaVersion() == 3)
        for directory in [state, moving] {
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("archive").path))
        }
    }
}
