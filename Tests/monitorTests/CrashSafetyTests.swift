import Foundation
import MonitorCore
import MonitorStore
import MonitorTestSupport
import Testing

/// SIGKILLs `monitor import` at random points, then checks that nothing is half-stored and that
/// running the import again completes the history exactly.
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
}
