import Foundation
import MonitorStore
import MonitorTestSupport
import Testing

/// Saved pages read from disk obey the same size limit as fetched ones (issue 14: a 2 GB sparse
/// file took 4 GB of memory and was archived).
@Suite struct LocalPageLimitTests {
    let monitor = Fixture.monitorExecutable
    let folder: URL
    let page = Fixture.directory.appendingPathComponent("compare/old.html")
    static let oversized = 11 << 20

    init() throws {
        folder = try Fixture.temporaryDirectory("limit")
    }

    /// A sparse file of `size` bytes: nothing on disk, all of it in memory if read.
    private func sparseFile(_ name: String, size: Int, in directory: URL? = nil) throws -> URL {
        let file = (directory ?? folder).appendingPathComponent(name)
        try #require(FileManager.default.createFile(atPath: file.path, contents: Data("<html>".utf8)))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return file
    }

    /// Runs `monitor` with `config` as its configuration file (by default one that does not exist, so a
    /// user's own file is never read).
    private func run(_ arguments: [String], config: URL? = nil) throws -> CommandRun {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        return try CommandRun.run(
            monitor,
            arguments,
            environment: ["MONITOR_CONFIG": (config ?? folder.appendingPathComponent("none.toml")).path]
        )
    }

    @Test func extractRefusesAFileOverTheLimitBeforeReadingIt() throws {
        let big = try sparseFile("big.html", size: Self.oversized)
        let result = try run(["extract", big.path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: \(big.path): 11534336 bytes, over the 10485760-byte limit for a page; "
                + "if the page is genuine, raise --max-body\n"
        )
    }

    @Test func compareNamesTheFileOverTheLimit() throws {
        let big = try sparseFile("new.html", size: Self.oversized)
        let result = try run(["compare", page.path, big.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "Error: \(big.path): 11534336 bytes, over the 10485760-byte limit for a page; "
                + "if the page is genuine, raise --max-body\n"
        )
    }

    @Test func maxBodySetsTheLimitForFiles() throws {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int)
        let refused = try run(["extract", "--max-body", "\(size - 1)", page.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(size) bytes, over the \(size - 1)-byte limit for a page"))
        let accepted = try run(["extract", "--max-body", "\(size)", page.path])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let compared = try run(["compare", "--max-body", "\(size)", page.path, page.path])
        #expect(compared.status == 0, "\(compared.stderr)")
        let bad = try run(["extract", "--max-body", "0", page.path])
        #expect(bad.status == 64)
    }

    @Test func aDeviceIsReadOnlyUpToTheLimit() throws {
        let result = try run(["extract", "--max-body", "1000", "/dev/zero"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: /dev/zero: more than 1000 bytes, over the 1000-byte limit for a page; "
                + "if the page is genuine, raise --max-body\n"
        )
    }

    @Test func importStopsBeforeStoringAnythingWhenAFileIsOverTheLimit() throws {
        let pages = folder.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        for day in ["2016-03-01", "2018-10-01"] {
            try FileManager.default.copyItem(
                at: Fixture.directory.appendingPathComponent("sites/ada-lindqvist/\(day).html"),
                to: pages.appendingPathComponent("\(day).html")
            )
        }
        // The limit is the configuration's max_body_bytes, as for a fetched page.
        let big = try sparseFile("2020-01-01.html", size: 6 << 20, in: pages)
        let config = folder.appendingPathComponent("monitor.toml")
        try "[limits]\nmax_body_bytes = 5242880\n".write(to: config, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state")
        let result = try run(
            [
                "import", "--site", "ada", "--url", "https://ada.example.edu/", "--dir", pages.path,
                "--state-dir", state.path,
            ],
            config: config
        )
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: \(big.path): 6291456 bytes, over the 5242880-byte limit for a page "
                + "(max_body_bytes in the configuration); nothing was imported: move it out of \(pages.path) "
                + "or raise max_body_bytes\n"
        )
        let history = try run(["history", "--state-dir", state.path])
        #expect(!history.stdout.contains("ada"), "\(history.stdout)")
    }

    @Test func importFromGitStopsBeforeStoringAnythingWhenAVersionIsOverTheLimit() throws {
        let repository = folder.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        func git(_ arguments: [String]) throws {
            let run = try CommandRun.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                ["git", "-C", repository.path, "-c", "user.email=t@example.org", "-c", "user.name=t"] + arguments
            )
            try #require(run.status == 0, "git \(arguments): \(run.stderr)")
        }
        let file = repository.appendingPathComponent("index.html")
        try git(["init", "-q"])
        try FileManager.default.copyItem(at: page, to: file)
        try git(["add", "index.html"])
        try git(["commit", "-qm", "small"])
        try Data(repeating: UInt8(ascii: "a"), count: 6 << 20).write(to: file)
        try git(["commit", "-qam", "big"])
        let config = folder.appendingPathComponent("monitor.toml")
        try "[limits]\nmax_body_bytes = 5242880\n".write(to: config, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state")
        let result = try run(
            [
                "import", "--site", "ada", "--url", "https://ada.example.edu/", "--git", repository.path,
                "--path", "index.html", "--state-dir", state.path,
            ],
            config: config
        )
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: index.html at commit "), "\(result.stderr)")
        #expect(result.stderr.contains(" is 6291456 bytes, over the 5242880-byte limit"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let history = try run(["history", "--state-dir", state.path])
        #expect(!history.stdout.contains("ada"), "\(history.stdout)")
    }

    /// A negative number reaches the option's own check instead of "Missing value" (issue 14 review).
    @Test func negativeNumbersAreNamedAsSuch() throws {
        let state = folder.appendingPathComponent("state").path
        for (arguments, expected) in [
            (
                ["check", "--site", "a", "--url", "http://127.0.0.1:9/", "--timeout", "-5", "--state-dir", state],
                "Error: --timeout takes a positive number of seconds; got -5\n"
            ),
            (
                [
                    "check", "--site", "a", "--url", "http://127.0.0.1:9/", "--deliver-for", "0xyz", "--state-dir",
                    state,
                ],
                "Error: The value '0xyz' is invalid for '--deliver-for <duration>': '0xyz' is not a duration; "
                    + "use e.g. 1m, 30s or 0s (do not wait)\n"
            ),
            (
                ["extract", "--max-body", "-5", page.path],
                "Error: --max-body takes a positive number of bytes; got -5\n"
            ),
            (["feed", "--limit", "-1", "--state-dir", state], "Error: --limit must be at least 1; got -1\n"),
        ] {
            let result = try run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr == expected, "\(arguments)")
        }
    }

    /// A URL the fetcher refuses says why (issue 14 review: "not an http or https URL" for a bad port).
    @Test func aURLWithABadPortNamesThePort() throws {
        let result = try run(["extract", "http://127.0.0.1:99999/"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: http://127.0.0.1:99999/: the port 99999 is not between 1 and 65535; "
                + "give a full address such as https://example.edu/\n"
        )
    }
}
