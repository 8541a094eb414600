import Foundation
import MonitorCore
import MonitorDiff
import MonitorExtract
import MonitorTestSupport
import Testing

/// Compares the change sets of consecutive colinraffel.com versions with the corpus's expected
/// changes, entry by entry and field by field (the shared scorer checks names only).
@Suite struct CorpusChangesTests {
    static let corpusMessage: Comment =
        "../shared/corpus/raffel is not beside this checkout: corpus changes NOT checked (CI has it)"

    @Test(.enabled(if: Fixture.raffelCorpus != nil, corpusMessage))
    func modifiedFieldsMatchTheExpectedChanges() throws {
        let corpus = try #require(Fixture.raffelCorpus)
        let versions = try FileManager.default.contentsOfDirectory(
            atPath: corpus.appendingPathComponent("versions").path
        )
        .filter { $0.hasSuffix(".html") }.sorted()
        let byNumber = Dictionary(uniqueKeysWithValues: versions.map { (String($0.prefix(3)), $0) })
        var cache: [String: PageEntries] = [:]
        func entries(_ number: String) throws -> PageEntries {
            if let cached = cache[number] { return cached }
            let file = corpus.appendingPathComponent("versions").appendingPathComponent(byNumber[number]!)
            let page = try Extractor().entries(in: Array(Data(contentsOf: file)), url: "https://colinraffel.com/")
            cache[number] = page
            return page
        }
        var compared = 0
        var modifiedChecked = 0
        let changeFiles = try FileManager.default.contentsOfDirectory(
            atPath: corpus.appendingPathComponent("changes").path
        )
        .filter { $0.hasSuffix(".json") }.sorted()
        for file in changeFiles {
            let number = String(file.prefix(3))
            let previous = String(format: "%03d", Int(number)! - 1)
            guard byNumber[number] != nil, byNumber[previous] != nil else { continue }
            let expected = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: corpus.appendingPathComponent("changes").appendingPathComponent(file))
                ) as? [String: Any]
            )
            let changes = ChangeSet(from: try entries(previous), to: try entries(number))
            compared += 1
            for (kind, got) in [
                ("publications", summary(changes.publications)), ("talks", summary(changes.talks)),
                ("members", summary(changes.members)),
            ] {
                let want = summary(expected[kind] as? [String: Any], nameKey: kind == "members" ? "name" : "title")
                #expect(got.added == want.added, "\(number) \(kind) added")
                #expect(got.removed == want.removed, "\(number) \(kind) removed")
                #expect(got.modified == want.modified, "\(number) \(kind) modified fields")
                modifiedChecked += want.modified.count
            }
        }
        #expect(compared == 134)
        #expect(modifiedChecked == 128)
    }

    struct Summary: Equatable {
        var added: [String] = []
        var removed: [String] = []
        var modified: [String: [String]] = [:]
    }

    private func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func summary<Value: EntryValue>(_ changes: KindChanges<Value>) -> Summary {
        Summary(
            added: changes.added.map { key($0.displayName) }.sorted(),
            removed: changes.removed.map { key($0.displayName) }.sorted(),
            modified: Dictionary(
                uniqueKeysWithValues: changes.modified.map { (key($0.new.displayName), $0.fields.sorted()) }
            )
        )
    }

    private func summary(_ expected: [String: Any]?, nameKey: String) -> Summary {
        let modified = (expected?["modified"] as? [[String: Any]] ?? []).map {
            (key($0[nameKey] as? String ?? ""), ($0["fields"] as? [String] ?? []).sorted())
        }
        return Summary(
            added: (expected?["added"] as? [String] ?? []).map(key).sorted(),
            removed: (expected?["removed"] as? [String] ?? []).map(key).sorted(),
            modified: Dictionary(uniqueKeysWithValues: modified)
        )
    }
}
