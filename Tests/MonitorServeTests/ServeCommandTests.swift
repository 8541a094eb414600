import Foundation
import Logging
import MonitorServe
import MonitorStore
import MonitorTestSupport
import Testing

/// `monitor serve` as a process: what it refuses before listening, and `ListenAddress` parsing.
@Suite struct ServeCommandTests {
    private func emptyConfiguration(_ text: String = "") throws -> URL {
        let file = try Fixture.temporaryDirectory("serve-config").appendingPathComponent("monitor.toml")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func configuredNonLoopbackAddressNeedsAToken() throws {
        let harness = try ServeHarness()
        let config = try emptyConfiguration("[serve]\nlisten = \"[::]:0\"\n")
        let run = try CommandRun.run(
            harness.monitor,
            ["serve", "--config", config.path, "--state-dir", harness.state.path]
        )
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Error: refusing to listen on [::]:0 without a token"), "\(run.stderr)")
    }

    @Test func unreadableTokenFileIsAConfigurationProblem() throws {
        let harness = try ServeHarness()
        let config = try emptyConfiguration("[serve]\nlisten = \"0.0.0.0:0\"\ntoken_file = \"/nonexistent/token\"\n")
        let run = try CommandRun.run(
            harness.monitor,
            ["serve", "--config", config.path, "--state-dir", harness.state.path]
        )
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "Error: /nonexistent/token: the token file cannot be read or is empty; write one line of random "
                + "text to it (e.g. 'openssl rand -hex 32 > /nonexistent/token')\n"
        )
    }

    @Test func nonLoopbackAddressNeedsAToken() throws {
        let harness = try ServeHarness()
        let run = try CommandRun.run(
            harness.monitor,
            ["serve", "--listen", "0.0.0.0:0", "--state-dir", harness.state.path],
            environment: ["MONITOR_CONFIG": try emptyConfiguration().path]
        )
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "Error: refusing to listen on 0.0.0.0:0 without a token: other machines could read every page; "
                + "set [serve] token_file, or listen on 127.0.0.1\n"
        )
    }

    @Test func badListenAddressIsAUsageError() throws {
        let run = try CommandRun.run(Fixture.monitorExecutable, ["serve", "--listen", "localhost"])
        #expect(run.status == 64)
        #expect(
            run.stderr
                == "Error: The value 'localhost' is invalid for '--listen <address>': 'localhost' is not an address to "
                + "listen on; use HOST:PORT such as 127.0.0.1:8470 or [::1]:8470\n"
        )
    }

    @Test func missingStoreIsReported() throws {
        let empty = try Fixture.temporaryDirectory("serve-empty")
        let run = try CommandRun.run(
            Fixture.monitorExecutable,
            ["serve", "--listen", "127.0.0.1:0", "--state-dir", empty.path],
            environment: ["MONITOR_CONFIG": try emptyConfiguration().path]
        )
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Error: no monitor state in \(empty.path)"))
    }

    struct Parse: Sendable {
        var text: String
        var address: ListenAddress?
        var isLoopback: Bool
    }

    static let parses: [Parse] = [
        Parse(text: "127.0.0.1:8470", address: ListenAddress(host: "127.0.0.1", port: 8470), isLoopback: true),
        Parse(text: "[::1]:8470", address: ListenAddress(host: "::1", port: 8470), isLoopback: true),
        Parse(text: ":9000", address: ListenAddress(host: "127.0.0.1", port: 9000), isLoopback: true),
        Parse(text: "localhost:80", address: ListenAddress(host: "localhost", port: 80), isLoopback: true),
        Parse(text: "0.0.0.0:8470", address: ListenAddress(host: "0.0.0.0", port: 8470), isLoopback: false),
        Parse(text: "192.168.1.5:8470", address: ListenAddress(host: "192.168.1.5", port: 8470), isLoopback: false),
        Parse(text: "127.evil.example:1", address: ListenAddress(host: "127.evil.example", port: 1), isLoopback: false),
        Parse(text: "localhost", address: nil, isLoopback: false),
        Parse(text: "host:99999", address: nil, isLoopback: false),
        Parse(text: "host:", address: nil, isLoopback: false),
    ]

    @Test(arguments: parses) func listenAddressParses(_ parse: Parse) {
        let address = ListenAddress(parse.text)
        #expect(address == parse.address)
        #expect((address?.isLoopback ?? false) == parse.isLoopback)
    }

    @Test func nonLoopbackWithoutTokenIsRefusedByTheServer() throws {
        let harness = try ServeHarness()
        let store = try SnapshotStore(directory: harness.state, readOnly: true)
        #expect(throws: ServeError.self) {
            try WebServer(
                store: store,
                address: ListenAddress(host: "0.0.0.0", port: 0),
                token: nil,
                logger: .init(label: "test")
            )
        }
    }
}

/// `monitor serve` as the service runs it: it answers, and stops cleanly on SIGTERM.
@Suite struct ServeProcessTests {
    @Test func servesUntilSIGTERM() async throws {
        let harness = try ServeHarness(label: "serve-process")
        let config = try Fixture.temporaryDirectory("serve-process").appendingPathComponent("monitor.toml")
        try Data().write(to: config)
        let process = Process()
        process.executableURL = harness.monitor
        process.arguments = [
            "serve", "--listen", "127.0.0.1:0", "--state-dir", harness.state.path, "--config", config.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The log line "… http.address=127.0.0.1:PORT … Serving" names the port the system chose.
        var text = ""
        var port: Int?
        for _ in 0..<200 where port == nil {
            text += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            if let range = text.range(of: "http.address=127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber })
            }
        }
        let bound = try #require(port, "no address in \(text)")
        let metrics = try await fetch("http://127.0.0.1:\(bound)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("monitor_sites 1"))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
    }
}
