import Foundation

/// `Tests/Server/fixture_server.py`, a real HTTP server on 127.0.0.1, run for one test.
///
/// The server exits when its standard input closes, so it cannot outlive the test process.
public final class FixtureServer: @unchecked Sendable {
    // @unchecked: the process and pipe are set once in init and only stopped after.
    private let process = Process()
    private let input = Pipe()
    /// The port it listens on.
    public let port: Int
    /// The directory whose files `/page/<name>` serves.
    public let root: URL

    /// Starts a server over a fresh temporary directory.
    ///
    /// - Parameter defaultPage: A file served for any missing `/page/<name>`.
    /// - Throws: When python3 cannot start or the server prints no port.
    public init(defaultPage: URL? = nil) throws {
        root = try Fixture.temporaryDirectory("server")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Fixture.packageRoot.appendingPathComponent("Tests/Server/fixture_server.py").path]
        arguments += ["--root", root.path]
        if let defaultPage { arguments += ["--default-page", defaultPage.path] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        // Plain read(2), retried on EINTR: Foundation's availableData traps when a signal (a child's
        // SIGCHLD, with tests running processes in parallel) interrupts it.
        var line = Data()
        var buffer = [UInt8](repeating: 0, count: 256)
        let descriptor = output.fileHandleForReading.fileDescriptor
        while !line.contains(UInt8(ascii: "\n")) {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            line.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw FixtureServerError(message: "fixture server did not start: '\(text)'")
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: root)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Writes a file that `/page/<name>` serves.
    public func setPage(_ name: String, _ contents: Data) throws {
        try contents.write(to: root.appendingPathComponent(name))
    }

    /// The body of a GET (or POST) to the server, through python3 (Foundation on Linux has no HTTP client).
    @discardableResult
    public func request(_ path: String, method: String = "GET") throws -> Data {
        let script =
            "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen("
            + "urllib.request.Request(sys.argv[1], method=sys.argv[2], data=b'' if sys.argv[2] == 'POST' else None)).read())"
        let run = try CommandRun.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", script, url(path), method]
        )
        guard run.status == 0 else { throw FixtureServerError(message: "request \(path) failed: \(run.stderr)") }
        return Data(run.stdout.utf8)
    }

    /// The requests the server has seen and the most it handled at once.
    public func log() throws -> (requests: [[String: Any]], maxInFlight: Int) {
        let data = try request("/_log")
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (json["requests"] as? [[String: Any]] ?? [], json["max_in_flight"] as? Int ?? 0)
    }
}

/// The fixture server failed to start.
public struct FixtureServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
