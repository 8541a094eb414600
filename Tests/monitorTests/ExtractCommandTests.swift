import Foundation
import MonitorTestSupport
import Testing

/// Runs the real `monitor` binary.
@Suite struct ExtractCommandTests {
    let monitor = Fixture.monitorExecutable

    private func run(_ arguments: [String]) throws -> CommandRun {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        return try CommandRun.run(monitor, arguments)
    }

    private func temporaryFile(_ contents: [UInt8], name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(contents).write(to: file)
        return file
    }

    @Test func jsonOutputHasTheThreeKindsWithEveryField() throws {
        let page = try #require(Fixture.sitePages().first)
        let result = try run(["extract", "--format", "json", page.html.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [[String: Any]]]
        let json = try #require(object)
        #expect(Set(json.keys) == ["publications", "talks", "members"])
        let publication = try #require(json["publications"]?.first)
        #expect(
            Set(publication.keys) == ["title", "authors", "byline", "venue", "year", "url", "note", "section", "links"]
        )
    }

    @Test func textOutputIsGroupedByKind() throws {
        let page = try #require(Fixture.sitePages().first { $0.siteID == "ada-lindqvist" })
        let result = try run(["extract", page.html.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Publications ("))
        #expect(result.stdout.contains("\nTalks ("))
    }

    @Test func baseURLResolvesRelativeLinks() throws {
        let file = try temporaryFile(
            Array("<h2>Talks</h2><p><a href=\"slides/t.pdf\">The Talk</a> at V, 2020.</p>".utf8),
            name: "page.html"
        )
        let result = try run(["extract", "--format", "json", "--base-url", "https://a.example/x/", file.path])
        #expect(result.stdout.contains("\"url\" : \"https://a.example/x/slides/t.pdf\""))
    }

    struct BadInput: Sendable, CustomStringConvertible {
        var name: String
        var contents: [UInt8]?
        var message: String
        var description: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "missing.html", contents: nil, message: "no such file; give an HTML file or an http(s) URL"),
        BadInput(name: "empty.html", contents: [], message: "the page is empty (0 bytes)"),
        BadInput(
            name: "image.png",
            contents: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0],
            message: "this is not an HTML page"
        ),
        BadInput(
            name: "bare.html",
            contents: Array("<html><body><p>Hello</p></body></html>".utf8),
            message: "found no publications, talks or members"
        ),
    ]

    @Test(arguments: badInputs)
    func badInputExitsNonZeroWithOneLine(input: BadInput) throws {
        let path: String
        if let contents = input.contents {
            path = try temporaryFile(contents, name: input.name).path
        } else {
            path = "/nonexistent/\(input.name)"
        }
        let result = try run(["extract", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(path): \(input.message)"), "\(result.stderr)")
    }

    @Test func badFlagsAreUsageErrors() throws {
        let format = try run(["extract", "--format", "xml", "x.html"])
        #expect(format.status == 64)
        #expect(format.stderr.hasPrefix("Error: ") && format.stderr.contains("--format"))
        #expect(format.stderr.split(separator: "\n").count == 1, "\(format.stderr)")
        let base = try run(["extract", "--base-url", "not a url", "x.html"])
        #expect(base.status == 64)
        #expect(
            base.stderr == "Error: --base-url takes an absolute URL such as https://example.edu/; got 'not a url'\n"
        )
    }

    @Test func everyCommandHasHelp() throws {
        for arguments in [["--help"], ["extract", "--help"], ["compare", "--help"]] {
            let result = try run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE:"))
        }
    }
}

/// `monitor extract --site` and `--explain`: the README's worked example, through the real binary.
@Suite struct ExtractExplainCommandTests {
    let monitor = Fixture.monitorExecutable
    let folder = Fixture.directory.appendingPathComponent("overrides")

    @Test func explainShowsTheOverriddenSectionsAndEntries() throws {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let result = try CommandRun.run(
            monitor,
            [
                "extract", "--config", folder.appendingPathComponent("monitor.toml").path, "--site", "lena-okafor",
                "--explain", folder.appendingPathComponent("lena-okafor.html").path,
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("publications ([sites.selectors.publications] override)"))
        #expect(result.stdout.contains("3 groups gave 3 entries"))
        #expect(result.stdout.contains("Found 3 publications, 2 talks, 0 members."))
        // The page's links resolve against the configured site's URL, not the file's path.
        #expect(result.stdout.contains("url:     https://lena-okafor.example.org/papers/dr-shift.pdf"))
    }

    @Test func explainWithoutOverridesShowsWhatItSkippedAndAnOverrideFromThePage() throws {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let result = try CommandRun.run(
            monitor,
            ["extract", "--explain", folder.appendingPathComponent("lena-okafor.html").path]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3. \"Speaking\": the heading names no kind, and its records look like none"))
        #expect(result.stdout.contains("skipped a group starting \"A Note on Trimmed Weights"))
        #expect(result.stdout.contains("Found 0 publications, 0 talks, 0 members."))
        // The suggested override names the page's own container, not a generic "./*".
        #expect(
            result.stdout.contains("section = \"//div[contains(concat(' ', normalize-space(@class), ' '), ' work ')]\"")
        )
        #expect(result.stdout.contains("entry = \"./div\""))
    }

    @Test func anUnknownSiteIsAOneLineError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let result = try CommandRun.run(
            monitor,
            ["extract", "--config", folder.appendingPathComponent("monitor.toml").path, "--site", "nobody"]
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("no site 'nobody' in"))
        #expect(result.stderr.contains("configured sites: lena-okafor"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
