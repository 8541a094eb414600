import Foundation
import MonitorCore
import MonitorExtract
import MonitorTestSupport
import Testing

@Suite struct ExtractorGoldenTests {
    @Test func fixturePagesExist() {
        #expect(Fixture.sitePages().count >= 8)
    }

    @Test(arguments: Fixture.sitePages())
    func pageMatchesItsGolden(page: Fixture.SitePage) throws {
        let entries = try Extractor().entries(in: try page.bytes(), url: "https://\(page.siteID).example.org/")
        #expect(!entries.isEmpty)
        if let mismatch = Golden.mismatch(try entries.jsonString(), golden: page.golden) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
