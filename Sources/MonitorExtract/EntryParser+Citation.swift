import MonitorCore

/// Publications written as one citation line: APA, IEEE with a quoted title, a bold title first, and
/// "Authors. Title. Venue, Year."
extension EntryParser {
    /// A publication written as one citation line, its title linked or not.
    ///
    /// "Authors. Title. Venue, Year." is the shape.
    ///
    /// - Returns: `nil` without a year, or when the line does not split into authors, title and venue.
    static func citation(from line: Line, links resolver: URLResolver) -> Publication? {
        if let apa = apaCitation(from: line, links: resolver) { return apa }
        if let quoted = quotedTitleCitation(from: line, links: resolver) { return quoted }
        if let titled = boldTitleCitation(from: line, links: resolver) { return titled }
        if let linked = linkedTitleCitation(from: line, links: resolver) { return linked }
        let all = 0..<line.text.count
        // The year, or a status in its place at the end ("… Title. Preprint.").
        guard let yearRange = TextScan.lastYear(in: line.text, within: all) ?? trailingStatus(of: line) else {
            return nil
        }
        let authors: Range<Int>
        let title: Range<Int>
        let rest: Range<Int>
        let titleLink = line.links.filter {
            $0.range.count >= 10 && $0.range.lowerBound > 1 && $0.range.upperBound <= yearRange.lowerBound
                && line.text[$0.range].contains(0x20)
        }.max { $0.range.count < $1.range.count }
        if let titleLink {
            authors = line.trimmedOfQuotes(0..<titleLink.range.lowerBound, dropping: " .,:;")
            title = line.trimmedOfQuotes(titleLink.range, dropping: " .,")
            rest = line.trimmedOfQuotes(titleLink.range.upperBound..<all.upperBound, dropping: " .,")
        } else {
            // Unlinked: the author list must look like one (commas, "and", "et al.").
            guard let first = sentenceEnd(in: line, from: 0), let second = sentenceEnd(in: line, from: first + 2),
                second < yearRange.lowerBound
            else { return nil }
            var end = first
            // "Varga et al." keeps its period: it is part of the author list as displayed.
            if line.text[..<first].suffix(5).elementsEqual("et al".utf8) { end = first + 1 }
            authors = line.trimmed(0..<end, dropping: " ,")
            let names = line.text[authors]
            guard
                names.contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: authors) != nil
                    || line.firstIndex(of: " et al", in: authors) != nil || isSingleName(line, authors)
            else { return nil }
            title = line.trimmed(first + 1..<second, dropping: " .")
            rest = second + 1..<all.upperBound
        }
        guard authors.count >= 2, title.count >= 5, isPlausibleTitle(line, title) else { return nil }
        let italic = line.italic.first { $0.lowerBound >= rest.lowerBound && $0.count >= 3 }
        let venue =
            italic.map { line.trimmed($0, dropping: " ,.") }
            ?? line.trimmed(rest.lowerBound..<yearRange.lowerBound, dropping: " ,.;([")
        var publication = Publication(title: line.string(in: title))
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        publication.venue = line.field(line.dropping(anyOf: ["in ", "In "], from: venue))
        publication.year = TextScan.displayedYear(in: line.text, yearRange.lowerBound..<all.upperBound)
        setLinks(of: &publication, in: line, titleLink: titleLink, resolver)
        return publication
    }

    /// A citation that opens with its linked title, the authors shown elsewhere or not at all.
    ///
    /// "<a>Title</a>, Journal of Ice, Vol. 38, No. 5, pp. 1–9, 2016." gives the title, the venue
    /// with its volume and pages, and the year; a name list right after the title is the authors.
    private static func linkedTitleCitation(from line: Line, links resolver: URLResolver) -> Publication? {
        // A leading italic title reads the same way: "<i>Graph Curves</i>, Ph.D. thesis, Example University, 2002."
        let leadingItalic = line.italic.first.flatMap { italic -> LinkSpan? in
            guard italic.lowerBound == 0, italic.count >= 8, italic.upperBound + 2 < line.text.count,
                line.text[italic.upperBound] == UInt8(ascii: ","),
                !line.links.contains(where: { $0.range.lowerBound < italic.upperBound })
            else { return nil }
            return LinkSpan(range: italic, href: "")
        }
        guard let link = leadingItalic ?? line.links.first, link.range.lowerBound <= 1, link.range.count >= 8,
            leadingItalic != nil || link.range.count >= 10 && line.text[link.range].count(where: { $0 == 0x20 }) >= 2,
            let yearRange = TextScan.lastYear(in: line.text, within: link.range.upperBound..<line.text.count)
        else { return nil }
        var rest = line.trimmed(link.range.upperBound..<yearRange.lowerBound, dropping: " ,.;:([-")
        guard !rest.isEmpty, link.range.upperBound < line.text.count,
            [UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ":")].contains(line.text[link.range.upperBound])
                || line.text[link.range.upperBound] == 0x20
        else { return nil }
        var publication = Publication(
            title: TextScan.unquoted(line.string(in: line.trimmedOfQuotes(link.range, dropping: " .,")))
        )
        if let stop = sentenceEnd(in: line, from: rest.lowerBound), stop < rest.upperBound {
            let names = line.trimmed(rest.lowerBound..<stop, dropping: " ,")
            if isNameList(line.droppingPrefix(names.lowerBound).prefix(names.count)) {
                let text = Array(line.text[names])
                publication.authors = TextScan.authors(text)
                publication.byline = TextScan.byline(text)
                rest = line.trimmed(stop + 1..<rest.upperBound, dropping: " ,.;:")
            }
        }
        publication.venue = line.field(line.dropping(anyOf: ["in ", "In "], from: rest))
        publication.year = TextScan.displayedYear(in: line.text, yearRange.lowerBound..<line.text.count)
        publication.links = line.links.filter { $0.range != link.range }.compactMap { span in
            resolver.resolve(span.href).map { Link(label: line.string(in: span.range), url: $0) }
        }
        publication.url = leadingItalic == nil ? resolver.resolve(link.href) : paperURL(among: publication.links)
        return publication
    }

    /// A numbered entry with no authors, its label already dropped ("J1: Title - In Venue, 2015",
    /// "T1 : Title, TR-PME-2010-13, 2010"): the title before " - " (else before the first comma when a
    /// year ends the line), the rest the venue, a year closing it the year.
    static func numberedCitation(from line: Line, links resolver: URLResolver) -> Publication? {
        let all = 0..<line.text.count
        let shown = line.trimmed(all, dropping: " .")
        let year = TextScan.lastYear(in: line.text, within: shown)
        let cut: (title: Int, rest: Int)
        if let dash = line.firstIndex(of: " - ", in: shown) {
            cut = (dash, dash + 3)
        } else if let year, year.upperBound == shown.upperBound, let comma = line.firstIndex(of: ", ", in: shown) {
            cut = (comma, comma + 2)
        } else {
            return nil
        }
        let title = line.trimmed(0..<cut.title, dropping: " ,.")
        guard title.count >= 10, line.text[title].count(where: { $0 == 0x20 }) >= 2, isPlausibleTitle(line, title)
        else { return nil }
        var venue = line.trimmed(cut.rest..<shown.upperBound, dropping: " ,.;")
        if let year, year.upperBound == shown.upperBound {
            venue = line.trimmed(line.droppingTrailingDate(venue.lowerBound..<year.lowerBound), dropping: " ,.;")
        }
        var publication = Publication(title: TextScan.unquoted(line.string(in: title)))
        publication.venue = line.field(line.dropping(anyOf: ["in ", "In "], from: venue))
        publication.year = year.flatMap { line.field($0) }
        setLinks(of: &publication, in: line, titleLink: dominantLink(of: line), resolver)
        return publication
    }

    /// A citation's links (all but its title link) and its url: the title link, else the first
    /// link to the paper itself.
    private static func setLinks(
        of publication: inout Publication,
        in line: Line,
        titleLink: LinkSpan?,
        _ resolver: URLResolver
    ) {
        publication.links = line.links.compactMap { span in
            guard span.range != titleLink?.range, let url = resolver.resolve(span.href) else { return nil }
            return Link(label: line.string(in: span.range), url: url)
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) } ?? paperURL(among: publication.links)
    }

    /// A citation with its title in quotation marks, IEEE style.
    ///
    /// "A. Author, B. Author, and C. Author, “Title,” in <i>Venue</i>, vol. 1, pp. 2–3, Mar. 2024." is
    /// the shape; the title may be linked or bold inside the quotes. The venue is everything between
    /// the title and the date (volume, pages and place as displayed); "(invited)" right after the
    /// title is the note.
    ///
    /// - Returns: `nil` unless the line has names, then a quoted title, then a year or status.
    static func quotedTitleCitation(from line: Line, links resolver: URLResolver) -> Publication? {
        let count = line.text.count
        // The opening quote: after the authors and ", " or " ".
        var open = 2
        while open < count, !(line.text[open] == 0x22 || line.isCurlyQuote(at: open)) { open += 1 }
        guard open < count, line.text[open - 1] == 0x20 else { return nil }
        let openLength = line.text[open] == 0x22 ? 1 : 3
        var close = open + openLength
        while close < count, !(line.text[close] == 0x22 || line.isCurlyQuote(at: close)) { close += 1 }
        guard close < count else { return nil }
        let closeLength = line.text[close] == 0x22 ? 1 : 3
        var authors = line.trimmed(0..<open, dropping: " ,")
        let title = line.trimmed(open + openLength..<close, dropping: " ,.")
        // "<b>2022</b>, “Title”, Authors, <i>Venue</i>": the year first, the authors after the title.
        if authors.count == 4, TextScan.lastYear(in: line.text, within: authors) == authors {
            return yearFirstCitation(line, year: authors, title: title, after: close + closeLength, links: resolver)
        }
        // Author–date styles: "Lind, Ana, and Bo Reyes. 2019. “Title.” Venue" (Chicago) and "Lind A.
        // (2024, May). “Title.” Venue" (APA): the year closes the names, and the venue has none.
        var bylineYear: Range<Int>?
        if let year = TextScan.lastYear(in: line.text, within: authors), year.lowerBound >= authors.lowerBound + 4,
            line.text[year.lowerBound - 2..<year.lowerBound].contains(where: { $0 == 0x2E || $0 == 0x28 }),
            line.text[year.upperBound..<authors.upperBound].allSatisfy({ !(0x30...0x39).contains($0) }),
            authors.upperBound - year.upperBound <= 12
        {
            bylineYear = year
            authors = line.trimmed(authors.lowerBound..<year.lowerBound, dropping: " ,(")
        }
        guard authors.count >= 2, title.count >= 5, isPlausibleTitle(line, title),
            line.text[authors].contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: authors) != nil
                || line.firstIndex(of: " et al", in: authors) != nil || isSingleName(line, authors)
        else { return nil }
        var after = line.trimmed(close + closeLength..<count, dropping: " ,.")
        var publication = Publication(title: line.string(in: title))
        // "(invited)" between the title and the venue.
        if after.lowerBound < count, line.text[after.lowerBound] == UInt8(ascii: "("),
            let end = line.text[after].firstIndex(of: UInt8(ascii: ")"))
        {
            publication.note = line.field(after.lowerBound..<end + 1)
            after = line.trimmed(end + 1..<after.upperBound, dropping: " ,.")
        }
        // The venue and the date end before the first link after the title ("[codes]").
        var firstLink = line.links.first { $0.range.lowerBound >= after.lowerBound }?.range.lowerBound ?? count
        // "[Paper][Code]" written as plain text ends the citation too.
        if let bracket = line.text[after.lowerBound..<firstLink].firstIndex(of: UInt8(ascii: "[")) {
            firstLink = bracket
        }
        var region = line.trimmed(after.lowerBound..<max(after.lowerBound, firstLink), dropping: " ,.[(")
        // A remark closing the citation ("… 2021. (Young Author Best Paper Award, 2024)") is the note,
        // and its year is not the paper's.
        if region.count > 2, line.text[region.upperBound - 1] == UInt8(ascii: ")"),
            let open = line.text[region].lastIndex(of: UInt8(ascii: "(")),
            TextScan.lastYear(in: line.text, within: region.lowerBound..<open) != nil,
            open > region.lowerBound, line.text[open - 1] == 0x20,
            line.trimmed(region.lowerBound..<open, dropping: " ").upperBound > 0,
            [UInt8(ascii: "."), UInt8(ascii: ",")].contains(
                line.text[line.trimmed(region.lowerBound..<open).upperBound - 1]
            )
        {
            if publication.note == nil { publication.note = line.field(open..<region.upperBound) }
            region = line.trimmed(region.lowerBound..<open, dropping: " ,.")
        }
        guard let year = bylineYear ?? TextScan.lastYear(in: line.text, within: region) ?? trailingStatus(of: line)
        else {
            return nil
        }
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        let venue = line.dropping(
            anyOf: ["in ", "In "],
            from: line.droppingTrailingDate(
                region.lowerBound..<(bylineYear == nil ? year.lowerBound : region.upperBound)
            )
        )
        var shown = line.field(line.trimmed(venue, dropping: " ,.;"))
        // Pages after the date ("…, Jun. 2024, pp. 44–49 (invited)") are venue; a remark at the end is the note.
        var tail = bylineYear == nil ? line.trimmed(year.upperBound..<region.upperBound, dropping: " ,.;") : 0..<0
        if tail.count > 2, line.text[tail.upperBound - 1] == UInt8(ascii: ")"),
            let open = line.text[tail].lastIndex(of: UInt8(ascii: "("))
        {
            if publication.note == nil { publication.note = line.field(open..<tail.upperBound) }
            tail = line.trimmed(tail.lowerBound..<open, dropping: " ,.;")
        }
        if let after = line.field(tail), TextScan.isStatusLabel(after) == false {
            shown = shown.map { "\($0), \(after)" } ?? after
        }
        publication.venue = shown
        publication.year = line.field(year)
        // The title's own link, or one wrapping the whole citation (names, title and venue).
        let titleLink =
            line.links.first { $0.range.lowerBound >= open && $0.range.upperBound <= close + closeLength }
            ?? line.links.first {
                $0.range.lowerBound <= authors.lowerBound && $0.range.upperBound >= region.upperBound
            }
        publication.links = line.links.compactMap { span in
            guard span.range != titleLink?.range, let url = resolver.resolve(span.href) else { return nil }
            return Link(label: line.string(in: span.range), url: url)
        }
        if let titleLink {
            // An empty href (`<a href="">`) is no link.
            publication.url = titleLink.href.isEmpty ? nil : resolver.resolve(titleLink.href)
        } else {
            publication.url = paperURL(among: publication.links)
        }
        return publication
    }

    /// "<b>2022</b>, “Title”, Authors, <i>Venue</i>": a quoted citation that opens with its year.
    private static func yearFirstCitation(
        _ line: Line,
        year: Range<Int>,
        title: Range<Int>,
        after close: Int,
        links resolver: URLResolver
    ) -> Publication? {
        let after = line.trimmed(close..<line.text.count, dropping: " ,.")
        let venueSpan = line.italic.first { $0.lowerBound >= after.lowerBound }
        let authors = line.trimmed(after.lowerBound..<(venueSpan?.lowerBound ?? after.upperBound), dropping: " ,.;")
        guard authors.count >= 2, title.count >= 5 else { return nil }
        var publication = Publication(title: line.string(in: title))
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        publication.year = line.field(year)
        if let venueSpan {
            publication.venue = line.field(
                line.dropping(anyOf: ["in ", "In "], from: line.trimmed(venueSpan, dropping: " ,."))
            )
        }
        let titleLink = line.links.first { $0.range.lowerBound >= title.lowerBound && $0.range.upperBound <= close }
        publication.links = line.links.compactMap { span in
            guard span.range != titleLink?.range else { return nil }
            return resolver.resolve(span.href).map { Link(label: line.string(in: span.range), url: $0) }
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) } ?? paperURL(among: publication.links)
        return publication
    }

    /// One author's name: two to four capitalised words.
    ///
    /// "Priya Adeyemi" and "J. R. Low" are.
    static func isSingleName(_ line: Line, _ range: Range<Int>) -> Bool {
        let words = line.text[range].split(separator: 0x20)
        return (2...4).contains(words.count) && words.allSatisfy { ($0.first ?? 0) >= 0x41 && ($0.first ?? 0) <= 0x5A }
    }

    /// The range of a status that ends the line in place of a year: "Preprint" in "… Title. Preprint."
    private static func trailingStatus(of line: Line) -> Range<Int>? {
        let end = line.trimmed(0..<line.text.count, dropping: " .;)").upperBound
        var start = end
        while start > 0, line.text[start - 1] != UInt8(ascii: "."), line.text[start - 1] != UInt8(ascii: ",") {
            start -= 1
        }
        let label = line.trimmed(start..<end, dropping: " (")
        guard let text = line.field(label), TextScan.isStatusLabel(text) else { return nil }
        return label
    }

    /// A citation that opens with its title in bold.
    ///
    /// "<b>Title</b>. Authors. <i>Venue</i>, 2024." is the shape.
    ///
    /// - Returns: `nil` unless the line opens with a bold span and has an italic venue after it.
    static func boldTitleCitation(from line: Line, links resolver: URLResolver) -> Publication? {
        guard let bold = line.bold.first, bold.lowerBound == 0, bold.count >= 10, bold.upperBound < line.text.count
        else { return nil }
        guard let italic = line.italic.first(where: { $0.lowerBound > bold.upperBound }) else {
            return boldTitleLinkedVenueCitation(from: line, title: bold, links: resolver)
        }
        // "<b>A. Okonkwo</b> and R. Lee, …": the owner's name in bold opens an author list, not a title.
        if line.hasPrefix(" and ", at: bold.upperBound) || line.hasPrefix(", ", at: bold.upperBound),
            isName(line, end: bold.upperBound)
        {
            return nil
        }
        let title = line.trimmed(bold, dropping: " .")
        guard isPlausibleTitle(line, title) else { return nil }
        var publication = Publication(title: line.string(in: title))
        let authors = line.trimmed(bold.upperBound..<italic.lowerBound, dropping: " .,;")
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        publication.venue = line.field(
            line.dropping(anyOf: ["in ", "In "], from: line.trimmed(italic, dropping: " ,."))
        )
        let after =
            italic
            .upperBound..<(line.links.first { $0.range.lowerBound >= italic.upperBound }?.range.lowerBound
            ?? line.text.count)
        publication.year = TextScan.displayedYear(in: line.text, after)
        publication.note = TextScan.remark(in: line.text, after, anchor: italic.upperBound)
        setLinks(
            of: &publication,
            in: line,
            titleLink: line.links.first { $0.range.lowerBound < bold.upperBound },
            resolver
        )
        return publication
    }

    /// A citation that opens with its bold title, then the authors, then the venue as a link.
    ///
    /// Physicists list papers so: "<b>Title</b> A. Ruiz and B. Li, <a>Phys. Rev. Lett. 118, 2 (2017)</a>".
    ///
    /// - Returns: nil unless the text between the title and the first link after it is a list of names.
    private static func boldTitleLinkedVenueCitation(
        from line: Line,
        title bold: Range<Int>,
        links resolver: URLResolver
    ) -> Publication? {
        guard let venueLink = line.links.first(where: { $0.range.lowerBound > bold.upperBound }) else { return nil }
        let authors = line.trimmed(bold.upperBound..<venueLink.range.lowerBound, dropping: " .,;")
        guard authors.count >= 3, isNameList(line.droppingPrefix(authors.lowerBound).prefix(authors.count)) else {
            return nil
        }
        let title = line.trimmed(bold, dropping: " .")
        guard isPlausibleTitle(line, title) else { return nil }
        var publication = Publication(title: line.string(in: title))
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        var venue = line.trimmed(venueLink.range, dropping: " .,")
        if let year = TextScan.lastYear(in: line.text, within: venue) {
            publication.year = line.field(year)
            venue = line.trimmed(venue.lowerBound..<year.lowerBound, dropping: " (,")
        } else if let year = TextScan.lastYear(in: line.text, within: venueLink.range.upperBound..<line.text.count) {
            publication.year = line.field(year)
        }
        publication.venue = line.field(venue)
        setLinks(
            of: &publication,
            in: line,
            titleLink: line.links.first { $0.range.lowerBound < bold.upperBound },
            resolver
        )
        return publication
    }

    /// A citation with the year after the authors, as Hugo Academic / Wowchemy print them.
    ///
    /// "Authors (2024). Title. In Venue." is the shape (APA).
    ///
    /// - Returns: `nil` when the line does not open with authors and a year in parentheses.
    static func apaCitation(from line: Line, links resolver: URLResolver) -> Publication? {
        let count = line.text.count
        guard let open = line.firstIndex(of: " (", in: 0..<count), open >= 2, open + 7 <= count,
            TextScan.lastYear(in: line.text, within: open + 2..<open + 6) == open + 2..<open + 6,
            line.text[open + 6] == UInt8(ascii: ")")
        else { return nil }
        let authors = line.trimmed(0..<open, dropping: " ,")
        let after = line.trimmed(open + 7..<count, dropping: " .")
        guard authors.count >= 2, !after.isEmpty else { return nil }
        let title: Range<Int>
        let rest: Range<Int>
        let titleLink = line.links.first {
            $0.range.lowerBound >= after.lowerBound && $0.range.lowerBound <= after.lowerBound + 2
        }
        if let titleLink {
            title = line.trimmed(titleLink.range, dropping: " .")
            rest = titleLink.range.upperBound..<count
        } else {
            guard let end = sentenceEnd(in: line, from: after.lowerBound) else { return nil }
            // "What can size tell us? <i>Journal</i>": a question mark ends the title too, and stays in it.
            if let question = line.firstIndex(of: "? ", in: after.lowerBound..<end)
                ?? line.firstIndex(of: "! ", in: after.lowerBound..<end)
            {
                title = line.trimmed(after.lowerBound..<question + 1, dropping: " ")
                rest = question + 1..<count
            } else {
                title = line.trimmed(after.lowerBound..<end, dropping: " .")
                rest = end + 1..<count
            }
        }
        guard title.count >= 5, isPlausibleTitle(line, title) else { return nil }
        var publication = Publication(title: line.string(in: title))
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        let italic = line.italic.first { $0.lowerBound >= rest.lowerBound && $0.count >= 3 }
        // The italic journal with its volume and article or pages ("<i>Journal</i>, <i>127</i>, 104369"),
        // up to its links.
        let venueEnd =
            italic.flatMap { span in line.links.first { $0.range.lowerBound >= span.upperBound } }?
            .range.lowerBound ?? count
        let venue =
            italic.map { line.trimmed($0.lowerBound..<max($0.upperBound, venueEnd), dropping: " ,.;") }
            ?? line.trimmed(rest, dropping: " ,.;")
        publication.venue = line.field(line.dropping(anyOf: ["in ", "In "], from: venue))
        publication.year = line.field(open + 2..<open + 6)
        publication.links = line.links.compactMap { span in
            guard span.range != titleLink?.range, span.range.lowerBound >= rest.lowerBound,
                let url = resolver.resolve(span.href)
            else { return nil }
            return Link(label: line.string(in: span.range), url: url)
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) } ?? paperURL(among: publication.links)
        return publication
    }

    /// Where the next sentence ends (a period and a space), skipping the period of an initial.
    static func sentenceEnd(in line: Line, from start: Int) -> Int? {
        var index = start
        while index + 1 < line.text.count {
            if line.text[index] == UInt8(ascii: "."), line.text[index + 1] == 0x20 {
                let isInitial =
                    index >= 1 && (index < 2 || line.text[index - 2] == 0x20 || line.text[index - 2] == 0x2D)
                    && (0x41...0x5A).contains(line.text[index - 1])
                if !isInitial { return index }
            }
            index += 1
        }
        return nil
    }
}
