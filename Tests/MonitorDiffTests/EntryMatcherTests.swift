import MonitorCore
import MonitorDiff
import Testing

@Suite struct EntryMatcherTests {
    static let t5 = Publication(
        title: "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer",
        authors: ["Colin Raffel", "Noam Shazeer", "Adam Roberts"],
        venue: "JMLR",
        year: "2020",
        url: "https://arxiv.org/abs/1910.10683"
    )
    static let ties = Publication(
        title: "Resolving Interference When Merging Models",
        authors: ["Prateek Yadav", "Derek Tam", "Leshem Choshen", "Colin Raffel", "Mohit Bansal"],
        venue: "arXiv preprint",
        year: "2023",
        url: "https://arxiv.org/abs/2306.01708"
    )
    static let mixmatch = Publication(
        title: "MixMatch: A Holistic Approach to Semi-Supervised Learning",
        authors: ["David Berthelot", "Nicholas Carlini", "Ian Goodfellow"],
        venue: "NeurIPS",
        year: "2019 (to appear)",
        url: "https://arxiv.org/abs/1905.02249"
    )

    @Test func reorderingIsNoChange() {
        let old = [Self.t5, Self.ties, Self.mixmatch]
        let changes = EntryMatcher.changes(from: old, to: [Self.mixmatch, Self.t5, Self.ties])
        #expect(changes.isEmpty)
    }

    @Test func toAppearDroppedIsAModifiedYear() {
        var published = Self.mixmatch
        published.year = "2019"
        let changes = EntryMatcher.changes(from: [Self.t5, Self.mixmatch], to: [published, Self.t5])
        #expect(changes.added.isEmpty && changes.removed.isEmpty)
        #expect(changes.modified == [EntryModification(fields: ["year"], old: Self.mixmatch, new: published)])
    }

    @Test func titleCaseQuotesDashesAndTrailingPunctuationKeepTheIdentity() {
        var edited = Self.mixmatch
        edited.title = "MIXMATCH: a holistic approach to semi–supervised learning."
        let changes = EntryMatcher.changes(from: [Self.mixmatch], to: [edited])
        #expect(changes.modified.map(\.fields) == [["title"]])
        #expect(changes.added.isEmpty && changes.removed.isEmpty)
    }

    @Test func anAddedSubtitleWithTheSameAuthorsIsAModifiedTitle() {
        var renamed = Self.ties
        renamed.title = "TIES-Merging: Resolving Interference When Merging Models"
        renamed.venue = "NeurIPS"
        let changes = EntryMatcher.changes(from: [Self.t5, Self.ties], to: [Self.t5, renamed])
        #expect(changes.added.isEmpty && changes.removed.isEmpty)
        #expect(changes.modified.count == 1)
        #expect(changes.modified.first?.fields == ["title", "venue"])
        #expect(changes.modified.first?.old.title == "Resolving Interference When Merging Models")
    }

    @Test func aSimilarTitleByOtherAuthorsAtAnotherURLIsANewPaper() {
        var other = Self.ties
        other.title = "Resolving Interference When Merging Adapters"
        other.authors = ["Someone Else", "Another Person"]
        other.url = "https://example.org/other"
        let changes = EntryMatcher.changes(from: [Self.ties], to: [other])
        #expect(changes.added == [other])
        #expect(changes.removed == [Self.ties])
        #expect(changes.modified.isEmpty)
    }

    @Test func titlesThatDifferInANumberAreDifferentEntries() {
        let second = Talk(title: "Lecture 3: Attention", venues: "CS 8803", year: "2023")
        let third = Talk(title: "Lecture 4: Attention", venues: "CS 8803", year: "2023")
        let changes = EntryMatcher.changes(from: [second], to: [third])
        #expect(changes.added == [third] && changes.removed == [second])
    }

    @Test func aSharedURLIsNoIdentity() {
        // Two different papers link the same arXiv page on both versions; one is replaced.
        var first = Self.t5
        first.url = "https://arxiv.org/abs/2203.17189"
        var second = Self.mixmatch
        second.url = first.url
        var replacement = Publication(title: "A Different Paper Entirely", authors: ["Z"], year: "2022")
        replacement.url = first.url
        let changes = EntryMatcher.changes(from: [first, second], to: [first, replacement])
        #expect(changes.added == [replacement])
        #expect(changes.removed == [second])
        #expect(changes.modified.isEmpty)
    }

    @Test func aPaperWithAnotherPapersPDFLinkIsNotThatPaper() {
        // colinraffel.com 2021: a new paper shipped with the FixMatch PDF link by mistake.
        let fixmatch = Publication(
            title: "FixMatch: Simplifying Semi-Supervised Learning with Consistency and Confidence",
            authors: ["Kihyuk Sohn", "David Berthelot", "Colin Raffel"],
            year: "2020",
            url: "http://colinraffel.com/publications/neurips2020fixmatch.pdf"
        )
        let sparse = Publication(
            title: "Training Neural Networks with Fixed Sparse Masks",
            authors: ["Yi-Lin Sung", "Varun Nair", "Colin Raffel"],
            year: "2021",
            url: fixmatch.url
        )
        let changes = EntryMatcher.changes(from: [fixmatch], to: [sparse])
        #expect(changes.added == [sparse])
        #expect(changes.removed == [fixmatch])
        var retitled = fixmatch
        retitled.title = "FixMatch (extended version)"
        #expect(EntryMatcher.changes(from: [fixmatch], to: [retitled]).modified.map(\.fields) == [["title"]])
    }

    @Test func aTalkRetitledWithTheSameUniqueSlidesIsModified() {
        let old = Talk(
            title: "Theano and Lasagne Tutorial",
            venues: "next.ml",
            year: "2015",
            url: "https://x.org/slides.pdf"
        )
        let new = Talk(title: "Theano Tutorial", venues: "next.ml", year: "2015", url: "https://x.org/slides.pdf")
        let added = Talk(title: "Lasagne Tutorial", venues: "next.ml", year: "2015", url: "https://x.org/lasagne.pdf")
        let changes = EntryMatcher.changes(from: [old], to: [new, added])
        #expect(changes.modified.map(\.fields) == [["title"]])
        #expect(changes.added == [added])
        #expect(changes.removed.isEmpty)
    }

    @Test func aRenamedSubtitleWithTheSameAuthorsIsModified() {
        let old = Publication(
            title: "Top-K Training of GANs: Improving Generators by Making Critics Less Critical",
            authors: ["Samarth Sinha", "Zhengli Zhao", "Anirudh Goyal", "Colin Raffel", "Augustus Odena"],
            venue: "arXiv",
            year: "2020",
            url: "https://arxiv.org/abs/2002.06224"
        )
        var new = old
        new.title = "Top-k Training of GANs: Improving GAN Performance by Throwing Away Bad Samples"
        new.url = "https://arxiv.org/abs/2002.06224v4"
        let changes = EntryMatcher.changes(from: [old], to: [new])
        #expect(changes.modified.map(\.fields) == [["title", "url"]])
        var stranger = new
        stranger.authors = ["Somebody Else"]
        #expect(EntryMatcher.changes(from: [old], to: [stranger]).modified.isEmpty)
    }

    @Test func duplicatesAreAMultiset() {
        let talk = Talk(title: "Doing Strange Things with Attention", venues: "A", year: "2017")
        let again = Talk(title: "Doing Strange Things with Attention", venues: "B", year: "2018")
        let three = EntryMatcher.changes(from: [talk, again], to: [talk, again, again])
        #expect(three.added == [again])
        #expect(three.removed.isEmpty && three.modified.isEmpty)
        let one = EntryMatcher.changes(from: [talk, again], to: [again])
        #expect(one.modified.map(\.fields) == [["venues", "year"]])
        #expect(one.removed == [again])
    }

    @Test func membersAreKeyedByName() {
        let old = Member(name: "Ada Lindqvist", url: nil, description: "PhD student")
        let new = Member(
            name: "Ada Lindqvist",
            url: "https://ada.example",
            description: "PhD student (co-advised with X)"
        )
        let changes = EntryMatcher.changes(from: [old], to: [new])
        #expect(changes.modified.map(\.fields) == [["url", "description"]])
    }

    @Test func bylineOrSectionAloneIsAChange() {
        var old = Self.t5
        old.byline = "Colin Raffel, Noam Shazeer and Adam Roberts"
        var new = old
        new.byline = "Colin Raffel, Noam Shazeer, and Adam Roberts"
        new.section = "Technical Reports"
        #expect(EntryMatcher.changes(from: [old], to: [new]).modified.map(\.fields) == [["authors", "section"]])
    }
}
