import Foundation
import MonitorCore
import MonitorStore
import MonitorTestSupport
import Testing

/// `monitor check` against a real HTTP server on 127.0.0.1: every case ends in a stored outcome
/// and, for a failure, one clear line on stderr.
@Suite(.serialized) struct CheckCommandTests {
    let monitor = Fixture.monitorExecutable
    let server: FixtureServer
    let state: URL
    let page: Data

    init() throws {
        server = try FixtureServer()
        state = try Fixture.temporaryDirectory("check")
        page = try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/old.html"))
        try server.setPage("home.html", page)
    }

    private func check(_ arguments: [String]) throws -> CommandRun {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        return try CommandRun.run(monitor, ["check", "--state-dir", state.path] + arguments)
    }

    private func history(_ site: String) async throws -> [Snapshot] {
        try await SnapshotStore(directory: state).snapshots(of: Site.ID(rawValue: site))
    }

    /// Checks a URL once as a new site and returns the run and the stored outcome.
    private func checkOnce(_ site: String, _ path: String, _ extra: [String] = []) async throws -> (
        CommandRun, Snapshot?
    ) {
        let run = try check(["--site", site, "--url", server.url(path)] + extra)
        return (run, try await history(site).last)
    }

    private func expectOneLineError(_ run: CommandRun, containing text: String) {
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(lines.first?.hasPrefix("Error: ") == true)
        #expect(run.stderr.contains(text), "stderr: \(run.stderr)")
    }

    @Test func okThenNotModifiedThenChanged() async throws {
        let (first, snapshot) = try await checkOnce("home", "/page/home.html")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("home: changed, 4 publications, 2 talks, 2 members"))
        #expect(snapshot?.outcome == .changed)
        #expect(snapshot?.etag != nil)

        let second = try check(["--site", "home"])
        #expect(second.status == 0)
        #expect(second.stdout == "home: not-modified, 4 publications, 2 talks, 2 members\n")
        let requests = try server.log().requests
        let headers = requests.last?["headers"] as? [String: String]
        #expect(headers?["if-none-match"] == snapshot?.etag)
        #expect(headers?["user-agent"]?.hasPrefix("homepage-monitor/\(MonitorVersion.current) (+") == true)

        try server.setPage(
            "home.html",
            try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/new.html"))
        )
        let third = try check([])
        #expect(third.status == 0)
        #expect(third.stdout.contains("home: changed"))
        #expect(third.stdout.contains("+1 publication, ~2 publications, -1 publication"))
        let outcomes = try await history("home").map(\.outcome)
        #expect(outcomes == [.changed, .notModified, .changed])
    }

    /// Refusals after the HTTP client is made shut it down first: a debug build trapped (SIGILL) on
    /// "--site nope" against an existing store instead of printing its one line (issue 14 review).
    @Test func anUnknownSiteInAnExistingStoreIsOneLineNotATrap() async throws {
        let (first, _) = try await checkOnce("home", "/page/home.html")
        #expect(first.status == 0, "\(first.stderr)")
        let run = try check(["--site", "nope"])
        expectOneLineError(run, containing: "no site 'nope' in the store")
    }

    @Test func aStateDirectoryHeldByAnotherMonitorIsRefusedNamingThePID() async throws {
        var held: StateLock? = try StateLock.acquire(directory: state, command: "run")
        let run = try check(["--site", "home", "--url", server.url("/page/home.html")])
        #expect(run.status == 75)
        #expect(
            run.stderr
                == "Error: \(state.path) is in use by PID \(getpid()) (monitor run); "
                + "stop it first, or give this command another --state-dir\n"
        )
        #expect(try server.log().requests.isEmpty, "nothing fetched while the directory is held")
        #expect(held != nil)
        held = nil
        // Released (the holder ended): the same check goes through.
        let after = try check(["--site", "home", "--url", server.url("/page/home.html")])
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test func configuredSelectorOverridesAreUsed() async throws {
        // The README's worked example page, served here; detection alone finds nothing on it.
        let folder = Fixture.directory.appendingPathComponent("overrides")
        try server.setPage("lena.html", try Data(contentsOf: folder.appendingPathComponent("lena-okafor.html")))
        let url = server.url("/page/lena.html")
        let rules = try String(contentsOf: folder.appendingPathComponent("monitor.toml"), encoding: .utf8)
            .replacingOccurrences(of: "https://lena-okafor.example.org/", with: url)
        let config = state.appendingPathComponent("monitor.toml")
        try Data(rules.utf8).write(to: config)
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let run = try CommandRun.run(
            monitor,
            ["check", "--state-dir", state.path, "--site", "lena-okafor", "--url", url],
            environment: ["MONITOR_CONFIG": config.path]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "lena-okafor: changed, 3 publications, 2 talks, 0 members\n")
        let empty = state.appendingPathComponent("empty.toml")
        try Data().write(to: empty)
        let without = try CommandRun.run(
            monitor,
            ["check", "--state-dir", state.path, "--site", "plain", "--url", url],
            environment: ["MONITOR_CONFIG": empty.path]
        )
        #expect(without.stdout.hasPrefix("plain: unreadable"), "\(without.stdout) \(without.stderr)")
    }

    @Test func anUnsurePageIsOneWarningThatPointsAtExplain() async throws {
        let prose = (1...6).map { "<li>Spring \($0): we painted the lab and met on the \($0)th floor.</li>" }
        let page = """
            <html><body><h2>Publications</h2><ul>
            <li><a href="p.pdf">Tidal Models for Harbours</a><br>Ana Ruiz and Bo Li<br><i>Coastal Letters</i>, 2024</li>
            \(prose.joined())</ul>
            <h2>Talks</h2><p><a href="t.pdf">Tides at Scale</a> at Harbour Seminar, 2023.</p></body></html>
            """
        try server.setPage("unsure.html", Data(page.utf8))
        let (first, _) = try await checkOnce("unsure", "/page/unsure.html")
        #expect(first.status == 0, "\(first.stderr)")
        let warnings = first.stderr.split(separator: "\n").filter { $0.contains("Extraction unsure") }
        #expect(warnings.count == 1, "stderr: \(first.stderr)")
        #expect(warnings.first?.contains("monitor extract --explain \(server.url("/page/unsure.html"))") == true)
        #expect(warnings.first?.contains("1 of 7 records read as publications") == true, "\(first.stderr)")

        // The talks vanish on the next version: that is a doubt too.
        try server.setPage(
            "unsure.html",
            Data(page.replacingOccurrences(of: "<h2>Talks</h2>", with: "<h2>Misc</h2>").utf8)
        )
        let second = try check(["--site", "unsure"])
        #expect(second.stderr.contains("talks vanished (1 before, none now)"), "\(second.stderr)")
    }

    @Test func redirectsAreFollowedUpToFive() async throws {
        let (ok, snapshot) = try await checkOnce("redirected", "/redirect/4/home.html")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(snapshot?.outcome == .changed)
        let (tooMany, failed) = try await checkOnce("far", "/redirect/6/home.html")
        expectOneLineError(tooMany, containing: "more than 5 redirects")
        #expect(failed?.outcome == .failed)
    }

    @Test func aRedirectLoopFails() async throws {
        let (run, snapshot) = try await checkOnce("loop", "/loop-a")
        expectOneLineError(run, containing: "loop")
        #expect(snapshot?.outcome == .failed)
    }

    @Test func aSlowServerTimesOut() async throws {
        let (run, snapshot) = try await checkOnce("slow", "/slow-headers?seconds=4", ["--timeout", "1"])
        expectOneLineError(run, containing: "no complete answer within")
        #expect(snapshot?.outcome == .failed)
    }

    @Test func aSlowBodyTimesOutToo() async throws {
        let started = Date()
        let (run, snapshot) = try await checkOnce("slowbody", "/slow?seconds=6", ["--timeout", "1"])
        expectOneLineError(run, containing: "no complete answer within 1.0 seconds")
        #expect(snapshot?.outcome == .failed)
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func anOversizedBodyIsRefused() async throws {
        let (run, snapshot) = try await checkOnce("big", "/big?bytes=\(11 << 20)")
        expectOneLineError(run, containing: "larger than the 10485760-byte limit")
        #expect(snapshot?.outcome == .failed)
        #expect(snapshot?.contentHash == nil)
    }

    @Test func aGzipBodyIsDecoded() async throws {
        let (run, snapshot) = try await checkOnce("gzip", "/gzip/home.html")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(snapshot?.outcome == .changed)
        #expect(snapshot?.contentHash == SnapshotStore.hash(of: Array(page)))
    }

    @Test func aGzipBombStopsAtTheLimit() async throws {
        let (run, snapshot) = try await checkOnce("bomb", "/bomb?mb=64", ["--max-body", "\(1 << 20)"])
        expectOneLineError(run, containing: "larger than the 1048576-byte limit")
        #expect(snapshot?.outcome == .failed)
    }

    @Test func aCorruptGzipBodyIsReportedAsDamagedNotTooLarge() async throws {
        let (run, snapshot) = try await checkOnce("badgzip", "/bad-gzip")
        expectOneLineError(
            run,
            containing: "\(server.url("/bad-gzip")): the body sent as Content-Encoding: gzip does not decompress; "
                + "the server sent damaged data, try again later"
        )
        #expect(!run.stderr.contains("limit"))
        #expect(snapshot?.outcome == .failed)
    }

    @Test func aSlowResponseHeadGetsTheWholeTimeLimit() async throws {
        // Issue 14: the head was cut at 30 s (a read timeout) but reported as the --timeout limit.
        let (run, snapshot) = try await checkOnce("slowhead", "/slow-headers?seconds=31", ["--timeout", "40"])
        #expect(!run.stderr.contains("no complete answer"), "\(run.stderr)")
        #expect(snapshot?.outcome == .unreadable)
        #expect(snapshot?.httpStatus == 200)
    }

    @Test func aRefusedConnectionFailsAtOnce() async throws {
        let closed = try ClosedPort()
        let started = Date()
        let run = try check(["--site", "refused", "--url", closed.url("/")])
        expectOneLineError(run, containing: "connection refused")
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func aRedirectToAnotherSchemeIsRefusedByName() async throws {
        for (site, target) in [("tofile", "file:///etc/passwd"), ("toftp", "ftp://127.0.0.1/home.html")] {
            let (run, snapshot) = try await checkOnce(site, "/redirect-to?location=\(target)")
            expectOneLineError(
                run,
                containing: "redirects to \(target); only http and https redirects are followed"
            )
            #expect(snapshot?.outcome == .failed)
        }
    }

    @Test func aRetryAfterBeyondADayIsCappedAtADayAndSaysSo() async throws {
        for (site, value) in [
            ("far", "Thu,%2031%20Dec%202099%2023:59:59%20GMT"), ("huge", "99999999999999999999999"),
        ] {
            let (run, snapshot) = try await checkOnce(site, "/status/503?retry_after=\(value)")
            expectOneLineError(
                run,
                containing:
                    "HTTP 503; it asks to wait a day or more, so the next try is in a day (the longest wait honoured)"
            )
            let retryAt = try #require(snapshot?.retryAt, "\(site)")
            #expect(abs(retryAt.timeIntervalSince(snapshot?.fetchedAt ?? .distantPast) - 86_400) < 1)
        }
    }

    @Test func retryAfterIsHonoured() async throws {
        let (run, snapshot) = try await checkOnce("busy", "/status/429?retry_after=120")
        expectOneLineError(run, containing: "HTTP 429; it asks to wait 120 s")
        #expect(snapshot?.outcome == .failed)
        #expect(snapshot?.httpStatus == 429)
        let retryAt = try #require(snapshot?.retryAt)
        #expect(abs(retryAt.timeIntervalSince(snapshot?.fetchedAt ?? .distantPast) - 120) < 1)
        let requestsBefore = try server.log().requests.count
        let again = try check(["--site", "busy"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("busy: skipped, the server asked to wait until "))
        #expect(try server.log().requests.count == requestsBefore)
    }

    @Test func aServerErrorIsAFailedCheckNotASnapshot() async throws {
        let (run, snapshot) = try await checkOnce("broken", "/status/500")
        expectOneLineError(run, containing: "the server answered HTTP 500")
        #expect(snapshot?.outcome == .failed)
        #expect(snapshot?.contentHash == nil)
    }

    @Test func aLatin1PageKeepsItsAccents() async throws {
        let (run, snapshot) = try await checkOnce("latin1", "/latin1")
        #expect(run.status == 0, "\(run.stderr)")
        let hash = try #require(snapshot?.contentHash)
        let entries = try #require(try await SnapshotStore(directory: state).entries(ofBody: hash))
        #expect(entries.publications.first?.authors == ["José Müller", "Zoë Ångström"])
    }

    @Test func anUnreadablePageKeepsNoValidators() async throws {
        try server.setPage("data.json", Data(#"{"not": "html"}"#.utf8))
        let (run, snapshot) = try await checkOnce("json", "/page/data.json")
        expectOneLineError(run, containing: "not an HTML page")
        #expect(snapshot?.outcome == .unreadable)
        #expect(snapshot?.etag == nil)
        _ = try check(["--site", "json"])
        let headers = try server.log().requests.last?["headers"] as? [String: String]
        #expect(headers?["if-none-match"] == nil)
        #expect(try await history("json").map(\.outcome) == [.unreadable, .unreadable])
    }

    @Test func oneRequestPerHostAtATime() async throws {
        for index in 0..<6 {
            try server.setPage("p\(index).html", page)
            _ = try check(["--site", "s\(index)", "--url", server.url("/page/p\(index).html")])
        }
        // All six sites live on 127.0.0.1: one pass must never have two requests in flight.
        try server.request("/_reset", method: "POST")
        let pass = try check([])
        #expect(pass.status == 0, "\(pass.stderr)")
        let log = try server.log()
        #expect(log.requests.count == 6)
        #expect(log.maxInFlight == 1)
    }

    /// A page with `count` papers under a Publications heading.
    static func papers(_ count: Int) -> Data {
        var html = "<html><body><h2>Publications</h2>\n"
        for index in 0..<count {
            html += "<p><a href=\"https://arxiv.org/abs/\(1000 + index)\">On Topic \(index)</a><br>\n"
            html += "Ada Lindqvist and Bo Chen<br>\n<i>Workshop \(index)</i>, 2024.</p>\n"
        }
        return Data((html + "</body></html>\n").utf8)
    }

    @Test func aMassRemovalIsHeldUntilConfirmed() async throws {
        try server.setPage("mass.html", Self.papers(10))
        _ = try check(["--site", "mass", "--url", server.url("/plain/mass.html")])
        try server.setPage("mass.html", Self.papers(3))
        let dropped = try check(["--site", "mass"])
        #expect(dropped.stdout.contains("suspect"))
        #expect(dropped.stdout.contains("-7 publications (held as suspect until the next check confirms it)"))
        let held = try CommandRun.run(monitor, ["diff", "--state-dir", state.path, "--since", "1h"])
        #expect(held.stdout.contains("No changes.\n\nHeld as suspect, not confirmed yet"))
        #expect(held.stdout.contains("Removed publications (7)"))

        // The page comes back: the held removal is never reported.
        try server.setPage("mass.html", Self.papers(10))
        let back = try check(["--site", "mass"])
        #expect(back.stdout.hasPrefix("mass: unchanged"))
        let after = try CommandRun.run(monitor, ["diff", "--state-dir", state.path, "--since", "1h"])
        #expect(after.stdout.contains("No changes.") && !after.stdout.contains("Held"))

        // It drops again and stays dropped: the second check confirms it.
        try server.setPage("mass.html", Self.papers(3))
        _ = try check(["--site", "mass"])
        let confirmed = try check(["--site", "mass"])
        #expect(confirmed.stdout.contains("confirms the suspect changes held before"))
        let reported = try CommandRun.run(monitor, ["diff", "--state-dir", state.path, "--since", "1h"])
        #expect(reported.stdout.contains("Removed publications (7)"))
        #expect(!reported.stdout.contains("Held"))
        #expect(try await history("mass").map(\.outcome) == [.changed, .suspect, .unchanged, .changed, .unchanged])
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let noSite = try check(["--url", "https://example.edu/"])
        #expect(noSite.status == 64)
        #expect(noSite.stderr.hasPrefix("Error: --url needs --site ID"))
        let badURL = try check(["--site", "x", "--url", "ftp://example.edu/"])
        #expect(badURL.status == 64)
        let badID = try check(["--site", "no spaces", "--url", "https://example.edu/"])
        #expect(badID.status == 64)
        #expect(badID.stderr.contains("not a usable site id"))
        let unknown = try check(["--site", "nobody"])
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "Error: no site 'nobody' in the store; add it with 'monitor check --site nobody --url URL'\n"
        )
    }
}
