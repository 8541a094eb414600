import Foundation
import Logging
import MonitorServe
import MonitorStore
import MonitorTestSupport
import Testing

/// The e-mail digest: due once per period, nothing sent without changes, a failed send retried,
/// and the message a real MIME parser (Python's `email`) reads as text + HTML.
@Suite struct DigestServiceTests {
    let harness: ServeHarness
    let folder: URL

    init() throws {
        harness = try ServeHarness(label: "digest")
        folder = try Fixture.temporaryDirectory("digest-mail")
    }

    /// A stand-in sendmail: saves its arguments and standard input, or fails when `fail` exists.
    private func standIn() throws -> URL {
        let script = folder.appendingPathComponent("sendmail")
        try Data(
            """
            #!/bin/sh
            if [ -e "\(folder.path)/fail" ]; then echo "mail queue full" >&2; exit 75; fi
            n=$(ls "\(folder.path)" | grep -c '^message')
            echo "$@" > "\(folder.path)/args$n"
            cat > "\(folder.path)/message$n"

            """.utf8
        ).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }

    private func service(at date: Date, sendmail: URL) throws -> DigestService {
        DigestService(
            settings: .init(
                to: ["ada@example.edu"],
                from: "monitor@example.edu",
                every: .seconds(7 * 86_400),
                sendmail: sendmail.path
            ),
            store: try SnapshotStore(directory: harness.state, readOnly: true),
            logger: Logger(label: "test.digest"),
            render: { ("TEXT \($0.sites.count)", "<p>HTML ünïcode</p>") },
            now: { date }
        )
    }

    private func messages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("message") }.sorted()
    }

    @Test func sendsOncePerPeriodRetriesFailuresAndSkipsQuietWeeks() async throws {
        let sendmail = try standIn()
        let day = 86_400.0
        // The first wake starts the period: the fixture's last change (2022-03-01) falls inside it.
        let start = Date(timeIntervalSince1970: 1_645_500_000)  // 2022-02-22T03:20:00Z
        #expect(try await service(at: start, sendmail: sendmail).sendIfDue() == .notDue)
        #expect(try await service(at: start + 3 * day, sendmail: sendmail).sendIfDue() == .notDue)
        try Data().write(to: folder.appendingPathComponent("fail"))
        let failed = try await service(at: start + 8 * day, sendmail: sendmail).sendIfDue()
        #expect(failed == .failed("\(sendmail.path) exited with status 75: mail queue full"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("fail"))
        #expect(try await service(at: start + 9 * day, sendmail: sendmail).sendIfDue() == .sent)
        #expect(try messages() == ["message0"])
        #expect(try await service(at: start + 10 * day, sendmail: sendmail).sendIfDue() == .notDue)
        // The week after has no change: nothing is sent, and the next period starts.
        #expect(try await service(at: start + 17 * day, sendmail: sendmail).sendIfDue() == .nothingChanged)
        #expect(try messages() == ["message0"])
        let args = try String(contentsOf: folder.appendingPathComponent("args0"), encoding: .utf8)
        #expect(args == "-t -i\n")
        let parsed = try python(
            """
            import email, sys, json
            from email import policy
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
            parts = [(p.get_content_type(), p.get_content()) for p in m.iter_parts()]
            print(json.dumps({"to": m["To"], "from": m["From"], "subject": m["Subject"],
                              "type": m.get_content_type(), "parts": parts, "defects": len(m.defects)}))
            """,
            [folder.appendingPathComponent("message0").path]
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [String: Any])
        #expect(object["to"] as? String == "ada@example.edu")
        #expect(object["from"] as? String == "monitor@example.edu")
        #expect(object["type"] as? String == "multipart/alternative")
        #expect(object["defects"] as? Int == 0)
        #expect(object["subject"] as? String == "homepage-monitor: 12 changes on 1 site since 2022-02-22")
        let parts = try #require(object["parts"] as? [[String]])
        #expect(parts == [["text/plain", "TEXT 1"], ["text/html", "<p>HTML ünïcode</p>"]])
    }

    @Test func monitorRunSendsTheDueDigestThroughSendmail() async throws {
        let sendmail = try standIn()
        // The period began before the fixture's last change (2022-03-01), so it is over and has changes.
        try Data("{\"periodStart\":\"2022-02-22T00:00:00Z\"}".utf8)
            .write(to: harness.state.appendingPathComponent("digest.json"))
        let config = folder.appendingPathComponent("monitor.toml")
        try Data(
            """
            [[sites]]
            id = "ada"
            url = "https://ada.example.edu/"
            enabled = false

            [digest]
            to = "ada@example.edu"
            every = "1w"
            sendmail = "\(sendmail.path)"

            """.utf8
        ).write(to: config)
        let process = Process()
        process.executableURL = harness.monitor
        process.arguments = ["run", "--config", config.path, "--state-dir", harness.state.path, "--idle-after", "0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sent = false
        for _ in 0..<300 where !sent {
            sent = try messages() == ["message0"]
            if !sent { try await Task.sleep(for: .milliseconds(100)) }
        }
        process.terminate()
        process.waitUntilExit()
        #expect(sent, "monitor run did not hand a digest to sendmail within 30 s")
        let message = try String(contentsOf: folder.appendingPathComponent("message0"), encoding: .utf8)
        #expect(message.contains("To: ada@example.edu\r\n"))
        #expect(message.contains("Content-Type: multipart/alternative;"))
        #expect(process.terminationStatus == 0)
    }
}
