import Foundation
import MonitorCore
import MonitorExtract
import Testing

@Suite struct ExtractorTests {
    private func extract(_ html: String, url: String = "https://lab.example.edu/~ada/") throws -> PageEntries {
        try Extractor().entries(in: Array(html.utf8), url: url)
    }

    @Test func paragraphPerPublicationGivesEveryField() throws {
        let entries = try extract(
            """
            <html><body><h2>Publications</h2>
            <p><a href="papers/one.pdf">First &amp; Best   Paper</a><br/>
            Ann Author*, <b>Ada Lindqvist</b>, and Bo Other<br/>
            <i>Proceedings of Something (ICML)</i>, 2024 (to appear).<br/>
            <b>Best Paper Award</b><br/></p>
            </body></html>
            """
        )
        let publication = try #require(entries.publications.first)
        #expect(publication.title == "First & Best Paper")
        #expect(publication.authors == ["Ann Author*", "Ada Lindqvist", "Bo Other"])
        #expect(publication.venue == "Proceedings of Something (ICML)")
        #expect(publication.year == "2024 (to appear)")
        #expect(publication.url == "https://lab.example.edu/~ada/papers/one.pdf")
        #expect(publication.note == "Best Paper Award")
        #expect(entries.talks.isEmpty && entries.members.isEmpty)
    }

    @Test func manyOthersStayOneAuthor() throws {
        let entries = try extract(
            """
            <h2>Papers</h2><p><a href="https://x.org/p">Big Benchmark</a><br/>
            Ann Author, Bo Other, and 386 others including Ada Lindqvist<br/><i>arXiv</i>, 2022.</p>
            """
        )
        #expect(
            entries.publications.first?.authors == [
                "Ann Author", "Bo Other", "and 386 others including Ada Lindqvist",
            ]
        )
    }

    @Test func blankLinesSeparateEntriesAndLegacyInIsDropped() throws {
        let entries = try extract(
            """
            <div id="main"><h2>Publications</h2>
            <a href="">Untitled Link Paper</a><br />A. One and B. Two<br />in <i>Venue A</i>, 2015.<br />
            <br />
            <a href="http://x.org/b.pdf">Second Paper</a><br />C. Three<br />in <i>Venue B</i>, 2014.<br />
            <br />
            <h2>Talks</h2>
            <a href="http://x.org/t.pdf">A Talk</a> at Place One, Place Two, 2015.<br /><br />
            Unlinked Talk at Somewhere, 2013.<br /><br />
            </div>
            """
        )
        #expect(entries.publications.map(\.title) == ["Untitled Link Paper", "Second Paper"])
        #expect(entries.publications[0].url == nil)
        #expect(entries.publications[0].venue == "Venue A")
        #expect(entries.talks.count == 2)
        #expect(
            entries.talks[0]
                == Talk(title: "A Talk", venues: "Place One, Place Two", year: "2015", url: "http://x.org/t.pdf")
        )
        #expect(entries.talks[1] == Talk(title: "Unlinked Talk", venues: "Somewhere", year: "2013", url: nil))
    }

    @Test func membersAreOnePerLine() throws {
        let entries = try extract(
            """
            <h2>Group members</h2> <i>(<a href="a.png">online</a> and <a href="b.png">offline</a>)</i>
            <p><a href="https://nk.example.io/">Nia Kay</a>, PhD student at UNC <i>(co-advised with Mo B)</i><br />
            Monty Ash, Undergraduate at UNC<br /></p>
            """
        )
        #expect(
            entries.members == [
                Member(
                    name: "Nia Kay",
                    url: "https://nk.example.io/",
                    description: "PhD student at UNC (co-advised with Mo B)"
                ),
                Member(name: "Monty Ash", url: nil, description: "Undergraduate at UNC"),
            ]
        )
    }

    @Test func listItemsAndTableRowsAreEntries() throws {
        let entries = try extract(
            """
            <h2>Selected Publications</h2>
            <table><tr><td><img src="t.png"></td><td><a href="/p1">Row Paper</a><br>A. B and C. D<br>
            <em>Journal</em>, 2021</td></tr></table>
            <h3>Invited talks</h3><ul><li><a href="/t1">Item Talk</a> at Uni, 2023.</li>
            <li><a href="/t2">Other Talk</a> at College, 2022.</li></ul>
            <h2>Students</h2><ul><li><a href="/s">Sam Doe</a>, PhD student</li></ul>
            """
        )
        #expect(entries.publications.map(\.title) == ["Row Paper"])
        #expect(entries.publications.first?.url == "https://lab.example.edu/p1")
        #expect(entries.talks.map(\.title) == ["Item Talk", "Other Talk"])
        #expect(entries.members.map(\.name) == ["Sam Doe"])
    }

    @Test func otherSectionsYieldNothing() throws {
        let entries = try extract(
            """
            <h2>Talks</h2><p><a href="t">Real Talk</a> at Venue, 2020.</p>
            <h2>Poster Presentations</h2><p><a href="p">Poster</a> at Venue, 2020.</p>
            <h2>Software Projects</h2><p><a href="s">tool</a> - a library, 2019.</p>
            <h2>Etc.</h2><p><a href="e">Thing</a> at Place, 2018.</p>
            """
        )
        #expect(entries.talks.map(\.title) == ["Real Talk"])
        #expect(entries.publications.isEmpty && entries.members.isEmpty)
    }

    @Test func baseHrefWinsOverPageURL() throws {
        let entries = try extract(
            """
            <head><base href="https://cdn.example.net/site/"></head>
            <h2>Talks</h2><p><a href="slides/a.pdf">Talk</a> at Venue, 2020.</p>
            """
        )
        #expect(entries.talks.first?.url == "https://cdn.example.net/site/slides/a.pdf")
    }

    @Test func yearSubheadingDatesEntriesBelowIt() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><h3>2023</h3>
            <p><a href="/a">Paper A</a><br/>A. Author<br/><i>Some Workshop</i></p>
            <h3>2022</h3>
            <p><a href="/b">Paper B</a><br/>B. Author<br/><i>Other Workshop</i></p>
            """
        )
        #expect(entries.publications.map(\.year) == ["2023", "2022"])
    }

    @Test(
        arguments: [
            ("", ExtractError.Code.emptyPage),
            ("%PDF-1.4 \u{0}\u{1} binary", .notHTML),
            ("just some words", .notHTML),
            ("<html><body><h1>Hello</h1><p>Nothing to see.</p></body></html>", .noEntries),
        ] as [(String, ExtractError.Code)]
    )
    func badPagesThrowClearErrors(html: String, code: ExtractError.Code) {
        #expect {
            try extract(html)
        } throws: { error in
            (error as? ExtractError)?.code == code
        }
    }

    @Test func badgesPreprintsAndBoldTitleCitations() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><ul>
            <li><span class="badge">ICML</span> <a href="https://arxiv.org/abs/2901.1">Sharper Bounds for Optimizers</a><br>
            Kai Lund, Mei Sato<br><em>International Conference on Example Learning</em>, 2024 &nbsp <b>(Highlight)</b></li>
            <li><p><b>Paper Two Is Here</b><br>A. Okonkwo, B. Lind<br>Preprint. [<a href="papers/2.pdf">PDF</a>]</p></li>
            <li>J. Low and P. Adeyemi. <a href="https://arxiv.org/abs/2905.6">Learning Prices from Queues</a>. Preprint.</li>
            <li>Priya Adeyemi. Auctions with Noisy Bidders. Example Journal of Auctions, 2021.</li>
            <li><b>Graph Priors for Protein Docking</b>. Ines Duarte, Marc Olsen. <i>Example Bioinformatics Conference</i>, 2024.</li>
            </ul>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Sharper Bounds for Optimizers", "Paper Two Is Here", "Learning Prices from Queues",
                "Auctions with Noisy Bidders", "Graph Priors for Protein Docking",
            ]
        )
        let badge = try #require(entries.publications.first)
        #expect(badge.url == "https://arxiv.org/abs/2901.1")
        #expect(badge.year == "2024")
        #expect(badge.note == "Highlight")
        #expect(entries.publications[1].year == "Preprint")
        #expect(entries.publications[1].url == "https://lab.example.edu/~ada/papers/2.pdf")
        #expect(entries.publications[2].year == "Preprint")
        #expect(entries.publications[2].venue == nil)
        #expect(entries.publications[3].authors == ["Priya Adeyemi"])
        #expect(entries.publications[4].authors == ["Ines Duarte", "Marc Olsen"])
        #expect(entries.publications[4].venue == "Example Bioinformatics Conference")
    }

    @Test func tablesWithAHeaderRowAndYearListsAreReadByColumn() throws {
        let entries = try extract(
            """
            <h2>Papers</h2><table>
            <tr><th>Year</th><th>Title</th><th>Authors</th><th>Venue</th><th>Links</th></tr>
            <tr><td>2024</td><td>Learning to Push Deformable Objects</td><td>Kofi Mensah, Lia Berg</td><td>CoRL</td>
            <td><a href="papers/push.pdf">pdf</a></td></tr>
            <tr><td>2022</td><td>A Dataset of Everyday Grasps</td><td>Kofi Mensah</td><td>RSS Workshop</td><td></td></tr>
            </table>
            <h2>Selected publications</h2><ul><li>2023<ul>
            <li><b>Uncertainty in Variant Calling</b>. Ines Duarte. <i>Example Workshop on Genomics</i>.
            <ul><li>Best Paper Award</li></ul></li></ul></li></ul>
            <h2>Talks</h2><table><tr><th>Date</th><th>Talk</th><th>Event</th></tr>
            <tr><td>May 2024</td><td><a href="slides/push.pdf">Pushing Cloth Around</a></td><td>Example Seminar</td></tr>
            </table>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Learning to Push Deformable Objects", "A Dataset of Everyday Grasps", "Uncertainty in Variant Calling",
            ]
        )
        #expect(entries.publications[0].authors == ["Kofi Mensah", "Lia Berg"])
        #expect(entries.publications[0].venue == "CoRL")
        #expect(entries.publications[0].year == "2024")
        #expect(entries.publications[0].url == "https://lab.example.edu/~ada/papers/push.pdf")
        #expect(entries.publications[1].venue == "RSS Workshop")
        #expect(entries.publications[2].year == "2023")
        #expect(entries.publications[2].note == "Best Paper Award")
        #expect(entries.talks.map(\.title) == ["Pushing Cloth Around"])
        #expect(entries.talks.first?.venues == "Example Seminar")
        #expect(entries.talks.first?.year == "2024")
    }

    @Test func errorMessagesAreOneActionableLine() {
        let error = ExtractError(.noEntries, url: "page.html")
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasPrefix("page.html: found no publications, talks or members"))
    }
}
