import Foundation
import MonitorCore
import MonitorDiff
import Testing

@Suite struct ChangeSetJSONTests {
    @Test func jsonHasTheDocumentedShapeAndRoundTrips() throws {
        let old = PageEntries(
            publications: [Publication(title: "Paper A", authors: ["X"], year: "2024 (to appear)")],
            members: [Member(name: "Bo", description: "PhD student")]
        )
        let new = PageEntries(
            publications: [Publication(title: "Paper A", authors: ["X"], year: "2024")],
            talks: [Talk(title: "A Talk", venues: "MIT", year: "2024")]
        )
        let changes = ChangeSet(from: old, to: new)
        let json = try changes.jsonString()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["publications", "talks", "members"])
        let modified = try #require((object["publications"] as? [String: Any])?["modified"] as? [[String: Any]])
        #expect(modified.first?["title"] as? String == "Paper A")
        #expect(modified.first?["fields"] as? [String] == ["year"])
        #expect((modified.first?["old"] as? [String: Any])?["year"] as? String == "2024 (to appear)")
        let removedMembers = try #require((object["members"] as? [String: Any])?["removed"] as? [[String: Any]])
        #expect(removedMembers.first?["name"] as? String == "Bo")
        #expect(try JSONDecoder().decode(ChangeSet.self, from: Data(json.utf8)) == changes)
        #expect(json.hasSuffix("}\n"))
    }

    @Test func identicalPagesGiveAnEmptyChangeSet() {
        let page = PageEntries(publications: [Publication(title: "P", year: "2020")])
        #expect(ChangeSet(from: page, to: page).isEmpty)
        #expect(ChangeSet(from: page, to: page).count == 0)
    }
}
