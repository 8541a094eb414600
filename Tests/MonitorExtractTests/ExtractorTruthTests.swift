import Foundation
import MonitorCore
import MonitorExtract
import MonitorTestSupport
import Testing

/// Checks extraction against `fixtures/expected/`: what each fixture page shows, written by hand
/// from the page (not from the extractor's output), in the corpus truth format.
@Suite struct ExtractorTruthTests {
    struct Expected: Decodable {
        struct Publication: Decodable {
            var title: String
            var authors: String?
            var venue: String?
            var year: String?
            var url: String?
            var note: String?
        }
        struct Talk: Decodable {
            var title: String
            var venues: String?
            var year: String?
            var url: String?
        }
        struct Member: Decodable {
            var name: String
            var url: String?
            var description: String?
        }
        var publications: [Publication]
        var talks: [Talk]
        var members: [Member]
    }

    @Test(arguments: Fixture.sitePages())
    func pageShowsWhatItsTruthSays(page: Fixture.SitePage) throws {
        let truthFile = Fixture.directory.appendingPathComponent("expected/\(page.description).json")
        let truth = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: truthFile))
        let got = try Extractor().entries(in: try page.bytes(), url: "https://\(page.siteID).example.org/")

        #expect(got.publications.map { norm($0.title) } == truth.publications.map { norm($0.title) })
        for (entry, want) in zip(got.publications, truth.publications) {
            #expect(entry.authors.map(norm) == names(want.authors), "\(want.title)")
            #expect(norm(entry.venue) == norm(want.venue), "\(want.title)")
            #expect(entry.year == want.year, "\(want.title)")
            #expect(entry.url == want.url, "\(want.title)")
            #expect(norm(entry.note) == norm(want.note), "\(want.title)")
        }
        #expect(got.talks.map { norm($0.title) } == truth.talks.map { norm($0.title) })
        for (entry, want) in zip(got.talks, truth.talks) {
            #expect(norm(entry.venues) == norm(want.venues), "\(want.title)")
            #expect(entry.year == want.year, "\(want.title)")
            #expect(entry.url == want.url, "\(want.title)")
        }
        #expect(got.members.map { norm($0.name) } == truth.members.map { norm($0.name) })
        for (entry, want) in zip(got.members, truth.members) {
            #expect(norm(entry.description) == norm(want.description), "\(want.name)")
            #expect(entry.url == want.url, "\(want.name)")
        }
    }

}

/// Case- and whitespace-insensitive form, with trailing punctuation dropped (as the corpus scorer).
func norm(_ text: String?) -> String {
    guard let text else { return "" }
    let words = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return words.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:!?"))
}

/// A displayed author string as normalised names: split at commas and "and".
func names(_ authors: String?) -> [String] {
    (authors ?? "").components(separatedBy: ",")
        .flatMap { $0.components(separatedBy: " and ") }
        .map { norm($0.hasPrefix(" and ") ? String($0.dropFirst(5)) : $0) }
        .map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 }
        .filter { !$0.isEmpty }
}
