import AsyncHTTPClient
import Foundation
import Logging
import MonitorCore
import MonitorServe
import MonitorStore
import MonitorTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// A state directory with the fixture site's real imported history, and a `WebServer` over it on
/// 127.0.0.1 with a port the system chose.
struct ServeHarness {
    /// When the tests say "now": after the fixture history (2016-03-01 … 2022-03-01).
    static let now = Date(timeIntervalSince1970: 1_650_000_000)  // 2022-04-15T05:20:00Z

    let state: URL
    let monitor = Fixture.monitorExecutable

    /// Imports the five dated pages of `fixtures/sites/ada-lindqvist` with `monitor import`, then
    /// adds a failed check of another site and a webhook message through the store API.
    init(label: String = "serve") throws {
        state = try Fixture.temporaryDirectory(label)
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let pages = Fixture.directory.appendingPathComponent("sites/ada-lindqvist")
        let imported = try CommandRun.run(
            monitor,
            [
                "import", "--site", "ada", "--url", "https://ada.example.edu/", "--dir", pages.path, "--state-dir",
                state.path,
            ]
        )
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    /// Adds a site whose two checks failed and one queued webhook message of `ada`.
    func addFailuresAndDelivery() async throws {
        let store = try SnapshotStore(directory: state)
        try await store.addSite(Site(id: "bob", url: "https://bob.example.org/"), at: Self.now - 86_400)
        for hours in [30.0, 20.0] {
            try await store.record(
                Observation(
                    siteID: "bob",
                    fetchedAt: Self.now - hours * 3_600,
                    outcome: .failed,
                    httpStatus: 503,
                    message: "answered HTTP 503"
                )
            )
        }
        let latest = try #require(try await store.latestSnapshot(of: "ada"))
        try await store.record(
            Observation(
                siteID: "ada",
                fetchedAt: Self.now - 3_600,
                outcome: .unchanged,
                bodyHash: latest.contentHash,
                notifications: [
                    OutboxMessage(
                        messageID: "msg_test1",
                        endpoint: "lab-chat",
                        siteID: "ada",
                        createdAt: Self.now - 3_600,
                        body: Array("{\"secret\":\"never shown\"}".utf8)
                    )
                ]
            )
        )
    }

    /// Runs `body` against a live server over the store (opened read-only), then stops the server.
    func withServer<T: Sendable>(
        token: String? = nil,
        _ body: @Sendable (_ base: String) async throws -> T
    ) async throws -> T {
        let store = try SnapshotStore(directory: state, readOnly: true)
        let server = try WebServer(
            store: store,
            address: ListenAddress(host: "127.0.0.1", port: 0),
            token: token,
            // Cancelling the test's server makes Hummingbird log its closed channels as errors.
            logger: {
                var logger = Logger(label: "test.serve")
                logger.logLevel = .critical
                return logger
            }(),
            now: { Self.now }
        )
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await server.run { port in continuation.yield(port) }
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let result = try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
            while (try await group.next()) != nil {}
            return result
        }
    }
}

/// One answer of the server.
struct Answer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    /// The body parsed as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "not JSON: \(body)")
    }
}

/// GET (or another method) over real HTTP.
func fetch(_ url: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Answer {
    var request = HTTPClientRequest(url: url)
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    var fields: [String: String] = [:]
    for header in response.headers { fields[header.name.lowercased()] = header.value }
    return Answer(status: Int(response.status.code), headers: fields, body: String(buffer: body))
}

/// Runs a Python script (the real parsers' side of a test) with arguments, and returns its standard output.
func python(_ script: String, _ arguments: [String] = []) throws -> String {
    let run = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments)
    try #require(
        run.status == 0,
        "python failed (scripts/install-deps installs feedparser, prometheus_client, openapi-spec-validator): \(run.stderr)"
    )
    return run.stdout
}

/// Writes text to a temporary file for a Python script to read.
func temporaryFile(_ text: String, name: String) throws -> URL {
    let url = try Fixture.temporaryDirectory("serve-file").appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}
