import Foundation
import MonitorCore
import MonitorExtract
import MonitorTestSupport
import Testing

/// Per-site XPath overrides: `fixtures/overrides/`, the README's worked example.
@Suite struct SelectorOverrideTests {
    let page = Fixture.directory.appendingPathComponent("overrides/lena-okafor.html")
    let url = "https://lena-okafor.example.org/"

    /// The rules of `fixtures/overrides/monitor.toml` (ConfigurationTests checks the file parses to these).
    static let workedExample = SiteSelectors(
        publications: SelectorRules(
            section: "//h2[. = 'Recent Work']/following-sibling::div[1]",
            entry: "./div[@class = 'pub']",
            fields: [
                "title": ".//span[@class = 't']", "authors": ".//span[@class = 'a']",
                "venue": ".//span[@class = 'v']", "year": ".//span[@class = 'y']", "url": ".//a/@href",
            ]
        ),
        talks: SelectorRules(
            entry: "//h2[. = 'Speaking']/following-sibling::div[1]/div[@class = 'talk']",
            fields: [
                "venues": "normalize-space(substring-before(substring-after(., '·'), '·'))",
                "year": "normalize-space(substring-after(substring-after(., '·'), '·'))",
            ]
        )
    )

    @Test func detectionFindsNothingOnThePage() throws {
        let html = Array(try Data(contentsOf: page))
        #expect(throws: ExtractError.self) { try Extractor().entries(in: html, url: url) }
    }

    @Test func overridesReadEveryField() throws {
        let html = Array(try Data(contentsOf: page))
        let entries = try Extractor().entries(in: html, url: url, selectors: Self.workedExample)
        #expect(
            entries.publications.map(\.title) == [
                "Doubly Robust Estimators for Shifted Populations", "Sensitivity Bounds Without Parametric Assumptions",
                "A Note on Trimmed Weights",
            ]
        )
        let first = try #require(entries.publications.first)
        #expect(first.authors == ["Lena Okafor", "Tariq Haddad"])
        #expect(first.venue == "Journal of Example Statistics")
        #expect(first.year == "2024")
        #expect(first.url == "https://lena-okafor.example.org/papers/dr-shift.pdf")
        #expect(entries.publications[2].url == nil)
        // Talks: title and url from the entry's text (no rule), venues and year by string expressions.
        #expect(entries.talks.map(\.title) == ["Robustness as a Design Goal", "When Weights Go Wrong"])
        #expect(
            entries.talks.map(\.venues) == ["Example University Statistics Seminar", "Workshop on Example Inference"]
        )
        #expect(entries.talks.map(\.year) == ["2024", "2023"])
        #expect(entries.talks.first?.url == "https://lena-okafor.example.org/slides/robust-2024.pdf")
        #expect(entries.members.isEmpty)
    }

    @Test func aKindWithoutRulesIsStillDetected() throws {
        let html = Array(
            try Data(contentsOf: Fixture.directory.appendingPathComponent("sites/generic-lists/2024-01-15.html"))
        )
        let detected = try Extractor().entries(in: html, url: url)
        let members = SiteSelectors(
            members: SelectorRules(
                entry: "//h2[. = 'Students']/following-sibling::ul[1]/li",
                fields: ["name": "normalize-space(substring-before(., ','))"]
            )
        )
        let overridden = try Extractor().entries(in: html, url: url, selectors: members)
        #expect(overridden.publications == detected.publications)
        #expect(overridden.talks == detected.talks)
        #expect(overridden.members.map(\.name) == detected.members.map(\.name))
    }

    @Test func explainSaysWhereEntriesCameFrom() throws {
        let html = Array(try Data(contentsOf: page))
        let plain = try Extractor().explain(in: html, url: url)
        #expect(plain.entries.publications.isEmpty)
        #expect(plain.sections.map(\.title) == ["Lena Okafor", "Recent Work", "Speaking"])
        // "Recent Work" names papers, but its records are not read without the override.
        #expect(plain.sections.map(\.kind) == [nil, .publication, nil])
        #expect(plain.sections.allSatisfy { $0.entries == 0 })

        let report = try Extractor().explain(in: html, url: url, selectors: Self.workedExample)
        let overridden = report.sections.filter { $0.reason.contains("override") }
        #expect(overridden.map(\.kind) == [.publication, .talk])
        #expect(overridden.map(\.groups) == [3, 2])
        #expect(overridden.map(\.entries) == [3, 2])
    }

    @Test func explainListsGroupsThatGaveNothing() throws {
        let html = Array(
            try Data(contentsOf: Fixture.directory.appendingPathComponent("sites/generic-lists/2024-01-15.html"))
        )
        let report = try Extractor().explain(in: html, url: url)
        let publications = try #require(report.sections.first { $0.kind == .publication })
        #expect(publications.title == "Selected publications")
        #expect(publications.entries == 5)
        #expect(publications.rejected.count == 1)
        #expect(publications.rejected.first?.hasPrefix("See Google Scholar") == true)
    }

    @Test(arguments: [
        ("//div[", "invalid"),
        ("count(//li)", "it gives a value, not elements"),
    ])
    func brokenRulesAreOneLineErrors(entry: String, message: String) throws {
        let html = Array(try Data(contentsOf: page))
        let selectors = SiteSelectors(publications: SelectorRules(entry: entry))
        do {
            _ = try Extractor().entries(in: html, url: url, selectors: selectors)
            Issue.record("no error for \(entry)")
        } catch let error as ExtractError {
            #expect(error.description.hasPrefix("\(url): the selector '\(entry)' does not work ("))
            #expect(error.description.contains(message))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func namespaceNodesDuplicatesAndNumbersAreHandled() throws {
        let html = Array(try Data(contentsOf: page))
        // Namespace nodes are libxml2's temporary copies: never entries (reading them was a use after free).
        let namespaces = SiteSelectors(
            publications: SelectorRules(entry: "//div[@class='pub']/namespace::*", fields: ["title": "string(.)"])
        )
        let none = try Extractor().explain(in: html, url: url, selectors: namespaces)
        #expect(none.entries.publications.isEmpty)
        // An entry matched through two section nodes is one entry.
        let twice = SiteSelectors(
            publications: SelectorRules(
                section: "//div[@class='work'] | //body",
                entry: "//div[@class='pub']",
                fields: ["title": ".//span[@class='t']"]
            )
        )
        let entries = try Extractor().entries(in: html, url: url, selectors: twice)
        #expect(entries.publications.count == 3)
        // A field that computes a number is a one-line error, not a title "0".
        let number = SiteSelectors(
            publications: SelectorRules(entry: "//div[@class='pub']", fields: ["title": "count(.//em)"])
        )
        #expect(throws: ExtractError.self) { try Extractor().entries(in: html, url: url, selectors: number) }
    }

    @Test func checkingARuleNamesTheProblem() {
        #expect(Extractor.selectorProblem(".//li[@class='x']") == nil)
        #expect(Extractor.selectorProblem("//li[@class='x'") == "invalid predicate")
        #expect(Extractor.selectorProblem("//li]") == "invalid expression")
        // Only evaluation finds these: an unknown function, a variable, a wrong argument count.
        #expect(Extractor.selectorProblem("lower-case(.)") == "unregistered function")
        #expect(Extractor.selectorProblem("$v") == "undefined variable")
        #expect(Extractor.selectorProblem("substring()") == "invalid number of arguments")
    }

    @Test func noOverrideIsSuggestedForASectionItsHeadingExcludes() throws {
        let html = Array(
            """
            <h2>People</h2><ul><li>Ana Ruiz, PhD student</li><li>Bo Li, Postdoc</li></ul>
            <h2>Alumni</h2><div class="alumni"><p>Cy Dunn, PhD 2022</p><p>Dee Park, PhD 2021</p><p>Eve Holt, 2020</p></div>
            """.utf8
        )
        let report = try Extractor().explain(in: html, url: url)
        #expect(report.entries.members.map(\.name) == ["Ana Ruiz", "Bo Li"])
        #expect(report.suggestion == nil)
    }
}
