import Foundation
import MonitorCore
import MonitorNotify
import MonitorStore
import MonitorTestSupport
import Testing

/// Webhooks end to end: the real binary, a real receiver on 127.0.0.1 that checks every signature.
@Suite(.serialized) struct WebhookCommandTests {
    static let secret = "whsec_" + Data((0..<32).map { UInt8(100 + $0) }).base64EncodedString()
    let monitor = Fixture.monitorExecutable
    let server: FixtureServer
    let folder: URL

    init() throws {
        server = try FixtureServer()
        folder = try Fixture.temporaryDirectory("webhook")
        try server.setPage("a.html", try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/old.html")))
    }

    private var state: URL { folder.appendingPathComponent("state") }
    private var configFile: URL { folder.appendingPathComponent("monitor.toml") }
    private var logFile: URL { folder.appendingPathComponent("stderr.log") }
    private var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    private func writeConfig() throws {
        let text = """
            [defaults]
            interval = "1s"
            jitter = 0

            [[sites]]
            id = "a"
            url = "\(server.url("/page/a.html"))"

            [[webhooks]]
            name = "receiver"
            url = "\(server.url("/hook/receiver"))"
            secret = "\(Self.secret)"
            """
        try Data(text.utf8).write(to: configFile)
    }

    private func startDaemon() throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let process = Process()
        process.executableURL = monitor
        process.arguments = ["run", "--config", configFile.path, "--state-dir", state.path]
        if !FileManager.default.fileExists(atPath: logFile.path) {
            FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: logFile)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func hookRequests() throws -> [[String: Any]] {
        try server.log().requests.filter { ($0["path"] as? String)?.hasPrefix("/hook/") == true }
    }

    private func verified(_ request: [String: Any]) throws -> Bool {
        let headers = request["headers"] as? [String: String] ?? [:]
        return try WebhookSigner(secrets: [Self.secret]).verify(
            id: headers["webhook-id"] ?? "",
            timestamp: Int64(headers["webhook-timestamp"] ?? "") ?? 0,
            body: Array((request["body"] as? String ?? "").utf8),
            header: headers["webhook-signature"] ?? ""
        )
    }

    @Test func aNewPaperIsDeliveredOnceAndSurvivesASIGKILLMidDelivery() async throws {
        try writeConfig()
        var daemon = try startDaemon()
        defer { if daemon.isRunning { daemon.terminate() } }
        let store = { try SnapshotStore(directory: self.state, readOnly: true) }
        let checked = try await waitUntil(30) {
            guard FileManager.default.fileExists(atPath: state.appendingPathComponent("monitor.sqlite3").path) else {
                return false
            }
            return try await store().snapshots(of: "a").count >= 1
        }
        #expect(checked, "log: \(log)")

        // The receiver hangs for 4 s; the page changes; the daemon is killed while the POST is in flight.
        try server.request("/_hook?status=200&delay=4", method: "POST")
        try server.setPage("a.html", try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/new.html")))
        #expect(try await waitUntil(30) { try hookRequests().count >= 1 }, "no webhook request; log: \(log)")
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        let pending = try await store().deliveries()
        #expect(pending.count == 1)
        #expect(pending.first?.status == .pending)

        // After a restart the same message (same webhook-id) is delivered.
        try server.request("/_hook?status=200&delay=0", method: "POST")
        daemon = try startDaemon()
        #expect(try await waitUntil(30) { try await store().deliveries().first?.status == .delivered }, "log: \(log)")
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)

        let requests = try hookRequests()
        let ids = requests.map { ($0["headers"] as? [String: String])?["webhook-id"] ?? "" }
        #expect(Set(ids).count == 1, "\(ids)")
        #expect(ids.first == pending.first?.messageID)
        #expect(try requests.allSatisfy(verified))
        let body = try #require(requests.last?["body"] as? String)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(event["type"] as? String == "homepage.changed")
        #expect((event["site"] as? [String: Any])?["id"] as? String == "a")
        let added =
            ((event["changes"] as? [String: Any])?["publications"] as? [String: Any])?["added"] as? [[String: Any]]
        #expect(added?.map { $0["title"] as? String } == ["Distilling Search into Small Models"])
        // Default events: *.added and publication.modified; the removed paper and talk are not sent.
        let removed = ((event["changes"] as? [String: Any])?["publications"] as? [String: Any])?["removed"] as? [Any]
        #expect(removed?.isEmpty == true)

        let list = try CommandRun.run(monitor, ["webhook", "list", "--state-dir", state.path])
        #expect(list.stdout.contains("receiver  a  delivered  "), "\(list.stdout)")

        // Redeliver sends the same message (same webhook-id) again at once.
        let id = try #require(pending.first?.id)
        let again = try CommandRun.run(
            monitor,
            ["webhook", "redeliver", "\(id)", "--state-dir", state.path, "--config", configFile.path]
        )
        #expect(again.stdout == "\(id): delivered (HTTP 200)\n", "\(again.stdout) \(again.stderr)")
        #expect(try hookRequests().count == requests.count + 1)
        // While a daemon holds the state directory, redeliver only queues: the daemon sends it, once.
        var held: StateLock? = try StateLock.acquire(directory: state, command: "run")
        let queued = try CommandRun.run(
            monitor,
            ["webhook", "redeliver", "\(id)", "--state-dir", state.path, "--config", configFile.path]
        )
        #expect(queued.stdout == "\(id): queued again; the running monitor run (PID \(getpid())) sends it\n")
        #expect(try hookRequests().count == requests.count + 1, "nothing sent beside the daemon")
        #expect(try await store().deliveries().first?.status == .pending)
        #expect(held != nil)
        held = nil
        let unknown = try CommandRun.run(
            monitor,
            ["webhook", "redeliver", "999", "--state-dir", state.path, "--config", configFile.path]
        )
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "Error: no notification 999; see 'monitor webhook list'\n")
    }

    private func check(_ arguments: [String] = []) throws -> CommandRun {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        return try CommandRun.run(
            monitor,
            ["check", "--config", configFile.path, "--state-dir", state.path] + arguments
        )
    }

    @Test func checkFromCronChecksTheConfiguredSitesAndNotifiesAsRunDoes() async throws {
        try writeConfig()
        let old = try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/old.html"))
        let new = try Data(contentsOf: Fixture.directory.appendingPathComponent("compare/new.html"))
        // A site checked once by hand and not in the configuration: listed once, then skipped.
        let byHand = try check(["--site", "gone", "--url", server.url("/page/a.html")])
        #expect(byHand.status == 0, "\(byHand.stderr)")

        let first = try check()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "a: changed, 4 publications, 2 talks, 2 members\n", "\(first.stdout)")
        #expect(first.stderr == "skipped, stored but not in \(configFile.path): gone\n")
        #expect(try hookRequests().isEmpty)  // the first version is the baseline: nothing to announce

        // The page changes: the change is queued and delivered before the command exits.
        try server.setPage("a.html", new)
        let second = try check()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("a: changed"), "\(second.stdout)")
        #expect(second.stdout.hasSuffix("webhooks: 1 attempt\n"), "\(second.stdout)")
        let requests = try hookRequests()
        #expect(requests.count == 1)
        #expect(try requests.allSatisfy(verified))
        let store = try SnapshotStore(directory: state, readOnly: true)
        #expect(try await store.deliveries().map(\.status) == [.delivered])

        // --no-notify: the change is stored, nothing is queued or sent.
        try server.setPage("a.html", old)
        let quiet = try check(["--no-notify"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stdout.contains("webhooks:"))
        #expect(try await store.deliveries().count == 1)
        #expect(try hookRequests().count == 1)

        // The receiver is down: the message waits in the outbox, and the next check delivers it.
        try server.request("/_hook?status=503", method: "POST")
        try server.setPage("a.html", new)
        let down = try check(["--deliver-for", "0s"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(
            down.stdout.contains("webhooks: 1 attempt; 1 message waits in the outbox (next attempt at "),
            "\(down.stdout)"
        )
        try server.request("/_hook?status=200", method: "POST")
        // The first retry is due 5 s (±10 %) after the failed attempt: within --deliver-for, the check waits for it.
        let up = try check(["--deliver-for", "20s"])
        #expect(up.stdout.hasSuffix("webhooks: 1 attempt\n"), "\(up.stdout)")
        #expect(try await store.deliveries().map(\.status) == [.delivered, .delivered])
        let ids = try hookRequests().map { ($0["headers"] as? [String: String])?["webhook-id"] ?? "" }
        #expect(ids.count == 3 && ids[1] == ids[2], "\(ids)")
    }

    @Test func testSendsASignedSampleAndReportsTheAnswer() throws {
        let ok = try CommandRun.run(
            monitor,
            ["webhook", "test", "--url", server.url("/hook/t"), "--secret", Self.secret]
        )
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("→ HTTP 200 in "))
        let request = try #require(try hookRequests().last)
        #expect(try verified(request))
        try server.request("/_hook?status=410", method: "POST")
        let gone = try CommandRun.run(
            monitor,
            ["webhook", "test", "--url", server.url("/hook/t"), "--secret", Self.secret]
        )
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("answered HTTP 410"))
        let bad = try CommandRun.run(monitor, ["webhook", "test", "--url", server.url("/hook/t"), "--secret", "nope"])
        #expect(bad.status == 64)
        try writeConfig()
        let named = try CommandRun.run(
            monitor,
            ["webhook", "test", "--config", configFile.path, "--endpoint", "missing"]
        )
        #expect(named.status == 1)
        #expect(named.stderr.contains("no webhook 'missing'") && named.stderr.contains("configured: receiver"))
    }

    @Test func aRefusedConnectionFailsTheAttemptAtOnce() throws {
        // Issue 14: the connection pool retried a refused connection until its 10 s connect timeout.
        let closed = try ClosedPort()
        let started = Date()
        let run = try CommandRun.run(
            monitor,
            ["webhook", "test", "--url", closed.url("/hook/t"), "--secret", Self.secret]
        )
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Error: \(closed.url("/hook/t")): no answer: "), "\(run.stderr)")
        #expect(run.stderr.contains("onnection refused"), "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func configCheckMasksSecrets() throws {
        try writeConfig()
        let result = try CommandRun.run(monitor, ["config", "check", "--config", configFile.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("secret = [\"whsec_(masked)\"]"))
        #expect(!result.stdout.contains(Self.secret))
    }
}
