import Foundation
import MonitorTestSupport
import Testing

/// Imports the colinraffel.com history and checks `monitor diff` over 2021 against the
/// composition of that year's expected changes.
@Suite struct CorpusHistoryTests {
    static let corpusMessage: Comment =
        "../shared/corpus/raffel is not beside this checkout: the 2021 history diff is NOT checked (CI has it)"

    let monitor = Fixture.monitorExecutable

    struct Version {
        var number: Int
        var date: String
        var file: String
    }

    private func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func collapsed(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "" }
        return "\(value)".split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static let fields: [String: [String]] = [
        "publications": ["title", "authors", "venue", "year", "url", "note", "section"],
        "talks": ["title", "venues", "year", "url"],
        "members": ["name", "url", "description"],
    ]

    private func load(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(.enabled(if: Fixture.raffelCorpus != nil, corpusMessage))
    func diffOver2021IsTheCompositionOfItsChanges() throws {
        let corpus = try #require(Fixture.raffelCorpus)
        let state = try Fixture.temporaryDirectory("corpus-history")
        defer { try? FileManager.default.removeItem(at: state) }
        let imported = try CommandRun.run(
            monitor,
            [
                "import", "--state-dir", state.path, "--site", "raffel", "--url", "https://colinraffel.com/",
                "--dir", corpus.appendingPathComponent("versions").path,
            ]
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        let diff = try CommandRun.run(
            monitor,
            ["diff", "--state-dir", state.path, "--since", "2021-01-01", "--until", "2021-12-31", "--format", "json"]
        )
        #expect(diff.status == 0, "\(diff.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let site = try #require((output["sites"] as? [[String: Any]])?.first)
        let got = try #require(site["changes"] as? [String: [String: [[String: Any]]]])

        // The versions in effect at the two ends: the last dated on or before each (00:00 UTC).
        let versions = try FileManager.default.contentsOfDirectory(
            atPath: corpus.appendingPathComponent("versions").path
        )
        .filter { $0.hasSuffix(".html") }.sorted()
        .map { Version(number: Int($0.prefix(3)) ?? -1, date: String($0.dropFirst(4).prefix(10)), file: $0) }
        let start = try #require(versions.last { $0.date <= "2021-01-01" })
        let end = try #require(versions.last { $0.date <= "2021-12-31" })
        let truth = { (version: Version) throws -> [String: Any] in
            try self.load(corpus.appendingPathComponent("truth/\(version.file.dropLast(5)).json"))
        }
        let startTruth = try truth(start)
        let endTruth = try truth(end)

        var checkedEntries = 0
        for kind in ["publications", "talks", "members"] {
            let name = kind == "members" ? "name" : "title"
            // Follow each start entry's name through the year's renames.
            let startEntries = startTruth[kind] as? [[String: Any]] ?? []
            var current = startEntries.map { key($0[name] as? String ?? "") }
            for number in (start.number + 1)...end.number {
                let file = corpus.appendingPathComponent(String(format: "changes/%03d.json", number))
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                for modified in (try load(file)[kind] as? [String: Any])?["modified"] as? [[String: Any]] ?? [] {
                    guard let old = modified["old_\(name)"] as? String, let new = modified[name] as? String else {
                        continue
                    }
                    current = current.map { $0 == key(old) ? key(new) : $0 }
                }
            }
            var endEntries = endTruth[kind] as? [[String: Any]] ?? []
            var added: [String] = []
            var removed: [String] = []
            var modified: [String: [String]] = [:]
            for (index, entry) in startEntries.enumerated() {
                guard let match = endEntries.firstIndex(where: { key($0[name] as? String ?? "") == current[index] })
                else {
                    removed.append(key(entry[name] as? String ?? ""))
                    continue
                }
                let later = endEntries.remove(at: match)
                let changed = (Self.fields[kind] ?? []).filter { collapsed(entry[$0]) != collapsed(later[$0]) }
                if !changed.isEmpty { modified[key(later[name] as? String ?? "")] = changed.sorted() }
            }
            added = endEntries.map { key($0[name] as? String ?? "") }
            let ours = got[kind] ?? [:]
            #expect(
                (ours["added"] ?? []).map { key($0[name] as? String ?? "") }.sorted() == added.sorted(),
                "\(kind) added"
            )
            #expect(
                (ours["removed"] ?? []).map { key($0[name] as? String ?? "") }.sorted() == removed.sorted(),
                "\(kind) removed"
            )
            let ourModified = Dictionary(
                uniqueKeysWithValues: (ours["modified"] ?? []).map {
                    (key($0[name] as? String ?? ""), (($0["fields"] as? [String]) ?? []).sorted())
                }
            )
            #expect(ourModified == modified, "\(kind) modified")
            checkedEntries += added.count + removed.count + modified.count
        }
        #expect(checkedEntries > 10, "the 2021 window should hold many changes")
        print("2021: \(start.file) → \(end.file), \(checkedEntries) net changed entries compared")
    }
}
