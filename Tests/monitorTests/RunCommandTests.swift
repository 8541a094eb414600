import Foundation
import MonitorCore
import MonitorStore
import MonitorTestSupport
import Testing

/// `monitor run` as systemd runs it.
///
/// The real binary, a real HTTP server on 127.0.0.1, and a datagram listener as `NOTIFY_SOCKET`. Intervals are a second, so nothing sleeps long.
@Suite(.serialized) struct RunCommandTests {
    let monitor = Fixture.monitorExecutable
    let server: FixtureServer
    let folder: URL

    init() throws {
        server = try FixtureServer()
        folder = try Fixture.temporaryDirectory("run")
        try server.setPage("a.html", try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/old.html")))
        try server.setPage("b.html", try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/new.html")))
    }

    private var state: URL { folder.appendingPathComponent("state") }
    private var configFile: URL { folder.appendingPathComponent("monitor.toml") }
    private var logFile: URL { folder.appendingPathComponent("stderr.log") }

    private func writeConfig(sites: [String], extra: String = "") throws {
        var text = "contact = \"mailto:test@example.org\"\n\(extra)\n[defaults]\ninterval = \"1s\"\njitter = 0\n"
        for site in sites {
            text += "\n[[sites]]\nid = \"\(site)\"\nurl = \"\(server.url("/page/\(site).html"))\"\n"
        }
        try Data(text.utf8).write(to: configFile)
    }

    private func start(
        notify: NotifyListener,
        watchdogMicroseconds: Int = 2_000_000,
        arguments: [String] = []
    ) throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let process = Process()
        process.executableURL = monitor
        process.arguments = ["run", "--config", configFile.path, "--state-dir", state.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment["WATCHDOG_USEC"] = "\(watchdogMicroseconds)"
        environment["JOURNAL_STREAM"] = nil
        process.environment = environment
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func snapshots(_ site: String) async throws -> [Snapshot] {
        guard FileManager.default.fileExists(atPath: state.appendingPathComponent("monitor.sqlite3").path) else {
            return []
        }
        return try await SnapshotStore(directory: state).snapshots(of: Site.ID(rawValue: site))
    }

    private var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The program the daemon's process runs now (`/proc/PID/exe`).
    private func program(of process: Process) -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(process.processIdentifier)/exe"))
        return exe.map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""
    }

    @Test func idleSpellsKeepThePIDTheWatchdogAndTheSchedule() async throws {
        let idle = monitor.deletingLastPathComponent().appendingPathComponent("monitor-idle")
        try #require(FileManager.default.isExecutableFile(atPath: idle.path), "no monitor-idle beside \(monitor.path)")
        try writeConfig(sites: ["a"])
        try Data(
            try String(contentsOf: configFile, encoding: .utf8).replacingOccurrences(
                of: "interval = \"1s\"",
                with: "interval = \"6s\""
            ).utf8
        ).write(to: configFile)
        let notify = try NotifyListener()
        let daemon = try start(notify: notify, arguments: ["--idle-after", "2s"])
        defer { if daemon.isRunning { daemon.terminate() } }

        // Checked, then nothing due for 6 s (more than --idle-after): the same process becomes monitor-idle.
        #expect(try await waitUntil(30) { try await snapshots("a").count >= 1 }, "a was not checked; log: \(log)")
        #expect(try await waitUntil(15) { program(of: daemon) == "monitor-idle" }, "never went idle; log: \(log)")
        #expect(log.contains("Nothing due for a while: going idle"))
        #expect(!notify.messages.contains { $0.text == "STOPPING=1" }, "going idle is not stopping")
        let idleSince = Date()
        // While idle the watchdog is still fed (every half WatchdogSec), and the status says so.
        #expect(
            try await waitUntil(5) {
                notify.messages.contains { $0.text == "WATCHDOG=1" && $0.at > idleSince.addingTimeInterval(0.5) }
            }
        )
        #expect(notify.messages.contains { $0.text.hasPrefix("STATUS=idle until ") })
        // The lock is held through the hand-over: while it is monitor-idle, the state directory is still
        // the daemon's, and another monitor would be refused naming its PID (issue 14).
        #expect(program(of: daemon) == "monitor-idle")
        #expect {
            _ = try StateLock.acquire(directory: state, command: "check")
        } throws: { error in
            guard case StoreError.locked(_, let pid, _) = error else { return false }
            return pid == daemon.processIdentifier
        }

        // At the due time it is monitor again, in the same process, and the site is checked on schedule.
        #expect(try await waitUntil(30) { try await snapshots("a").count >= 2 }, "not resumed; log: \(log)")
        let checks = try await snapshots("a").map(\.fetchedAt)
        #expect(checks.count >= 2 && checks[1].timeIntervalSince(checks[0]) >= 5.5, "checks at \(checks)")
        #expect(daemon.isRunning)

        // SIGHUP while idle with a broken file: logged, the previous configuration kept, still running.
        #expect(try await waitUntil(15) { program(of: daemon) == "monitor-idle" })
        try Data("[[sites]]\nid = \"c\"\nurll = \"x\"\n".utf8).write(to: configFile)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try await waitUntil(15) { log.contains("Configuration not reloaded; keeping the previous one") })
        #expect(log.contains("monitor.toml:3: sites.urll: unknown key"))
        #expect(daemon.isRunning, "log: \(log)")

        // SIGTERM while idle: a prompt, clean exit.
        #expect(try await waitUntil(15) { program(of: daemon) == "monitor-idle" })
        let stopAt = Date()
        kill(daemon.processIdentifier, SIGTERM)
        #expect(try await waitUntil(10) { !daemon.isRunning })
        #expect(Date().timeIntervalSince(stopAt) < 5)
        #expect(daemon.terminationStatus == 0, "log: \(log)")
    }

    @Test func readyWatchdogChangesReloadAndGracefulStop() async throws {
        try writeConfig(sites: ["a"])
        let notify = try NotifyListener()
        let daemon = try start(notify: notify)
        defer { if daemon.isRunning { daemon.terminate() } }

        #expect(notify.waitFor("READY=1", timeout: 30), "no READY=1; log: \(log)")
        #expect(try await waitUntil(30) { try await snapshots("a").count >= 2 }, "a was not checked; log: \(log)")
        #expect(notify.messages.contains { $0.text.hasPrefix("STATUS=1 site, 0 failing; last: a ") })

        // A changed page becomes a stored change, reported in the log.
        try server.setPage("a.html", try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/new.html")))
        #expect(try await waitUntil(30) { try await snapshots("a").filter { $0.outcome == .changed }.count >= 2 })
        let changes = try await SnapshotStore(directory: state).changeSets(of: "a")
        #expect(changes.count == 1)
        #expect(changes.first?.changes.publications.added.map(\.title) == ["Distilling Search into Small Models"])
        #expect(try await waitUntil(5) { log.contains("notice monitor: Change detected") })

        // WATCHDOG=1 at least every half WatchdogSec (2 s here): gaps near 1 s, never near 2 s.
        let pings = notify.messages.filter { $0.text == "WATCHDOG=1" }.map(\.at)
        #expect(pings.count >= 3, "\(pings.count) watchdog pings")
        let gaps = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }
        // Sent every half WatchdogSec: gaps near 1 s, and never one as long as WatchdogSec (2 s), even on
        // a loaded machine.
        let sorted = gaps.sorted()
        #expect(sorted.isEmpty || sorted[sorted.count / 2] < 1.2, "watchdog gaps \(gaps)")
        #expect((gaps.max() ?? 9) < 2.0, "watchdog gaps \(gaps)")

        // SIGHUP with a new site: it gets checked.
        try writeConfig(sites: ["a", "b"])
        kill(daemon.processIdentifier, SIGHUP)
        #expect(
            try await waitUntil(30) { try await !snapshots("b").isEmpty },
            "b was not checked after SIGHUP; log: \(log)"
        )
        #expect(notify.waitFor("RELOADING=1", timeout: 1))

        // An invalid configuration on SIGHUP is logged and the old one kept.
        try Data("[[sites]]\nid = \"c\"\nurll = \"x\"\n".utf8).write(to: configFile)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try await waitUntil(5) { log.contains("Configuration not reloaded") })
        #expect(log.contains("monitor.toml:3: sites.urll: unknown key"))
        let countBefore = try await snapshots("b").count
        #expect(try await waitUntil(5) { try await snapshots("b").count > countBefore })

        // SIGTERM: a prompt, clean exit.
        let stopAt = Date()
        kill(daemon.processIdentifier, SIGTERM)
        #expect(try await waitUntil(30) { !daemon.isRunning })
        #expect(Date().timeIntervalSince(stopAt) < 5)
        #expect(daemon.terminationStatus == 0, "log: \(log)")
        #expect(notify.messages.contains { $0.text == "STOPPING=1" })
        #expect(log.contains("info monitor: Monitor stopped"))
    }

    @Test func failuresAreReportedAfterTheBudgetAndRecoveryIsLogged() async throws {
        // /flaky answers 503 three times, then the page: a warning after two failures, then a recovery.
        let text = """
            [defaults]
            interval = "1s"
            jitter = 0
            failures_before_report = 2

            [[sites]]
            id = "flaky"
            url = "\(server.url("/flaky/a.html?fail=3"))"
            """
        try Data(text.utf8).write(to: configFile)
        let notify = try NotifyListener()
        let daemon = try start(notify: notify)
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(try await waitUntil(40) { log.contains("notice monitor: Site recovered") }, "log: \(log)")
        kill(daemon.processIdentifier, SIGTERM)
        #expect(try await waitUntil(30) { !daemon.isRunning })
        let lines = log.split(separator: "\n")
        let failing = lines.filter { $0.contains("warning monitor: Site failing") }
        #expect(failing.count == 1, "\(lines)")
        #expect(failing.first?.contains("failures=2") == true)
        // Retry-After: 1 on each 503 is honoured, so the three failures take at least two seconds.
        let outcomes = try await snapshots("flaky").map(\.outcome)
        #expect(Array(outcomes.prefix(4)) == [.failed, .failed, .failed, .changed])
        // Outside journald, each line starts with a UTC timestamp.
        #expect(
            lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, options: .regularExpression) != nil }
        )
    }

    @Test func underJournaldLinesCarryAPriorityAndNoTimestamp() async throws {
        try writeConfig(sites: ["a"])
        let process = Process()
        process.executableURL = monitor
        process.arguments = ["run", "--config", configFile.path, "--state-dir", state.path]
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNAL_STREAM"] = "8:12345"
        environment["NOTIFY_SOCKET"] = nil
        process.environment = environment
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        #expect(try await waitUntil(30) { log.contains("Checked") }, "log: \(log)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = log.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>info monitor: Monitor running") }, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("<") })
    }

    @Test func aBadConfigurationExits78WithOneLine() throws {
        try Data("contact = \"x\"\n\n[defaults]\ninterval = \"soon\"\n".utf8).write(to: configFile)
        let result = try CommandRun.run(monitor, ["run", "--config", configFile.path, "--state-dir", state.path])
        #expect(result.status == 78)
        #expect(
            result.stderr
                == "Error: \(configFile.path):4: defaults.interval: must be a duration such as \"6h\", \"30m\", "
                + "\"90s\" or \"1d\", or whole seconds (at most a year)\n"
        )
        let missing = try CommandRun.run(monitor, ["run", "--config", folder.appendingPathComponent("none.toml").path])
        #expect(missing.status == 78)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let broken = try CommandRun.run(
            monitor,
            ["config", "check", "--config", Fixture.directory.appendingPathComponent("compare/old.html").path]
        )
        #expect(broken.status == 78)
        #expect(broken.stderr.contains("not valid TOML"))
    }

    @Test func configCheckPrintsTheResolvedConfiguration() throws {
        let example = Fixture.packageRoot.appendingPathComponent("monitor.example.toml")
        let result = try CommandRun.run(monitor, ["config", "check", "--config", example.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "[[sites]]\nid = \"colinraffel\"\nurl = \"https://colinraffel.com/\"\ninterval = \"6h\"\nenabled = true\n"
            )
        )
        #expect(result.stdout.contains("interval = \"1d\"\nenabled = false\n"))
        let embedded = try CommandRun.run(
            monitor,
            ["config", "check"],
            environment: ["HOME": folder.path, "XDG_CONFIG_HOME": "", "MONITOR_CONFIG": ""]
        )
        #expect(embedded.stdout.hasPrefix("# embedded default\n"))
        #expect(embedded.stdout.contains("url = \"https://colinraffel.com/\"\ninterval = \"6h\""))
    }
}
