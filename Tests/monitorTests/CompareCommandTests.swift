import Foundation
import MonitorTestSupport
import Testing

/// Runs the real `monitor compare` on the fixture pair in `fixtures/compare/`.
@Suite struct CompareCommandTests {
    let monitor = Fixture.monitorExecutable
    let folder = Fixture.directory.appendingPathComponent("compare")

    private func run(_ arguments: [String]) throws -> CommandRun {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        return try CommandRun.run(monitor, arguments)
    }

    static let formats: [(format: String, golden: String)] = [
        ("text", "expected.txt"), ("markdown", "expected.md"), ("json", "expected.json"),
    ]

    @Test(arguments: formats)
    func outputMatchesItsGolden(format: String, golden: String) throws {
        let old = folder.appendingPathComponent("old.html").path
        let new = folder.appendingPathComponent("new.html").path
        let result = try run(["compare", "--format", format, old, new])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        if let mismatch = Golden.mismatch(result.stdout, golden: folder.appendingPathComponent(golden)) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func theFixturePairShowsEachKindOfChangeOnce() throws {
        let result = try run([
            "compare", "--format", "json", folder.appendingPathComponent("old.html").path,
            folder.appendingPathComponent("new.html").path,
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let publications = try #require(json["publications"] as? [String: [[String: Any]]])
        // Reordered and entity/whitespace-only edits ("Counting Tokens & Other Small Things") are no change.
        #expect(publications["added"]?.map { $0["title"] as? String } == ["Distilling Search into Small Models"])
        #expect(publications["removed"]?.map { $0["title"] as? String } == ["An Old Workshop Paper"])
        #expect(publications["modified"]?.map { $0["fields"] as? [String] } == [["year"], ["title", "venue"]])
        let members = try #require(json["members"] as? [String: [[String: Any]]])
        #expect(members["added"]?.map { $0["name"] as? String } == ["Noor Haddad"])
        #expect(members["modified"]?.isEmpty == true)
    }

    @Test func identicalPagesSayNoChanges() throws {
        let page = folder.appendingPathComponent("old.html").path
        let result = try run(["compare", page, page])
        #expect(result.status == 0)
        #expect(result.stdout == "No changes.\n")
    }

    @Test func badInputIsOneLineAndNonZero() throws {
        let page = folder.appendingPathComponent("old.html").path
        let missing = try run(["compare", page, "/nonexistent/new.html"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error: /nonexistent/new.html: no such file; give an HTML file or an http(s) URL\n")
        let badFormat = try run(["compare", "--format", "xml", page, page])
        #expect(badFormat.status == 64)
        #expect(badFormat.stderr.split(separator: "\n").count == 1)
        #expect(badFormat.stderr.contains("text") && badFormat.stderr.contains("markdown"))
    }
}
