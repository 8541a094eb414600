import Foundation
import MonitorCore
import MonitorExtract
import Testing

/// The rules of `docs/extraction.md` that read entries by what they look like, one small made-up
/// page each (issue 12).
@Suite struct RecordShapeTests {
    private func extract(_ html: String) throws -> PageEntries {
        try Extractor().entries(in: Array(html.utf8), url: "https://lab.example.edu/")
    }

    @Test func yearHeadingsAtTheListsOwnLevelDateItsEntries() throws {
        let entries = try extract(
            """
            <h2>publications</h2>
            <h2 class="year">2025</h2>
            <ol><li><div class="title">Tidal Models for Small Harbours</div>
            <div class="author">Ana Ruiz, Bo Li, and Cy Dunn</div><div class="periodical"><em>Coastal Letters</em></div></li></ol>
            <h2 class="year">2023</h2>
            <ol><li><div class="title">Sediment Transport Under Ice</div>
            <div class="author">Bo Li and Ana Ruiz</div><div class="periodical"><em>Journal of Ice</em>, 2023</div></li></ol>
            """
        )
        #expect(
            entries.publications.map(\.title) == ["Tidal Models for Small Harbours", "Sediment Transport Under Ice"]
        )
        #expect(entries.publications.map(\.year) == ["2025", "2023"])
    }

    @Test func anUnnamedHeadingIsReadWhenItsRecordsAreCitations() throws {
        let citations = (1...3).map { index in
            "<li>A. Ruiz, B. Li, and C. Dunn, <b>“Harbour Study Number \(index)”</b>, Coastal Letters (CL), 202\(index).</li>"
        }
        let entries = try extract(
            """
            <h2>About me</h2><p>I study harbours. My thesis, <a href="t.pdf">Tides and Me</a>, Example University, 2019.</p>
            <h2>Journal Paper</h2><ul>\(citations.joined())</ul>
            <h2>Harbour Studies</h2><ul>\(citations.joined())</ul>
            """
        )
        // "Journal Paper" names papers; "Harbour Studies" names nothing but lists citations; "About me" is prose.
        #expect(entries.publications.count == 6)
        #expect(entries.publications.first?.title == "Harbour Study Number 1")
        #expect(entries.publications.first?.authors == ["A. Ruiz", "B. Li", "C. Dunn"])
        #expect(entries.publications.first?.venue == "Coastal Letters (CL)")
        #expect(!entries.publications.contains { $0.title.contains("Tides") })
    }

    @Test func alumniAndFormerMembersAreNotMembers() throws {
        let entries = try extract(
            """
            <h1>People</h1>
            <h2>PhD Students</h2><ul><li><a href="https://ana.example.org/">Ana Ruiz</a>, PhD student</li></ul>
            <h2>Alumni</h2><ul><li><a href="https://old.example.org/">Olle Berg</a>, now at Example Corp</li></ul>
            <h2>Visitors</h2><ul><li>Cy Dunn, visiting student</li></ul>
            <h2>Students</h2>
            <p>Current students:<br><a href="https://bo.example.org/">Bo Li</a> (MS student)<br>
            Former advisees:<br><a href="https://dee.example.org/">Dee Park</a> (PhD 2020)<br></p>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Cy Dunn", "Bo Li"])
    }

    @Test func aPersonsCardIsOneMemberWithItsRoleLine() throws {
        let entries = try extract(
            """
            <h2>Current Members</h2>
            <table class="imgtable"><tr><td><img src="a.jpg"></td><td><p><b>Ana Ruiz</b>, MS</p>
            <ul><li><p>BS in Example University</p></li><li><p>Ph.D. student (2024-current)</p></li></ul>
            <p>Research interest: tides</p></td></tr></table>
            <table class="imgtable"><tr><td><img src="b.jpg"></td><td><p><b>Bo Li</b></p>
            <ul><li><p>Intern (2025-current)</p></li></ul></td></tr></table>
            """
        )
        #expect(
            entries.members == [
                Member(name: "Ana Ruiz", url: nil, description: "Ph.D. student (2024-current)"),
                Member(name: "Bo Li", url: nil, description: "Intern (2025-current)"),
            ]
        )
    }

    @Test func ieeeCitationsKeepVolumePagesAndPlace() throws {
        let entries = try extract(
            """
            <h2>Conference Papers</h2><ol>
            <li><p>A. Ruiz, B. Li, and C. Dunn, &ldquo;<a href="p/tides.pdf">Tidal Models for Harbours</a>,&rdquo; in
            <i>Proc. IEEE Int. Conf. Harbours (ICH)</i>, Lisbon, Portugal, May 2024, pp. 1&ndash;5.</p></li>
            <li><p>B. Li and A. Ruiz, &ldquo;Ice and Sediment,&rdquo; (invited) <i>IEEE Trans. Ice</i>, vol. 3, no. 2,
            Mar. 2023.</p></li></ol>
            """
        )
        let first = try #require(entries.publications.first)
        #expect(first.title == "Tidal Models for Harbours")
        #expect(first.authors == ["A. Ruiz", "B. Li", "C. Dunn"])
        #expect(first.url == "https://lab.example.edu/p/tides.pdf")
        #expect(first.year == "2024")
        let second = try #require(entries.publications.last)
        #expect(second.title == "Ice and Sediment")
        #expect(second.venue == "IEEE Trans. Ice, vol. 3, no. 2")
        #expect(second.note == "(invited)")
        #expect(second.year == "2023")
    }

    @Test func authorsAndVenueOnOneLineAreSplit() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><ul>
            <li><span>Tidal Models for Harbours</span><br><span>Ana Ruiz, Bo Li. In Proc. of the 2024 Conference on
            Harbour Science (CHS&rsquo;24)</span> [<a href="https://arxiv.org/abs/2901.00001">paper</a>]
            [<a href="https://code.example.org/t">code</a>]</li>
            <li><span>Ice and Sediment</span><br><span>Bo Li, Cy Dunn. Journal of Ice, 2023 (JI&rsquo;23)</span></li>
            </ul>
            """
        )
        #expect(entries.publications.map(\.authors) == [["Ana Ruiz", "Bo Li"], ["Bo Li", "Cy Dunn"]])
        #expect(
            entries.publications.map(\.venue) == ["Proc. of the 2024 Conference on Harbour Science", "Journal of Ice"]
        )
        #expect(entries.publications.map(\.year) == ["2024", "2023"])
        #expect(entries.publications.first?.url == "https://arxiv.org/abs/2901.00001")
    }

    @Test func thePaperLinkIsTheFirstToThePaperItself() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <p>Tidal Models for Harbours<br>Ana Ruiz and Bo Li<br><i>Coastal Letters</i>, 2024<br>
            <a href="https://code.example.org/t">Code</a> <a href="https://arxiv.org/abs/2901.00002">arXiv</a>
            <a href="t.pdf">PDF</a></p>
            <p>Ice and Sediment<br>Bo Li<br><i>Journal of Ice</i>, 2023<br><a href="https://ice.example.org/">website</a>
            <a href="i.bib">bib</a></p>
            """
        )
        #expect(entries.publications.map(\.url) == ["https://arxiv.org/abs/2901.00002", nil])
    }

    @Test func talksWithBoldTitlesAndOccasionLines() throws {
        let entries = try extract(
            """
            <h2>Invited talks</h2><ul>
            <li><p><b>Tides at Scale</b>, <i>Harbour Science Meeting</i>, October 16&ndash;19, 2022, Lisbon.</p></li>
            <li><i>Ice and Sediment</i> [<a href="s.pdf">slides</a>]<br>
            &nbsp;&nbsp;Mar 2021, Example University Seminar<br>&nbsp;&nbsp;Jan 2020, Coastal Workshop<br></li>
            </ul>
            """
        )
        #expect(
            entries.talks == [
                Talk(
                    title: "Tides at Scale",
                    venues: "Harbour Science Meeting, October 16–19, 2022, Lisbon",
                    year: "2022"
                ),
                Talk(
                    title: "Ice and Sediment",
                    venues: "Mar 2021, Example University Seminar; Jan 2020, Coastal Workshop",
                    year: "2021",
                    url: "https://lab.example.edu/s.pdf"
                ),
            ]
        )
    }

    @Test func linkBadgesAfterATitleAreNotTitle() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><ul>
            <li><a href="p/t.pdf"><i>Tidal Models for Harbours</i></a> [<a href="t.bib">bib</a>][<a href="d.zip">data</a>]<br>
            Ana Ruiz and Bo Li<br>Coastal Letters, 2024</li></ul>
            """
        )
        #expect(entries.publications.map(\.title) == ["Tidal Models for Harbours"])
    }

    @Test func doubtsNameTheSectionDetectionWasUnsureOf() throws {
        let news = (1...6).map { "<li>Mar 202\($0): we moved to a new building on the \($0)th floor.</li>" }
        let reading = try Extractor().read(
            Array(
                """
                <h2>Lab diary</h2><ul>\(news.joined())</ul>
                <h2>Publications</h2><p>Tidal Models for Harbours<br>Ana Ruiz and Bo Li<br><i>Coastal Letters</i>, 2024</p>
                """.utf8
            ),
            url: "https://lab.example.edu/"
        )
        #expect(reading.entries.publications.count == 1)
        #expect(reading.doubts.map(\.section) == ["Lab diary"])
    }

    @Test func yearsInRunningTextRaiseNoDoubt() throws {
        // A professor's "Etc." paragraphs: years inside sentences ("since 2003") date nothing.
        let prose = [
            "<a href=\"https://ea.example.org/\">Workbench</a> is a forum for home-made audio gear I have run since 2003.",
            "<a href=\"https://shop.example.org/\">Parts</a> was a small shop I ran from 2004-2009.",
            "<a href=\"https://group.example.org/\">A reading group</a> I have organised every week since 2012.",
            "<a href=\"https://hack.example.org/\">Hack days</a> are a series of hackathons held since 2013.",
            "<a href=\"https://synth.example.org/\">A synthesizer</a> I built over a month in January of 2006.",
            "<a href=\"https://guitar.example.org/\">A guitar</a> I made at a summer school in 2004.",
        ]
        let reading = try Extractor().read(
            Array(
                """
                <h2>Etc.</h2><div>\(prose.joined(separator: "<br><br>"))</div>
                <h2>Publications</h2><p>Tidal Models for Harbours<br>Ana Ruiz and Bo Li<br><i>Coastal Letters</i>, 2024</p>
                """.utf8
            ),
            url: "https://prof.example.edu/"
        )
        #expect(reading.entries.publications.count == 1)
        #expect(reading.doubts.isEmpty, "\(reading.doubts)")
    }

    @Test func theHeadNounDecidesAHeadingsKind() throws {
        let entries = try extract(
            """
            <h2>Master's Thesis Students</h2><ul><li><a href="https://ana.example.org/">Ana Ruiz</a>, M.S. student</li></ul>
            <h2>Group Publications</h2>
            <p>Tidal Models for Harbours<br>Ana Ruiz and Bo Li<br><i>Coastal Letters</i>, 2024</p>
            <h2>Post-docs</h2><ul><li><a href="https://bo.example.org/">Bo Li</a>, postdoc</li></ul>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li"])
        #expect(entries.publications.map(\.title) == ["Tidal Models for Harbours"])
    }

    @Test func nameHeadingsAtTheSectionsLevelArePeople() throws {
        let entries = try extract(
            """
            <h2>FACULTY</h2>
            <div class="person"><img src="a.jpg"><div class="portrait-title"><h2><a href="/author/ana/">Ana Ruiz</a></h2></div></div>
            <div class="person"><img src="b.jpg"><div class="portrait-title"><h2><a href="/author/bo/">Bo Li</a></h2></div></div>
            <h2>Graduate Students</h2>
            <div class="card"><h2>Cy Dunn</h2><p>PhD student</p></div>
            <div class="card"><a href="https://dee.example.org/"><h3>Dee Park</h3></a><p>MEAM, 2024–present<br>Co-advised with Ana Ruiz</p></div>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li", "Cy Dunn", "Dee Park"])
        #expect(entries.members.last?.url == "https://dee.example.org/")
        #expect(entries.members.last?.description == "MEAM, 2024–present Co-advised with Ana Ruiz")
    }

    @Test func aTitleBlockJoinsTheAuthorsBlockBelowIt() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <p><b><a href="https://arxiv.org/abs/2901.00003">Tidal Models for Harbours</a></b></p>
            <p>Ana Ruiz, <a href="https://bo.example.org/"><b>Bo Li</b></a>, Cy Dunn<br>In <i>Coastal Letters 2024</i>.</p>
            <p><b><a href="https://arxiv.org/abs/2901.00004">Ice and Sediment</a></b></p>
            <p>Bo Li, Cy Dunn<br>In <i>Journal of Ice 2023</i>.</p>
            """
        )
        #expect(entries.publications.map(\.title) == ["Tidal Models for Harbours", "Ice and Sediment"])
        #expect(entries.publications.first?.authors == ["Ana Ruiz", "Bo Li", "Cy Dunn"])
        #expect(entries.publications.first?.url == "https://arxiv.org/abs/2901.00003")
    }

    @Test func aYearFirstQuotedCitation() throws {
        let entries = try extract(
            """
            <h2>Papers</h2><ul>
            <li><p><b>2022</b>, &ldquo;Tidal Models for Harbours&rdquo;, <b>A.Ruiz</b>, B.Li, C.Dunn</p></li>
            <li><p><b>2021</b>, &ldquo;Ice and Sediment&rdquo;, <b>A.Ruiz</b>, B.Li, <i>Journal of Ice</i></p></li></ul>
            """
        )
        #expect(entries.publications.map(\.title) == ["Tidal Models for Harbours", "Ice and Sediment"])
        #expect(entries.publications.map(\.year) == ["2022", "2021"])
        #expect(entries.publications.last?.authors == ["A.Ruiz", "B.Li"])
        #expect(entries.publications.last?.venue == "Journal of Ice")
    }

    @Test func talkDatesBesideTheTitleAndDashedVenues() throws {
        let entries = try extract(
            """
            <h2>Talks</h2><ul>
            <li><p><em>Tides at Scale</em> (July, 2025) <br> Harbour Science Workshop, Lisbon</p></li>
            <li><p>Ice and Sediment - Coastal Summer School, Example University, 2010.</p></li></ul>
            """
        )
        #expect(
            entries.talks == [
                Talk(title: "Tides at Scale", venues: "Harbour Science Workshop, Lisbon", year: "2025"),
                Talk(title: "Ice and Sediment", venues: "Coastal Summer School, Example University", year: "2010"),
            ]
        )
    }

    @Test func aLongAuthorListEndingInAPeriodIsNoSummary() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <p><b>Tidal Models for Harbours</b><br>Ana Ruiz, Bo Li, Cy Dunn, Dee Park, Eve Ono, Fay Sun, Gil Roe.<br>
            <i>Coastal Letters</i>, 2024</p>
            """
        )
        #expect(entries.publications.first?.authors.count == 7)
        #expect(entries.publications.first?.venue == "Coastal Letters")
    }

    @Test func anAuthorLineIsFoundByItsNamesNotItsPlace() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><ol>
            <li><p><b>Ruiz, A.</b>, Li, B., &amp; Dunn, C. (2016).<br><a href="tides.pdf">Tidal models for small harbours.</a><br>
            Coastal Letters, 8(1), 1.</p></li>
            <li><p>A. Ruiz and B. Li<br>Sediment transport under thin ice.<br>Journal of Ice, 2015</p></li></ol>
            <h2>Preprints</h2>
            <a href="https://doi.org/10.1/x"><h4>Harbour Waves in Winter Storms</h4></a>
            <h5>A Ruiz, B Li and C Dunn (2017)</h5><p><em>Coastal Letters</em></p>
            <p>We study how harbour waves grow in winter storms, with three years of buoy data from two ports.</p>
            """
        )
        let papers = entries.publications
        #expect(
            papers.map(\.title) == [
                "Tidal models for small harbours.", "Sediment transport under thin ice.",
                "Harbour Waves in Winter Storms",
            ]
        )
        #expect(papers.map(\.year) == ["2016", "2015", "2017"])
        #expect(papers.map(\.venue) == ["Coastal Letters, 8(1), 1", "Journal of Ice", "Coastal Letters"])
        #expect(papers[1].authors == ["A. Ruiz", "B. Li"])
        #expect(papers[2].authors == ["A Ruiz", "B Li", "C Dunn"])
        #expect(papers.map(\.url) == ["https://lab.example.edu/tides.pdf", nil, "https://doi.org/10.1/x"])
    }

    @Test func talksToldAsSentencesAndLabelledTalks() throws {
        let entries = try extract(
            """
            <h2>Talks &amp; Conference Posters</h2>
            <h3>2023</h3><ul>
            <li>Invited seminar at the <strong>Example University</strong> on “Tides at Scale in Small Harbours”.</li>
            <li>Keynote at the <strong>Harbour Science Workshop</strong>, Lisbon, titled “Ice and Sediment Together”.</li>
            <li><b>[Invited talk] Sediment Transport Under Thin Ice</b> - Coastal Summer School, Online.</li></ul>
            <h2>Poster Presentations</h2><ul><li><b>Buoys We Have Known</b> - Harbour Poster Day, 2022</li></ul>
            <h2>Latest in Lab</h2><p><b>Feb 24</b> Ana Ruiz, first-year PhD student, wins a fellowship. Congratulations!</p>
            <footer>Copyright (c) 2024 Example Lab; all rights reserved.</footer>
            """
        )
        #expect(
            entries.talks.map(\.title) == [
                "Tides at Scale in Small Harbours", "Ice and Sediment Together", "Sediment Transport Under Thin Ice",
            ]
        )
        #expect(
            entries.talks.map(\.venues) == [
                "Invited seminar at the Example University", "Keynote at the Harbour Science Workshop, Lisbon",
                "Coastal Summer School, Online",
            ]
        )
        #expect(entries.talks.map(\.year) == ["2023", "2023", "2023"])
        #expect(entries.members.isEmpty)
        #expect(entries.publications.isEmpty)
    }

    @Test func aBracketedBadgeOrNumberBeforeATitleIsNoPartOfIt() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <div class="paper"><p><strong style="color:red">[New]</strong> <b>Tidal Models for Small Harbours</b><br>
            <strong>Ana Ruiz</strong>, Bo Li<br>Coastal Letters, 2021<br><a href="a.pdf">pdf</a></p></div>
            <div class="paper"><p>[J2] <b>Sediment Transport Under Thin Ice</b><br>Bo Li, <strong>Ana Ruiz</strong><br>
            Journal of Ice, 2020<br><a href="b.pdf">pdf</a></p></div>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Tidal Models for Small Harbours", "Sediment Transport Under Thin Ice",
            ]
        )
        #expect(entries.publications.map(\.venue) == ["Coastal Letters", "Journal of Ice"])
    }

    @Test func aPersonsCardKeepsItsLinesAndItsDegree() throws {
        let entries = try extract(
            """
            <h1>People</h1>
            <h2>Principal Investigator</h2>
            <div class="person"><img src="ana.jpg"><div class="info"><h3>Ana Ruiz, Ph.D.</h3>
            <p>Principal Investigator</p><p><a href="mailto:ana@example.edu">ana@example.edu</a><br>Room B319</p>
            <div><a href="https://scholar.example.org/ana">Google Scholar</a> <a href="/cv/ana.pdf">C.V.</a></div></div></div>
            <h2>Graduate Students</h2><div class="grid">
            <article><img src="bo.jpg"><div><h2>Bo Li</h2><h5><p>PhD candidate, Harbour Science |
            <a href="mailto:bo@example.edu"><b>Email</b></a><br>MS Oceanography, Example University<br>
            Research // tides, sediment<br><b>Loves // </b> sailing</p></h5></div></article>
            <article><img src="cy.jpg"><div><h2>Cy Dunn</h2><h5><p>PhD student, Harbour Science<br>
            Research // ice</p></h5></div></article></div>
            """
        )
        #expect(
            entries.members == [
                Member(name: "Ana Ruiz", description: "Principal Investigator"),
                Member(name: "Bo Li", description: "PhD candidate, Harbour Science"),
                Member(name: "Cy Dunn", description: "PhD student, Harbour Science"),
            ]
        )
    }

    @Test func aLinkedTitleFirstCitationTakesItsAuthorsFromTheBlockAbove() throws {
        let entries = try extract(
            """
            <h2>Papers in refereed journals</h2>
            <p>Ruiz, A., Li, B. and Dunn, C.</p>
            <p><a href="https://doi.org/10.1/a">Tidal Models for Small Harbours</a>, Coastal Letters, 78(2), 353-375, 2021.</p>
            <p>Li, B. and Ruiz, A.</p>
            <p><a href="https://doi.org/10.1/b">Sediment Transport Under Thin Ice</a>, Journal of Ice Vol. 38, No. 5, pp. 1-9, 2016.</p>
            """
        )
        #expect(
            entries.publications == [
                Publication(
                    title: "Tidal Models for Small Harbours",
                    authors: ["Ruiz", "A.", "Li", "B.", "Dunn", "C."],
                    byline: "Ruiz, A., Li, B. and Dunn, C",
                    venue: "Coastal Letters, 78(2), 353-375",
                    year: "2021",
                    url: "https://doi.org/10.1/a",
                    section: "Papers in refereed journals"
                ),
                Publication(
                    title: "Sediment Transport Under Thin Ice",
                    authors: ["Li", "B.", "Ruiz", "A."],
                    byline: "Li, B. and Ruiz, A",
                    venue: "Journal of Ice Vol. 38, No. 5, pp. 1-9",
                    year: "2016",
                    url: "https://doi.org/10.1/b",
                    section: "Papers in refereed journals"
                ),
            ]
        )
    }

    @Test func theButtonsBelowAPaperAreItsLinksAndTheVenueLinkIsNotThePaper() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <p><b>Ruiz, A.</b> and Li, B. (2017) Tidal models for small harbours.
            <a href="https://coastal.example.org/journal/letters">Coastal Letters</a> 27(8): 294-295.</p>
            <p class="links">[<a href="/papers/tides-2017.pdf">PDF</a>] [<a href="https://coastal.example.org/article/123">LINK</a>]</p>
            <p><b>Ruiz, A.</b>, Li, B. and Dunn, C. (2016) Sediment transport under thin ice.
            <a href="https://ice.example.org/">Journal of Ice</a> 12: 1-9.</p>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Tidal models for small harbours", "Sediment transport under thin ice",
            ]
        )
        #expect(entries.publications.map(\.url) == ["https://lab.example.edu/papers/tides-2017.pdf", nil])
    }

    @Test func linesOfOneBlockThatAreEachAWholeEntryAreOneEntryEach() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <p>A. Ruiz, B. Li, and C. Dunn. Tidal Models for Small Harbours. Coastal Letters, 2021.<br>
            B. Li and A. Ruiz. Sediment Transport Under Thin Ice. Journal of Ice, 2020.<br></p>
            <h2>Talks</h2>
            <div>Tides at Scale, Harbour Science Workshop, Lisbon, 2022 <a href="t1.pdf">Slides</a><br>
            Buoys We Have Known, Second Scottish Colloquium, Edinburgh, 2014<br></div>
            <h2>Invited talks</h2>
            <div><b>Why Tides Drift</b><br>Harbour Science Workshop, Lisbon, 2023</div>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Tidal Models for Small Harbours", "Sediment Transport Under Thin Ice",
            ]
        )
        #expect(entries.publications.map(\.year) == ["2021", "2020"])
        #expect(
            entries.talks == [
                Talk(
                    title: "Tides at Scale",
                    venues: "Harbour Science Workshop, Lisbon",
                    year: "2022",
                    url: "https://lab.example.edu/t1.pdf"
                ),
                Talk(title: "Buoys We Have Known", venues: "Second Scottish Colloquium, Edinburgh", year: "2014"),
                Talk(title: "Why Tides Drift", venues: "Harbour Science Workshop, Lisbon", year: "2023"),
            ]
        )
    }

    @Test func aTitleWithItsFieldsInANestedListIsOneEntry() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><ul>
            <li><a href="https://arxiv.org/abs/1707.0001">Tidal Models for Small Harbours</a>. <a href="https://code.example.org/t">CODE</a><br>
              <ul><li>Bo Li, <strong>Ana Ruiz</strong>, Cy Dunn<br></li>
              <li>18th Annual Meeting on Coastal Letters, August 2017<br></li>
              <li><strong>Winner of best paper award</strong><br></li></ul></li>
            <li><a href="https://arxiv.org/abs/1801.0002">Sediment Transport Under Thin Ice</a><br>
              <ul><li>Ana Ruiz, Bo Li<br></li><li>Journal of Ice, 2018<br></li></ul></li></ul>
            <h2>Selected papers</h2><ul><li><b>Journal papers</b><ul>
            <li>A. Ruiz and B. Li. Harbour Waves in Winter Storms. Coastal Letters, 2016.</li>
            <li>B. Li and A. Ruiz. Buoys We Have Known. Journal of Ice, 2015.</li></ul></li></ul>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Tidal Models for Small Harbours", "Sediment Transport Under Thin Ice",
                "Harbour Waves in Winter Storms",
                "Buoys We Have Known",
            ]
        )
        #expect(entries.publications.first?.authors == ["Bo Li", "Ana Ruiz", "Cy Dunn"])
        #expect(entries.publications.first?.url == "https://arxiv.org/abs/1707.0001")
        #expect(entries.publications.first?.note == "Winner of best paper award")
        #expect(entries.publications.map(\.year) == ["2017", "2018", "2016", "2015"])
    }

    @Test func aBoldTitleWithItsVenueAsALinkAndButtonsThatAreNoAuthors() throws {
        let entries = try extract(
            """
            <h1>Publications</h1><ul>
            <li><b>Slow relaxation in a harbour chain</b> A. Ruiz, B. Li, and C. Dunn,
            <a href="https://doi.org/10.1/prl.1">Phys. Rev. Lett. 120, 000001 (2018)</a>,
            <a href="https://arxiv.org/abs/1801.00001">[arXiv: 1801.00001]</a></li></ul>
            <h2>Preprints</h2><ul>
            <li>Tidal Models for Small Harbours<p><a href="https://arxiv.org/pdf/2006.00001.pdf">PDF</a>
            <a onclick="toggle('b1')">BibTeX</a></p> 2020</li></ul>
            """
        )
        let papers = entries.publications
        #expect(papers.map(\.title) == ["Slow relaxation in a harbour chain", "Tidal Models for Small Harbours"])
        #expect(papers.first?.authors == ["A. Ruiz", "B. Li", "C. Dunn"])
        #expect(papers.first?.venue == "Phys. Rev. Lett. 120, 000001")
        #expect(papers.first?.year == "2018")
        #expect(papers.first?.url == "https://doi.org/10.1/prl.1")
        #expect(papers.last?.authors == [])
    }

    @Test func aHeadingRepeatedInEveryCardIsNoSection() throws {
        let entries = try extract(
            """
            <h2>People</h2><div class="row">
            <div class="col"><img src="p0.jpg"><div class="overlay"><h3>Contact Me:</h3><a href="mailto:p0@example.edu"><i class="fa"></i></a></div>
            <h4><a href="https://p0.example.org/">Ana Ruiz</a></h4><p>PhD Student</p></div><! --/col -->
            <div class="col"><img src="p1.jpg"><div class="overlay"><h3>Contact Me:</h3><a href="mailto:p1@example.edu"><i class="fa"></i></a></div>
            <h4><a href="https://p1.example.org/">Bo Li</a></h4><p>Postdoc</p></div><! --/col -->
            <div class="col"><img src="p2.jpg"><div class="overlay"><h3>Contact Me:</h3><a href="mailto:p2@example.edu"><i class="fa"></i></a></div>
            <h4><a href="https://p2.example.org/">Cy Dunn</a></h4><p>PhD Student</p></div><! --/col -->
            </div>
            <h2>Alumni</h2><div class="col"><h4><a href="https://old.example.org/">Dee Park</a></h4><p>PhD 2020</p></div>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li", "Cy Dunn"])
        #expect(entries.members.map(\.description) == ["PhD Student", "Postdoc", "PhD Student"])
    }

    @Test func coauthorsInAWithClauseAndAnItalicTitleFirst() throws {
        let entries = try extract(
            """
            <h4>Research publications</h4><ol>
            <li>Tidal curves and harbour polygons
              (with <a href="https://example.org/~li">Bo Li</a> and Cy Dunn)
            <br><a href="https://journal.example.org/"><i>J. Coastal Theory</i></a> <b>181</b> (2021), 105-131.
            [<a href="papers/tidal.pdf">PDF</a>]
            <li>The slopes of a random harbour
            <br><i>Harbour Math. J.</i> <b>140</b> (2008), 11-40. [<a href="papers/slopes.pdf">PDF</a>]</ol>
            <h4>Theses</h4><ol>
            <li><i>Graph Curves</i>, Ph.D. thesis, <a href="https://uni.example.edu">Example University</a>, 2002.
            [<a href="papers/thesis.pdf">PDF</a>]</ol>
            """
        )
        let papers = entries.publications
        #expect(
            papers.map(\.title) == [
                "Tidal curves and harbour polygons", "The slopes of a random harbour", "Graph Curves",
            ]
        )
        #expect(papers.map(\.authors) == [["Bo Li", "Cy Dunn"], [], []])
        #expect(papers.map(\.year) == ["2021", "2008", "2002"])
        #expect(papers.last?.venue == "Ph.D. thesis, Example University")
        #expect(
            papers.map(\.url) == [
                "https://lab.example.edu/papers/tidal.pdf", "https://lab.example.edu/papers/slopes.pdf",
                "https://lab.example.edu/papers/thesis.pdf",
            ]
        )
    }

    @Test func roleHeadingsUnderAnAlumniHeadingAreFormerMembers() throws {
        let entries = try extract(
            """
            <section><h2>Current Lab Members</h2>
            <ul><li><strong>Ana Ruiz</strong>, Postdoctoral Researcher</li>
            <li><strong>Ben Ota</strong>, PhD Student</li></ul></section>
            <section><h2>Lab Alumni</h2>
            <section><h3>Graduate Students</h3>
            <ul><li><strong>Tom Hale</strong>, Ph.D. in Ecology, 2023.<br>Matrix effects on movement.</li>
            <li><strong>Ivy Marsh</strong>, M.S. in Biology, 2007</li></ul></section>
            <section><h3>Visiting Students</h3><ul><li><strong>Rui Costa</strong>, Example University</li></ul>
            </section></section>
            <section><h2>Lab Members Abroad</h2><ul><li><strong>Cy Dunn</strong>, PhD Student</li></ul></section>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Ben Ota", "Cy Dunn"])
    }

    @Test func authorDateCitationsWithAQuotedTitleAsPapersAndAsTalks() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <p><a href="https://doi.org/10.1000/ice.1">Ruiz, Ana, and Bo Li. 2019. "Tides and Harbour Survival."
            <i>Coastal Studies</i> 45 (1): 54-79</a>.</p>
            <p><a href="https://example.org/rep.zip">Replication package</a><br>
            <a href="https://example.org/supp.pdf">Supplemental material</a></p>
            <h2>Conference Presentations</h2>
            <ul><li><strong>Ruiz A.</strong> (2024, May). "Measuring Tides with Satellites."
            <span>Annual Meeting of the Example Society</span></li></ul>
            """
        )
        let paper = try #require(entries.publications.first)
        #expect(entries.publications.count == 1)
        #expect(paper.title == "Tides and Harbour Survival")
        #expect(paper.year == "2019")
        #expect(paper.venue == "Coastal Studies 45 (1): 54-79")
        #expect(paper.url == "https://doi.org/10.1000/ice.1")
        #expect(
            entries.talks == [
                Talk(
                    title: "Measuring Tides with Satellites",
                    venues: "Annual Meeting of the Example Society",
                    year: "2024"
                )
            ]
        )
    }

    @Test func aCardsCapitalLabelAndItsContributionNoteAreNoPaper() throws {
        let entries = try extract(
            """
            <section><h2>Publications</h2>
            <article><div class="thumb">TIDAL<br>MODELS</div><div>
            <h3>Strong tides in a shallow harbour</h3><p>Ana Ruiz, Bo Li, Cy Dunn</p>
            <p><sup>*</sup> Ana Ruiz and Bo Li are co-first authors.</p>
            <p><em>Coastal Letters 22 (3), 034017</em> (2024)</p></div></article>
            <article><div class="thumb">ICE &amp;<br>SEDIMENT</div><div>
            <h3>Ice sheets and sediment flow</h3><p>Bo Li, Ana Ruiz (* equal contribution)</p>
            <p><em>Journal of Ice 3, 1-4</em> (2021)</p></div></article></section>
            """
        )
        #expect(
            entries.publications.map(\.title) == ["Strong tides in a shallow harbour", "Ice sheets and sediment flow"]
        )
        #expect(entries.publications.first?.authors == ["Ana Ruiz", "Bo Li", "Cy Dunn"])
        #expect(entries.publications.last?.authors.first == "Bo Li")
    }

    @Test func personCardsTitledByHeadingsNeedNoSectionHeading() throws {
        let entries = try extract(
            """
            <div class="people">
            <div class="person"><a href="/people/ada"><img src="ada.png"></a>
            <h3><a href="/people/ada">Ada Berg</a></h3><h4>PhD student</h4></div>
            <div class="person"><a href="/people/fred"><img src="fred.png"></a>
            <h3><a href="/people/fred">Fred Holm</a></h3><h4>Assistant professor, group leader</h4></div>
            </div>
            <h1>Alumni</h1>
            <div class="person"><h3><a href="/people/sam">Sam Lind</a></h3><h4>MSc student</h4></div>
            """
        )
        #expect(entries.members.map(\.name) == ["Ada Berg", "Fred Holm"])
        #expect(entries.members.map(\.description) == ["PhD student", "Assistant professor, group leader"])
        #expect(entries.members.first?.url == "https://lab.example.edu/people/ada")
    }

    @Test func aTalkVenueOnSeveralLinesAndASpeakerLineAboveIt() throws {
        let entries = try extract(
            """
            <h2>Talks</h2>
            <p><b>Clustering Tides for Harbour Analysis</b><br>
            11th Conference of the Coastal Society (ECS)<br>Lisbon, 2019<br>[<a href="slides/ecs.pdf">Slides</a>]</p>
            <p><b>A heuristic for harbour search</b><br>
            2016 Symposium on Coastal Computing (SCC)<br>Porto, 2017</p>
            <ul><li><a class="title">After the tide</a><br><b>Ana Ruiz</b> and Bo Li<br>
            <i>Ways of Seeing Water, June 2015</i><br><i>Coastal Humanities Network</i></li></ul>
            """
        )
        #expect(
            entries.talks.map(\.venues) == [
                "11th Conference of the Coastal Society (ECS), Lisbon",
                "2016 Symposium on Coastal Computing (SCC), Porto",
                "Ways of Seeing Water, June 2015, Coastal Humanities Network",
            ]
        )
        #expect(entries.talks.map(\.year) == ["2019", "2017", "2015"])
        #expect(entries.talks.first?.url == "https://lab.example.edu/slides/ecs.pdf")
    }

    @Test func aDateOpeningATalkLineIsItsDateNotItsTitle() throws {
        let entries = try extract(
            """
            <h2>Talks</h2><h3>2019</h3><ul>
            <li><p><em>June 18</em>. The typology of harbour tides.
            <a href="https://event.example.org/"><em>Coastal Complexity Meeting</em></a>, Lisbon.</p></li>
            <li><p>December 15, 2017. Tides in recurrent models. <em>Internal seminar</em> at Example University.</p></li>
            </ul>
            """
        )
        #expect(entries.talks.map(\.title) == ["The typology of harbour tides", "Tides in recurrent models"])
        #expect(entries.talks.map(\.year) == ["2019", "2017"])
        #expect(entries.talks.last?.venues == "Internal seminar at Example University")
    }

    @Test func aCardsIconLinksAndAvatarInitialsAreNoPeople() throws {
        let entries = try extract(
            """
            <h1>Our Team</h1><div class="grid">
            <div class="card"><div class="avatar"><img src="ada.jpg" alt="Dr. Ada Berg"></div><h3>Dr. Ada Berg</h3>
            <div class="role">Postdoctoral Research Fellow</div><p>Works on harbour tides, sediments, and ice.</p>
            <div class="links"><a href="mailto:ada@example.edu">✉</a> <a href="https://scholar.example.org/ada">🎓</a></div>
            </div>
            <div class="card"><div class="avatar">BS</div><h3>Bo Sand</h3><div class="role">PhD Student</div>
            <div class="links"><a href="mailto:bo@example.edu">✉</a></div></div>
            <div class="card"><h3>Jia Zhong<br>钟嘉</h3><div class="role">Research Assistant</div></div></div>
            """
        )
        #expect(entries.members.map(\.name) == ["Dr. Ada Berg", "Bo Sand", "Jia Zhong 钟嘉"])
        #expect(
            entries.members.map(\.description) == ["Postdoctoral Research Fellow", "PhD Student", "Research Assistant"]
        )
    }

    @Test func roleLabelsQuestionsAndButtonsInAPeopleListAreNoPeople() throws {
        let entries = try extract(
            """
            <h2>People</h2>
            <div>PhD Students</div>
            <p><a href="/people/ana">Ana Ruiz</a>, since 2021</p>
            <p><a href="/people/bo">Bo Li</a>, since 2022</p>
            <div>Interested in Joining the Lab?</div>
            <p><a href="/contact/">Get in Touch</a></p>
            <p>Anita Brown, REU 2017</p>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li", "Anita Brown"])
    }

    @Test func aHeadingThatHoldsBlocksIsAWrapperAndAnAPATitleMayEndInAQuestion() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <div class="item"><h4><ul><p><section><h3>2022</h3>
            Ruiz, A., Li, B., &amp; Dunn, C. (2022). What can tides tell us about harbours?
            <i>Journal of Coastal Memory</i>, <i>127</i>, Article 104369.
            <a href="https://doi.org/10.1000/jcm.1">https://doi.org/10.1000/jcm.1</a>
            </section></p></ul></h4></div>
            """
        )
        let paper = try #require(entries.publications.first)
        #expect(paper.title == "What can tides tell us about harbours?")
        // Split at every comma, as the page shows them (the corpus convention for a list of names).
        #expect(paper.authors == ["Ruiz", "A.", "Li", "B.", "& Dunn", "C."])
        #expect(paper.venue == "Journal of Coastal Memory, 127, Article 104369")
        #expect(paper.year == "2022")
        #expect(paper.url == "https://doi.org/10.1000/jcm.1")
    }

    @Test func aTalkTitleAboveARowOfButtonsHasNoVenue() throws {
        let entries = try extract(
            """
            <h1>Recent Talks</h1><div><h3>2019</h3></div><ul>
            <li>Tides for harbour engineers<p><a href="/talk/tides/">Details</a></p></li>
            <li>Statistical basis for tide tables<p><a href="/talk/tables/">Details</a>
            <a href="https://slides.example.org/tables.html">Slides</a></p></li></ul>
            """
        )
        #expect(
            entries.talks == [
                Talk(title: "Tides for harbour engineers", year: "2019", url: "https://lab.example.edu/talk/tides/"),
                Talk(
                    title: "Statistical basis for tide tables",
                    year: "2019",
                    url: "https://lab.example.edu/talk/tables/"
                ),
            ]
        )
    }

    @Test func numberedEntriesWithoutAuthorsAndTheirLabels() throws {
        let entries = try extract(
            """
            <h2>Journals</h2><ul>
            <li><p>J1: <a href="https://doi.org/10.1/j1">Bounds on the Tide Delay of Small Harbours</a> - In Journal of Tides, 2015.</p></li>
            </ul><h2>Technical reports</h2><ul>
            <li><p>T1 : Delay optimal policies for harbour gates, TR-HB-2010-13, 2010</p></li>
            <li><p>C7: Influence of Greedy Dredging on Harbour Evolution - Coastal Workshop 2015 (CW - 2015)</p></li></ul>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Bounds on the Tide Delay of Small Harbours", "Delay optimal policies for harbour gates",
                "Influence of Greedy Dredging on Harbour Evolution",
            ]
        )
        #expect(entries.publications.map(\.authors) == [[], [], []])
        #expect(
            entries.publications.map(\.venue) == [
                "Journal of Tides", "TR-HB-2010-13", "Coastal Workshop 2015 (CW - 2015)",
            ]
        )
        #expect(entries.publications.map(\.year) == ["2015", "2010", "2015"])
    }

    @Test func nameHeadingsBesideRoleGroupHeadingsAtOneLevelAreOnePersonEach() throws {
        let entries = try extract(
            """
            <h2>People</h2><article>
            <h4 id="dir"><a href="#dir" class="headerlink"></a> LAB DIRECTOR</h4>
            <h4 id="ada"><a href="#ada" class="headerlink"></a> Ada Berg</h4>
            <p>Professor of Oceanography<br>@ Example Institute</p>
            <p><strong>Research Interests</strong>:<ul><li>Harbour tides</li><li>Sea ice</li></ul></p><hr>
            <h4 id="members"><a href="#members" class="headerlink"></a> LAB MEMBERS</h4>
            <h4 id="bo"><a href="#bo" class="headerlink"></a> Bo Sand</h4>
            <p>Postdoc Fellow @NUS (<a href="mailto:bo@example.edu">bo@example.edu</a>,
            <a href="https://bosand.example.org/">https://bosand.example.org/</a>)</p>
            <p><strong>Education</strong>:<br>Ph.D. in Physics, Example University (2020)</p><hr>
            <h4 id="cy"><a href="#cy" class="headerlink"></a> Cy Dunn</h4>
            <p>PhD student @NUS (<a href="mailto:cy@example.edu">cy@example.edu</a>)</p><hr>
            <h4 id="alumni"><a href="#alumni" class="headerlink"></a> ALUMNI</h4>
            <p>Dee Park, PhD 2022</p></article>
            <h3>Visitors</h3><div class="card"><h5><a href="https://eve.example.org/">Eve Holt</a></h5>
            <h6><a href="https://twitter.com/eveholt">@eveholt</a></h6><p>Visiting student</p></div>
            """
        )
        #expect(entries.members.map(\.name) == ["Ada Berg", "Bo Sand", "Cy Dunn", "Eve Holt"])
        #expect(
            entries.members.map(\.description) == [
                "Professor of Oceanography", "Postdoc Fellow @NUS", "PhD student @NUS", "Visiting student",
            ]
        )
    }

    @Test func anOpeningsCardOrALegendInAGridOfPeopleIsNoPerson() throws {
        let entries = try extract(
            """
            <h2>Our Team</h2><section><h3>Current Members</h3><div class="grid">
            <div class="member"><img src="ada.jpg" alt="Ada Berg"><h4>Ada Berg</h4>
            <p><strong>Principal Investigator</strong></p><p>Ada joined the university in 2026.</p></div>
            <div class="member"><div class="placeholder">PhD Student</div><h4>Join Our Team</h4>
            <p><strong>PhD Position Available</strong></p><p>Quantum Dynamics Theory</p></div>
            <div class="member"><img src="bo.jpg" alt="Bo Sand"><h4>Bo Sand</h4><p><strong>PhD Student</strong></p></div>
            </div></section>
            <section><h4>Role Legend</h4><div><span>PI</span> <span>PhD</span> <span>Masters</span></div></section>
            """
        )
        #expect(entries.members.map(\.name) == ["Ada Berg", "Bo Sand"])
        #expect(entries.members.map(\.description) == ["Principal Investigator", "PhD Student"])
    }

    @Test func aCardsMetadataAboveItsTitleIsTheEntrysAndAnIssueNumberIsVenue() throws {
        let entries = try extract(
            """
            <h1>Publications</h1><div class="wrapper">
            <div class="card-simple"><div class="article-metadata">
            <div><span><a>A Ruiz</a></span>, <span><a>B Li</a></span></div>
            <span class="article-date"><time>June 2019</time></span> <span class="pub-publication">arXiv</span></div>
            <h3 class="article-title"><a href="/publication/ruiz2019/">Tidal Models for Small Harbours</a></h3>
            <div class="btn-links"><a href="https://arxiv.org/abs/1805.00001">PDF</a></div></div>
            <div class="card-simple"><div class="thumb">COASTAL–ICE</div><div class="article-metadata">
            <div><span><a>A Ruiz</a></span>, <span><a>C Dunn</a></span></div>
            <span class="article-date"><time>April 2017</time></span>
            <span class="pub-publication"><em>Coastal Letters, 38</em>(8), 1399-1420</span></div>
            <h3 class="article-title"><a href="/publication/ruiz2017/">Sediment Transport Under Ice</a></h3></div>
            </div>
            """
        )
        #expect(
            entries.publications.map(\.title) == ["Tidal Models for Small Harbours", "Sediment Transport Under Ice"]
        )
        #expect(entries.publications.map(\.authors) == [["A Ruiz", "B Li"], ["A Ruiz", "C Dunn"]])
        #expect(entries.publications.map(\.venue) == ["arXiv", "Coastal Letters, 38(8), 1399-1420"])
        #expect(entries.publications.map(\.year) == ["2019", "2017"])
        #expect(
            entries.publications.map(\.url) == [
                "https://lab.example.edu/publication/ruiz2019/", "https://lab.example.edu/publication/ruiz2017/",
            ]
        )
        #expect(entries.publications.map(\.note) == [nil, nil])
    }

    @Test func aTableOfContentsIsNoEntryAndNoCardReachesOverTheNextSection() throws {
        let entries = try extract(
            """
            <h1>Talks</h1>
            <section class="toc"><header><h3>Overview</h3></header>
            <ul><li><a href="#upcoming">Upcoming</a><ul><li><a href="#2019">2019</a></li><li><a href="#2018">2018</a></li></ul></li></ul>
            </section>
            <h2 id="2019">2019</h2>
            <ul><li><b>The typology of harbour tides</b>, Workshop on Coastal Complexity, Edinburgh.</li></ul>
            <h2 id="2018">2018</h2>
            <ul><li><b>Learning tides through guidance</b>, Internal seminar at Example University.</li></ul>
            """
        )
        #expect(entries.talks.map(\.title) == ["The typology of harbour tides", "Learning tides through guidance"])
        #expect(entries.talks.map(\.year) == ["2019", "2018"])
        #expect(
            entries.talks.map(\.venues) == [
                "Workshop on Coastal Complexity, Edinburgh", "Internal seminar at Example University",
            ]
        )
    }

    @Test func aBoldTalkTitleThatNamesATalkIsATitleNotALabel() throws {
        let entries = try extract(
            """
            <h2>Talks</h2>
            <p><b>Invited Talk - Harbour Ceremony 2020</b><br>University of Example (Online), 2020<br>
            [<a href="slides/ceremony.pdf">Slides</a>]</p>
            <p><b>Forward Models for Tides</b><br>Plenary Lecture, IS 2020<br>Varna (Online), 2020</p>
            <p><b>Invited Talks</b></p>
            <p><b>Fuzzy Clustering of Sediments</b><br>11th Conference on Fuzzy Logic<br>Prague, 2019</p>
            """
        )
        #expect(
            entries.talks.map(\.title) == [
                "Invited Talk - Harbour Ceremony 2020", "Forward Models for Tides", "Fuzzy Clustering of Sediments",
            ]
        )
        #expect(entries.talks.first?.venues == "University of Example (Online)")
        #expect(entries.talks.first?.url == "https://lab.example.edu/slides/ceremony.pdf")
        #expect(entries.talks.map(\.year) == ["2020", "2020", "2019"])
    }

    @Test func aTalksVenueFollowsTheLastHyphenOfALineEndingInAYear() throws {
        let entries = try extract(
            """
            <h2>Talks and Presentations</h2><ol>
            <li><p>Average-delay optimal policies for harbour tides - WiOPT, 2009.</p></li>
            <li><p>Queueing delay - error probability tradeoff for tidal channels - ISIT, 2011.</p></li></ol>
            """
        )
        #expect(
            entries.talks.map(\.title) == [
                "Average-delay optimal policies for harbour tides",
                "Queueing delay - error probability tradeoff for tidal channels",
            ]
        )
        #expect(entries.talks.map(\.venues) == ["WiOPT", "ISIT"])
        #expect(entries.talks.map(\.year) == ["2009", "2011"])
    }

    @Test func aReadMoreButtonInAPersonsCardIsTheirURL() throws {
        let entries = try extract(
            """
            <h2>Ph.D Students</h2><div class="list">
            <div class="card"><img src="ana.jpg" alt=""><h3>Ana Ruiz</h3><p>2020, Fall</p>
            <a href="people/ana.html" class="button">Read more</a></div>
            <div class="card"><img src="bo.jpg" alt=""><h3>Bo Li</h3><p>Research Fellow</p>
            <a href="people/bo.html" class="button">View profile »</a></div></div>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li"])
        #expect(entries.members.map(\.description) == ["2020, Fall", "Research Fellow"])
        #expect(
            entries.members.map(\.url) == [
                "https://lab.example.edu/people/ana.html", "https://lab.example.edu/people/bo.html",
            ]
        )
    }

    @Test func aLinkAroundAWholeCardIsThePersonsURL() throws {
        let entries = try extract(
            """
            <h2>Current Lab Members</h2><div class="grid">
            <div class="g-col"><a href="people/ana/" class="grid-link"><div class="card"><p><img alt="" src="ana.jpg"></p>
            <div class="card-body"><div class="title">Ana Ruiz<br></div><div class="subtitle">Postdoctoral Researcher</div></div>
            </div></a></div>
            <div class="g-col"><a href="people/bo/" class="grid-link"><div class="card">
            <div class="card-body"><div class="title">Bo Li</div><div class="subtitle">PhD Student</div></div></div></a></div></div>
            <h2>Publications</h2><ul><li><a href="pub/tides/">Tidal Models for Small Harbours</a><br>Ana Ruiz, Bo Li<br>
            <i>Coastal Letters</i>, 2024<a href="summary/tides/"><div class="summary">We model harbour tides.</div></a></li></ul>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li"])
        #expect(
            entries.members.map(\.url) == ["https://lab.example.edu/people/ana/", "https://lab.example.edu/people/bo/"]
        )
        #expect(entries.members.map(\.description) == ["Postdoctoral Researcher", "PhD Student"])
        #expect(entries.publications.map(\.title) == ["Tidal Models for Small Harbours"])
        #expect(entries.publications.map(\.url) == ["https://lab.example.edu/pub/tides/"])
        #expect(entries.publications.map(\.venue) == ["Coastal Letters"])
    }

    @Test func anAwardLineUnderAPaperIsItsNoteNotItsVenue() throws {
        let entries = try extract(
            """
            <h2>Papers and preprints</h2><ul>
            <li><p><b>Exact Recovery of Sparse Signals in High Dimensions</b>
            <br /> Ana Ruiz, Bo Li.
            <br /> Under revision at Tidal Letters [<a href="papers/recovery.pdf">pdf</a>]
            <br /> Best Student Paper at [<a href="https://eva.example.org/prize">Extreme Values Meeting 2019</a>].</p></li>
            <li><p><b>Harbour Tides and Their Long Memory</b>
            <br /> Ana A Ruiz, Bo Li, Cy Dunn, Richard J. Coker, and Alex R. Cook.
            <br /> Coastal Letters, 2020.</p></li>
            <li><p><b>Waves Without Wind in Small Bays</b><br /> Bo Li, Cy Dunn.<br /> Annals of Waves, 2021.</p></li>
            </ul>
            """
        )
        #expect(entries.publications.count == 3)
        let first = try #require(entries.publications.first)
        #expect(first.authors == ["Ana Ruiz", "Bo Li."])
        #expect(first.venue == "Under revision at Tidal Letters")
        #expect(first.note?.hasPrefix("Best Student Paper at") == true)
        #expect(first.url == "https://lab.example.edu/papers/recovery.pdf")
        // Initials make more words between the commas; the line is still the author list, not a summary.
        #expect(entries.publications[1].authors.count == 5)
        #expect(entries.publications[1].venue == "Coastal Letters")
    }

    @Test func aSingularRoleHeadingNamesMembersAndAButtonIsNoPerson() throws {
        let entries = try extract(
            """
            <section id="banner"><h2>Welcome to the Harbour Lab!</h2><a href="#" class="button">Learn More</a></section>
            <h2>Ph.D. Student</h2><ul><li>Ana Ruiz</li><li>Bo Li</li></ul>
            <h2>M.S. Student</h2><ul><li>Cy Dunn</li><li>Dee Park</li></ul>
            """
        )
        #expect(entries.members.map(\.name) == ["Ana Ruiz", "Bo Li", "Cy Dunn", "Dee Park"])
    }

    @Test func theOwnersRoleAfterAnAuthorListIsNoName() throws {
        let entries = try extract(
            """
            <h2>Publications</h2><div class="list">
            <article><div><h3>Tidal Barriers Enforce an Irreversible Harbour State</h3>
            <p>Ana Ruiz, Bo Li, Cy Dunn, et al. <span class="author-role">Lead author</span></p></div>
            <div class="journal">Coastal Reports 2021</div></article>
            <article><div><h3>Small Bays and Their Long Memory of Waves</h3>
            <p>Bo Li, Ana Ruiz, Cy Dunn. <span class="author-role">Co-author</span></p></div>
            <div class="journal">Annals of Waves 2019</div></article></div>
            """
        )
        #expect(
            entries.publications.map(\.authors) == [
                ["Ana Ruiz", "Bo Li", "Cy Dunn", "et al."], ["Bo Li", "Ana Ruiz", "Cy Dunn"],
            ]
        )
        #expect(entries.publications.map(\.venue) == ["Coastal Reports", "Annals of Waves"])
    }

    @Test func aSeparatorBetweenVenueAndYearIsNotVenue() throws {
        let entries = try extract(
            """
            <h2>Publications</h2>
            <article><h3>Tidal Barriers Enforce an Irreversible Harbour State</h3><p>Ana Ruiz, Bo Li, Cy Dunn.</p>
            <div class="meta"><strong>PNAS · 2026</strong></div></article>
            <article><h3>Small Bays and Their Long Memory of Waves</h3><p>Bo Li, Ana Ruiz.</p>
            <div class="meta"><strong>Annals of Waves • 2019</strong></div></article>
            """
        )
        #expect(entries.publications.map(\.venue) == ["PNAS", "Annals of Waves"])
        #expect(entries.publications.map(\.year) == ["2026", "2019"])
    }

    @Test func cardsTitledBySubHeadingsUnderAHeadingThatNamesNoKindAreReadByTheirLooks() throws {
        let entries = try extract(
            """
            <section id="work"><div class="head"><p class="eyebrow">04 / Papers &amp; ongoing work</p>
            <h2>From ideas to systems.</h2></div>
            <article class="paper"><div class="meta"><span class="venue">HarbourConf 2025</span></div>
            <h3><a href="papers/tides.pdf">Tidal Models for Small Harbours at Scale</a></h3>
            <p class="authors"><strong>Ana Ruiz</strong>, <a href="https://bo.example.org/">Bo Li</a>, Cy Dunn</p>
            <div class="links"><a href="papers/tides.pdf">Paper</a></div></article>
            <article class="paper"><div class="meta"><span class="venue">WaveSys 2024</span></div>
            <h3><a href="papers/waves.pdf">Waves Without Wind in Small Bays</a></h3>
            <p class="authors"><a href="https://bo.example.org/">Bo Li</a>, <strong>Ana Ruiz</strong></p></article>
            <article class="paper"><div class="meta"><span class="venue">Coastal Letters 2023</span></div>
            <h3><a href="papers/sand.pdf">Sand Bars and the Memory of Storms</a></h3>
            <p class="authors"><strong>Ana Ruiz</strong>, Dee Park</p></article></section>
            <section id="projects"><h2>Things I build.</h2>
            <article><h3>Harbour Simulator</h3><p>A browser toy for tides.</p></article>
            <article><h3>Wave Atlas</h3><p>Maps of every wave we measured.</p></article></section>
            """
        )
        #expect(
            entries.publications.map(\.title) == [
                "Tidal Models for Small Harbours at Scale", "Waves Without Wind in Small Bays",
                "Sand Bars and the Memory of Storms",
            ]
        )
        #expect(entries.publications.map(\.venue) == ["HarbourConf", "WaveSys", "Coastal Letters"])
        #expect(entries.publications.map(\.year) == ["2025", "2024", "2023"])
        #expect(
            entries.publications.map(\.authors) == [
                ["Ana Ruiz", "Bo Li", "Cy Dunn"], ["Bo Li", "Ana Ruiz"], ["Ana Ruiz", "Dee Park"],
            ]
        )
        #expect(entries.members.isEmpty && entries.talks.isEmpty)
    }
}
