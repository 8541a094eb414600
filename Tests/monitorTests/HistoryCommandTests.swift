import Foundation
import MonitorCore
@_spi(Testing) import MonitorStore
import MonitorTestSupport
import Testing

/// `monitor import`, `history`, `diff` and `archive` on the fixture site's five dated pages.
@Suite struct HistoryCommandTests {
    let monitor = Fixture.monitorExecutable
    let pages = Fixture.directory.appendingPathComponent("sites/ada-lindqvist")
    let state: URL

    init() throws {
        state = try Fixture.temporaryDirectory("history")
    }

    private func run(_ arguments: [String]) throws -> CommandRun {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        return try CommandRun.run(monitor, arguments + ["--state-dir", state.path])
    }

    private func importFixtures() throws {
        let result = try run(["import", "--site", "ada", "--url", "https://ada.example.edu/", "--dir", pages.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ada: imported 5 of 5 pages (5 changed)\n")
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func importIsDatedByFileNameAndIdempotent() throws {
        try importFixtures()
        let again = try run(["import", "--site", "ada", "--dir", pages.path])
        #expect(again.stdout == "ada: imported 0 of 5 pages (all were already stored)\n")
        let history = try run(["history", "--site", "ada"])
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("2016-03-01T00:00:00Z  ada  changed") == true)
        #expect(lines.last?.hasSuffix("5 publications, 5 talks, 6 members") == true)
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(try run(["history", "--format", "json"]).stdout.utf8))
                as? [[String: Any]]
        )
        #expect(objects.count == 5)
        #expect(objects.first?["fetchedAt"] as? String == "2016-03-01T00:00:00Z")
        #expect((objects.first?["contentHash"] as? String)?.count == 64)
    }

    @Test func netDiffEqualsComparingTheTwoPages() throws {
        try importFixtures()
        let diff = try run(["diff", "--since", "2016-06-01", "--until", "2021-01-01", "--format", "json"])
        #expect(diff.status == 0, "\(diff.stderr)")
        let site = try #require((try json(diff.stdout)["sites"] as? [[String: Any]])?.first)
        let compare = try CommandRun.run(
            monitor,
            [
                "compare", "--format", "json", "--base-url", "https://ada.example.edu/",
                pages.appendingPathComponent("2016-03-01.html").path,
                pages.appendingPathComponent("2020-12-01.html").path,
            ]
        )
        let expected = try json(compare.stdout)
        #expect(!(expected["publications"] as? [String: Any] ?? [:]).isEmpty)
        #expect(
            NSDictionary(dictionary: site["changes"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: expected)
        )
        #expect((site["from"] as? [String: Any])?["at"] as? String == "2016-03-01T00:00:00Z")
        #expect((site["to"] as? [String: Any])?["at"] as? String == "2020-12-01T00:00:00Z")
    }

    @Test func eventsListEachChangeWithItsTime() throws {
        try importFixtures()
        let events = try run(["diff", "--since", "2000-01-01", "--events", "--format", "json"])
        let list = try #require(try json(events.stdout)["events"] as? [[String: Any]])
        #expect(
            list.map { $0["detectedAt"] as? String } == [
                "2018-10-01T00:00:00Z", "2020-12-01T00:00:00Z", "2021-06-01T00:00:00Z", "2022-03-01T00:00:00Z",
            ]
        )
        let members = try run(["diff", "--since", "2000-01-01", "--kind", "member"])
        #expect(members.stdout.contains("New members"))
        #expect(!members.stdout.contains("publications"))
        let text = try run(["diff", "--since", "2021-01-01", "--until", "2021-07-01"])
        #expect(
            text.stdout.hasPrefix("== ada (https://ada.example.edu/)\n2020-12-01T00:00:00Z → 2021-06-01T00:00:00Z\n")
        )
    }

    @Test func badTimesAndKindsAreOneLineUsageErrors() throws {
        try importFixtures()
        for arguments in [
            ["--since", "lastweek2"], ["--since", "3x"], ["--since", "2024-13-45"],
            ["--since", "1d", "--kind", "paper"],
        ] {
            let result = try run(["diff"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let since = try run(["diff", "--since", "2w"])
        #expect(since.stderr.isEmpty)
        #expect(since.status == 0)
        let swapped = try run(["diff", "--since", "2022-01-01", "--until", "2021-01-01"])
        #expect(swapped.status == 1)
        #expect(swapped.stderr.contains("swap them"))
        let empty = try CommandRun.run(monitor, ["diff", "--since", "1d", "--state-dir", state.path + "/none"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no monitor state in"))
    }

    @Test func aSpanWithAMinusSaysToDropIt() throws {
        try importFixtures()
        for (arguments, expected) in [
            (
                ["--since", "-3d"],
                "Error: The value '-3d' is invalid for '--since <when>': spans count back from now: "
                    + "use --since 3d (3 days ago)\n"
            ),
            (
                ["--since", "2000-01-01", "--until", "-2w"],
                "Error: The value '-2w' is invalid for '--until <when>': spans count back from now: "
                    + "use --until 2w (2 weeks ago)\n"
            ),
        ] {
            let result = try run(["diff"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr == expected)
        }
        let attached = try run(["diff", "--since=3d"])
        #expect(attached.status == 0, "\(attached.stderr)")
    }

    @Test func exportWritesEveryReadablePageAndListsTheDamaged() async throws {
        try importFixtures()
        let store = try SnapshotStore(directory: state)
        let hashes = try await store.snapshots(of: "ada").compactMap(\.contentHash)
        try #require(hashes.count == 5)
        try await store.damageBlob(hashes[1], .missing)
        // Pages stored as deltas of the removed one are damaged too: verify says which.
        let damaged = Set(try await store.verifyArchive().damaged.map(\.hash))
        try #require(damaged.contains(hashes[1]) && damaged.count < 5)
        let out = try Fixture.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try run(["archive", "export", "--site", "ada", "--out", out.path])
        #expect(export.status == 1)
        let count = 5 - damaged.count
        #expect(export.stdout == "wrote \(count) page\(count == 1 ? "" : "s") to \(out.path)\n")
        let lines = export.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == damaged.count + 1, "\(export.stderr)")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("DAMAGED ada ") }, "\(export.stderr)")
        #expect(lines.contains { $0.contains(String(hashes[1].prefix(12))) && $0.contains("missing") })
        #expect(
            lines.last
                == "Error: \(damaged.count) of 5 pages are damaged in the archive and were not exported; "
                + "restore them from a backup or re-import them, then export again"
        )
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(written.count == 5 - damaged.count)
        #expect(!written.contains { $0.contains(hashes[1].prefix(12)) })
    }

    @Test func exportWritesThePagesBackByteForByte() throws {
        try importFixtures()
        let out = try Fixture.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try run(["archive", "export", "--site", "ada", "--out", out.path])
        #expect(export.stdout == "wrote 5 pages to \(out.path)\n")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(written.first?.hasPrefix("ada-2016-03-01T000000Z-") == true)
        for (file, original) in zip(written, ["2016-03-01", "2018-10-01", "2020-12-01", "2021-06-01", "2022-03-01"]) {
            #expect(
                try Data(contentsOf: out.appendingPathComponent(file))
                    == Data(contentsOf: pages.appendingPathComponent("\(original).html"))
            )
        }
        let verify = try run(["archive", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("5 pages verified, 0 damaged, 0 unreferenced files;"))
        let gc = try run(["archive", "gc"])
        #expect(gc.stdout == "removed 0 pages no snapshot needs and 0 unreferenced files (0 bytes)\n")

        // The exported pages import back at the same times: nothing new.
        let again = try run(["import", "--site", "ada", "--dir", out.path])
        #expect(again.stdout == "ada: imported 0 of 5 pages (all were already stored)\n", "\(again.stderr)")
    }

    /// gc removes files no snapshot names yet: not while a run, check or import may be writing one.
    @Test func gcWaitsForNoOneAndRefusesAHeldStateDirectory() async throws {
        try importFixtures()
        var held: StateLock? = try StateLock.acquire(directory: state, command: "run")
        let gc = try run(["archive", "gc"])
        #expect(gc.status == 75)
        #expect(gc.stderr.hasPrefix("Error: \(state.path) is in use by PID \(getpid()) (monitor run)"), "\(gc.stderr)")
        #expect(held != nil)
        held = nil
        #expect(try run(["archive", "gc"]).status == 0)
    }

    @Test func aDamagedArchiveFailsVerify() async throws {
        try importFixtures()
        let store = try SnapshotStore(directory: state)
        let hash = try #require(try await store.snapshots(of: "ada").first?.contentHash)
        try await store.damageBlob(hash, .missing)
        let verify = try run(["archive", "verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("DAMAGED page \(hash): missing"))
        #expect(verify.stderr.hasPrefix("Error: the archive has"))

        // Importing the pages again writes the missing file back.
        let repair = try run(["import", "--site", "ada", "--dir", pages.path])
        #expect(repair.status == 0, "\(repair.stderr)")
        let fixed = try run(["archive", "verify"])
        #expect(fixed.status == 0, "\(fixed.stdout)")
        let history = try run(["history"])
        #expect(history.status == 0)
    }

    @Test func importFromGitUsesEachCommitTouchingTheFile() throws {
        let repository = try Fixture.temporaryDirectory("git")
        defer { try? FileManager.default.removeItem(at: repository) }
        func git(_ arguments: [String], date: String? = nil) throws {
            var environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T"]
            environment["GIT_COMMITTER_EMAIL"] = "t@example.org"
            if let date {
                environment["GIT_AUTHOR_DATE"] = date
                environment["GIT_COMMITTER_DATE"] = date
            }
            let result = try CommandRun.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                ["git", "-C", repository.path] + arguments,
                environment: environment
            )
            try #require(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        try git(["init", "-q"])
        for day in ["2016-03-01", "2018-10-01", "2020-12-01"] {
            try Data(contentsOf: pages.appendingPathComponent("\(day).html"))
                .write(to: repository.appendingPathComponent("index.html"))
            try Data(day.utf8).write(to: repository.appendingPathComponent("NOTES"))
            try git(["add", "."])
            try git(["commit", "-q", "-m", day], date: "\(day)T12:00:00Z")
        }
        try Data("only notes".utf8).write(to: repository.appendingPathComponent("NOTES"))
        try git(["commit", "-q", "-am", "notes"], date: "2021-01-01T12:00:00Z")
        let result = try run([
            "import", "--site", "ada", "--url", "https://ada.example.edu/", "--git", repository.path, "--path",
            "index.html",
        ])
        #expect(result.stdout == "ada: imported 3 of 3 pages (3 changed)\n", "\(result.stderr)")
        let history = try run(["history"]).stdout.split(separator: "\n")
        #expect(
            history.map { String($0.prefix(20)) } == [
                "2016-03-01T12:00:00Z", "2018-10-01T12:00:00Z", "2020-12-01T12:00:00Z",
            ]
        )
        let missing = try run(["import", "--site", "ada", "--git", repository.path])
        #expect(missing.status == 64)
    }
}
