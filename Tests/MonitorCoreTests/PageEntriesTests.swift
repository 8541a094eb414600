import Foundation
import MonitorCore
import Testing

@Suite struct PageEntriesTests {
    @Test func jsonHasEveryKeyWithNullsAndSortedOrder() throws {
        let entries = PageEntries(
            publications: [Publication(title: "T", authors: ["A"], year: "2024 (to appear)")],
            talks: [Talk(title: "Talk")],
            members: [Member(name: "N")]
        )
        let json = try entries.jsonString()
        #expect(json.hasSuffix("}\n"))
        #expect(json.contains("\"note\" : null"))
        #expect(json.contains("\"venues\" : null"))
        #expect(json.contains("\"description\" : null"))
        let keys = ["\"members\"", "\"publications\"", "\"talks\""].map { json.range(of: $0)?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil })
        #expect(keys.compactMap { $0 } == keys.compactMap { $0 }.sorted())
    }

    @Test func jsonRoundTrips() throws {
        let entries = PageEntries(
            publications: [
                Publication(
                    title: "T",
                    authors: ["A", "and 3 others including B"],
                    venue: "V",
                    year: "2020",
                    url: "https://x/",
                    note: "Award",
                    links: [Link(label: "Code", url: "https://c/")]
                )
            ]
        )
        let decoded = try JSONDecoder().decode(PageEntries.self, from: Data(try entries.jsonString().utf8))
        #expect(decoded == entries)
        #expect(decoded.count(of: .publication) == 1 && decoded.count(of: .talk) == 0)
        #expect(decoded.all.map(\.displayName) == ["T"])
    }

    @Test func publicationDecodesWithOnlyATitle() throws {
        let publication = try JSONDecoder().decode(Publication.self, from: Data(#"{"title":"Only"}"#.utf8))
        #expect(publication == Publication(title: "Only"))
    }
}
