import MonitorCore

/// Reads the fields of one entry from its group of lines.
enum EntryParser {
    // MARK: - Publications

    /// A publication from a group: a title line, then authors, a venue line with the year, and
    /// optionally a bold notice (an award) and a line of links.
    ///
    /// - Returns: `nil` when the group is not a publication (a "(full list)" link, an intro line).
    static func publication(from group: ArraySlice<Line>, links resolver: URLResolver) -> Publication? {
        // A badge before the title (al-folio's venue abbreviation, "ICML" before a linked title) is not
        // part of the entry.
        var lines = group.drop { $0.isLabel }
        if let first = lines.first, first.labelPrefix > 0 {
            lines[lines.startIndex] = first.droppingPrefix(first.labelPrefix)
        }
        if lines.count == 1, let only = lines.first { return citation(from: only, links: resolver) }
        // Authors first, then the title in bold, italics, quotes or a link (lab lists, IEEE style):
        // read it as title first.
        if lines.count >= 3, isSetOffTitle(lines[lines.startIndex + 1]),
            isAuthorList(lines[lines.startIndex])
                || isSoleAuthorAbove(lines[lines.startIndex + 1], lines[lines.startIndex])
        {
            lines.swapAt(lines.startIndex, lines.startIndex + 1)
        }
        guard lines.count >= 2, let titleLine = lines.first, isPlausibleTitle(titleLine) else { return nil }
        // "Authors. In Proc. of Venue, 2022 [paper]" on one line: the names and the venue apart.
        if let split = splitAuthors(lines[lines.startIndex + 1]) {
            var rebuilt = Array(lines)
            rebuilt.replaceSubrange(1...1, with: split)
            lines = rebuilt[...]
        }
        let first = lines.startIndex
        let titleLink = dominantLink(of: titleLine)
        // A citation line followed by a row of buttons ("PDF Cite Code").
        if titleLink == nil, lines.dropFirst().allSatisfy({ isLinkRow($0) || isAward($0) }),
            var cited = citation(from: titleLine, links: resolver)
        {
            cited.links += otherLinks(in: lines.dropFirst(), except: nil, resolver: resolver)
            if cited.url == nil { cited.url = paperURL(among: cited.links) }
            let awards = lines.dropFirst().filter(isAward).map(\.string)
            if !awards.isEmpty { cited.note = ([cited.note].compactMap { $0 } + awards).joined(separator: "; ") }
            return cited
        }
        // A summary sentence under the title (Hugo Academic) is neither authors nor venue.
        let rest = (first + 1..<lines.endIndex).filter { !isSummary(lines[$0]) }
        // The venue line has the year; else it is the italic line after the authors (an italic
        // owner's name in the author line is not a venue).
        let venueIndex =
            rest.first { TextScan.lastYear(in: lines[$0].text) != nil } ?? rest.first {
                statusLabel(of: lines[$0]) != nil
            }
            ?? rest.dropFirst().first { !lines[$0].italic.isEmpty && !isNameList(lines[$0]) }
            ?? rest.first { !lines[$0].italic.isEmpty && !isNameList(lines[$0]) }
            // No year anywhere: the line after the authors, when it reads as text before its links
            // ("International Journal of Obesity | PDF", "GoalsRL Workshop at FAIM").
            ?? rest.dropFirst().first.flatMap { index in
                let line = lines[index]
                let shown = line.trimmed(0..<bracketedLinkStart(in: line), dropping: " |,.;")
                return !shown.isEmpty && shown.count <= 150 && !isLinkRow(line) && !isAward(line)
                    && !isNameList(line) ? index : nil
            }

        var publication = Publication(title: TextScan.unquoted(titleLine.string))
        if let titleLink, let badges = trailingBadges(of: titleLine), badges >= titleLink.range.upperBound {
            // "<a>Title</a> [bib][data]": the badges after a linked title are links, not title.
            publication.title = TextScan.unquoted(titleLine.string(in: titleLine.trimmed(0..<badges, dropping: " |")))
        }
        if titleLink == nil, let trailing = titleLine.links.first, trailing.range.lowerBound >= 10,
            titleLine.links.allSatisfy({ $0.range.count <= 12 })
        {
            // "Sign Language Avatars & Trust [PDF]": the badges after an unlinked title are links, not title.
            publication.title = titleLine.string(in: titleLine.trimmed(0..<trailing.range.lowerBound, dropping: " [(|"))
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) }
        let authorsEnd = venueIndex ?? min(first + 2, lines.endIndex)
        var authorLines = rest.filter { $0 < authorsEnd }
        if authorLines.isEmpty, let venueIndex, let next = rest.first(where: { $0 > venueIndex }),
            !isLinkRow(lines[next]), TextScan.lastYear(in: lines[next].text) == nil, looksLikeNames(lines[next])
        {
            // A card with the venue as its subtitle: "Title / Venue, 2025 / Authors".
            authorLines = [next]
        }
        if !authorLines.isEmpty {
            let text =
                authorLines.count == 1
                ? lines[authorLines[0]].text : Array(authorLines.map { lines[$0].text }.joined(separator: [0x20]))
            publication.authors = TextScan.authors(text)
            publication.byline = TextScan.byline(text)
        }
        if let venueIndex {
            let venueLine = lines[venueIndex]
            let (venue, year, remark) = venueAndYear(of: venueLine)
            publication.venue = venue
            publication.year = year
            var notes = remark.map { [$0] } ?? []
            notes += lines[(venueIndex + 1)...].filter { isWhollyBold($0) || isAward($0) }.map(\.string)
            if !notes.isEmpty { publication.note = notes.joined(separator: "; ") }
        }
        if publication.year == nil { publication.year = titleLine.headingYear }
        if publication.authors.isEmpty, let cited = citedAuthors(in: lines) {
            publication.authors = TextScan.authors(cited)
            publication.byline = TextScan.byline(cited)
        }
        publication.links = otherLinks(in: lines, except: titleLink, resolver: resolver)
        if titleLink == nil {
            // Not an author's homepage: links on the author lines are not the paper.
            let authorLinks = lines[first + 1..<max(first + 1, authorsEnd)].flatMap(\.links).compactMap {
                resolver.resolve($0.href)
            }
            publication.url =
                paperURL(among: publication.links.filter { !authorLinks.contains($0.url) })
                ?? publication.links.first(where: isPaperLink)?.url
        }
        guard publication.venue != nil || publication.year != nil || !publication.authors.isEmpty else {
            return nil
        }
        return publication
    }

    /// A publication written as one citation line, its title linked or not.
    ///
    /// "Authors. Title. Venue, Year." is the shape.
    ///
    /// - Returns: `nil` without a year, or when the line does not split into authors, title and venue.
    static func citation(from line: Line, links resolver: URLResolver) -> Publication? {
        if let apa = apaCitation(from: line, links: resolver) { return apa }
        if let quoted = quotedTitleCitation(from: line, links: resolver) { return quoted }
        if let titled = boldTitleCitation(from: line, links: resolver) { return titled }
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
        publication.links = line.links.compactMap { span in
            guard span.range != titleLink?.range, let url = resolver.resolve(span.href) else { return nil }
            return Link(label: line.string(in: span.range), url: url)
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) } ?? paperURL(among: publication.links)
        return publication
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
        let authors = line.trimmed(0..<open, dropping: " ,")
        let title = line.trimmed(open + openLength..<close, dropping: " ,.")
        // "<b>2022</b>, “Title”, Authors, <i>Venue</i>": the year first, the authors after the title.
        if authors.count == 4, TextScan.lastYear(in: line.text, within: authors) == authors {
            return yearFirstCitation(line, year: authors, title: title, after: close + closeLength, links: resolver)
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
        guard let year = TextScan.lastYear(in: line.text, within: region) ?? trailingStatus(of: line) else {
            return nil
        }
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        let venue = line.dropping(
            anyOf: ["in ", "In "],
            from: line.droppingTrailingDate(region.lowerBound..<year.lowerBound)
        )
        var shown = line.field(line.trimmed(venue, dropping: " ,.;"))
        // Pages after the date ("…, Jun. 2024, pp. 44–49 (invited)") are venue; a remark at the end is the note.
        var tail = line.trimmed(year.upperBound..<region.upperBound, dropping: " ,.;")
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
        let titleLink = line.links.first { $0.range.lowerBound >= open && $0.range.upperBound <= close + closeLength }
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

    /// The authors of a "Recommended citation" line (academicpages), if any.
    ///
    /// "Recommended citation: Okoye, Mira and Castell, Jun. (2024). …" gives the text before the year.
    private static func citedAuthors(in lines: ArraySlice<Line>) -> [UInt8]? {
        for line in lines {
            let all = 0..<line.text.count
            let start = line.dropping(anyOf: ["Recommended citation:", "Citation:", "Cite as:"], from: all)
            guard start != all else { continue }
            // "Authors. (2024)." or, Chicago style, "Authors. 2024."
            var end: Int?
            if let open = line.firstIndex(of: " (", in: start), open + 6 <= line.text.count,
                TextScan.lastYear(in: line.text, within: open + 2..<open + 6) != nil
            {
                end = open
            }
            if let dot = line.firstIndex(of: ". ", in: start), dot + 7 <= line.text.count,
                TextScan.lastYear(in: line.text, within: dot + 2..<dot + 6) == dot + 2..<dot + 6,
                line.text[dot + 6] == UInt8(ascii: "."), dot < end ?? Int.max
            {
                end = dot
            }
            guard let end else { continue }
            let names = line.trimmed(start.lowerBound..<end, dropping: " ,.")
            return names.isEmpty ? nil : Array(line.text[names])
        }
        return nil
    }

    /// A line that reads as a list of names: no colon, most words capitalised ("Nuno Abara, Ilka
    /// Westergaard, and Tamsin Oyelaran"), not a sentence.
    private static func looksLikeNames(_ line: Line) -> Bool {
        guard !line.text.contains(UInt8(ascii: ":")), !isSummary(line) else { return false }
        return isMostlyCapitalised(line)
    }

    /// Three words in four capitalised ("and", "et al." and "&" aside).
    private static func isMostlyCapitalised(_ line: Line) -> Bool {
        let words = line.string.split(separator: " ").filter { !["and", "et", "al.", "&"].contains($0) }
        guard !words.isEmpty else { return false }
        return words.count(where: { $0.first?.isUppercase == true }) * 4 >= words.count * 3
    }

    /// A list of names, strictly: most words capitalised, and none of the small words and digits
    /// titles have ("Planar Abstraction and Inverse Rendering of 3D Scenes" is a title).
    static func isNameList(_ line: Line) -> Bool {
        let all = 0..<line.text.count
        guard line.text.contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: all) != nil,
            looksLikeNames(line), !line.text.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        return !titleWords.contains { line.firstIndex(of: $0, in: all) != nil }
    }

    private static let titleWords: [StaticString] = [
        " of ", " for ", " with ", " via ", " in ", " on ", " the ", " from ", " to ", " a ", " an ", " using ",
        " by ", " is ", " are ", ": ",
    ]

    /// A line that opens with an author list ended by a sentence, split in two.
    ///
    /// "A, B, and C. In Proc. …, 2022" gives the names and the rest; "A, B. [paper]" the names alone.
    ///
    /// - Returns: nil when the line does not open with names followed by more text.
    private static func splitAuthors(_ line: Line) -> [Line]? {
        guard let end = sentenceEnd(in: line, from: 0), end >= 2 else { return nil }
        var cut = end
        if line.text[..<end].suffix(5).elementsEqual("et al".utf8) { cut = end + 1 }
        let names = line.trimmed(0..<cut, dropping: " ,")
        guard line.text[names].contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: names) != nil
        else { return nil }
        let namesLine = line.prefix(names.upperBound)
        guard looksLikeNames(namesLine), TextScan.lastYear(in: namesLine.text) == nil,
            !namesLine.links.contains(where: { $0.range.count * 2 > names.count }),
            !["Proc", "In ", "Conference", "Journal", "arXiv", "Workshop", "Transactions"].contains(where: {
                namesLine.string.contains($0)
            })
        else { return nil }
        let remainder = line.droppingPrefix(end + 1)
        guard !remainder.text.isEmpty else { return nil }
        return [namesLine, remainder]
    }

    /// A line that is an author list: names with commas or "and", no year, not set off as a title.
    private static func isAuthorList(_ line: Line) -> Bool {
        guard line.text.contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: 0..<line.text.count) != nil,
            TextScan.lastYear(in: line.text) == nil, !isWhollyBold(line), !isWhollyItalic(line),
            dominantLink(of: line) == nil, !TextScan.isQuoted(line.text)
        else { return false }
        return isNameList(line)
    }

    /// One author's name alone above a set-off title that is no name itself ("Mika Halvorsen" over
    /// "<b>Unsupervised Morpheme Induction …</b>"); a bold sole author under a title is the usual order.
    private static func isSoleAuthorAbove(_ title: Line, _ line: Line) -> Bool {
        guard line.links.isEmpty, !isWhollyItalic(line), isSingleName(line, 0..<line.text.count)
        else { return false }
        return !isName(title, end: title.text.count)
    }

    /// A line set off as a title: wholly bold or italic, in quotes, or mostly one link.
    static func isSetOffTitle(_ line: Line) -> Bool {
        isWhollyBold(line) || isWhollyItalic(line) || TextScan.isQuoted(line.text) || dominantLink(of: line) != nil
    }

    private static func isWhollyItalic(_ line: Line) -> Bool {
        line.italic.contains { $0.lowerBound == 0 && $0.upperBound >= line.text.count }
    }

    /// The status a line shows before its links, if that is all it shows.
    ///
    /// "Preprint", "Preprint. [PDF]" and "Under review" give "Preprint", "Preprint", "Under review".
    private static func statusLabel(of line: Line) -> String? {
        let end = line.links.first?.range.lowerBound ?? line.text.count
        let label = line.trimmed(0..<end, dropping: " .,;()[")
        guard label.count <= 16, let text = line.field(label), TextScan.isStatusLabel(text) else { return nil }
        return text
    }

    /// A line that is mostly link labels: "PDF Cite Code", "[pdf] [code]".
    private static func isLinkRow(_ line: Line) -> Bool {
        !line.links.isEmpty && line.links.reduce(0, { $0 + $1.range.count }) * 2 >= line.text.count
    }

    /// A sentence of twelve words or more ending in a period: a summary, not a field.
    private static func isSummary(_ line: Line) -> Bool {
        guard line.text.count >= 60, line.text.last == UInt8(ascii: "."), line.italic.isEmpty else { return false }
        guard line.text.count(where: { $0 == 0x20 }) >= 11, line.links.isEmpty else { return false }
        // "Ana Ruiz, Bo Li, Cy Dunn, Dee Park, Eve Ono, Fay Sun." is an author list, not a summary.
        if line.text.count(where: { $0 == UInt8(ascii: ",") }) * 3 >= line.text.count(where: { $0 == 0x20 }),
            !line.text.contains(UInt8(ascii: ":")), isMostlyCapitalised(line)
        {
            return false
        }
        // "In Proceedings of the 43rd Symposium on …, September 2024." is a venue line, not a summary.
        let all = 0..<line.text.count
        return TextScan.lastYear(in: line.text) == nil
            || !venueWords.contains { TextScan.containsIgnoringCase(line.text, all, $0) }
    }

    private static let venueWords: [StaticString] = [
        "proceedings", "proc.", "conference", "symposium", "journal", "workshop", "transactions", "letters",
    ]

    /// The paper of an entry whose title is not a link: the first link, in page order, that goes to
    /// the paper itself ("PDF", "arXiv", "DOI", "HTML", "Paper", or an href to a PDF, arXiv, a DOI or
    /// OpenReview); else the first link that is not plainly something else (code, slides, a video,
    /// the BibTeX, the abstract toggle, a project or data page); else none.
    static func paperURL(among links: [Link]) -> String? {
        if let paper = links.first(where: isPaperLink) { return paper.url }
        return links.first { !isOtherLink($0) }?.url
    }

    private static func isPaperLink(_ link: Link) -> Bool {
        guard !isOtherLink(link) else { return false }
        let label = link.label.lowercased()
        let words = label.split { !$0.isLetter }
        if words.contains(where: {
            ["pdf", "paper", "arxiv", "doi", "html", "preprint", "article", "publisher"].contains($0)
        }) {
            return true
        }
        let url = link.url.lowercased()
        return url.hasSuffix(".pdf") || url.contains("arxiv.org/") || url.contains("doi.org/")
            || url.contains("openreview.net/") || url.contains("aclanthology.org/")
    }

    private static func isOtherLink(_ link: Link) -> Bool {
        let words = link.label.lowercased().split { !$0.isLetter }
        let other: Set<Substring> = [
            "code", "github", "slides", "slide", "video", "videos", "talk", "poster", "bib", "bibtex", "cite",
            "citation", "abs", "abstract", "ads", "project", "website", "page", "blog", "data", "dataset", "demo",
            "details", "supplement", "supplementary", "media", "press", "recording", "leaderboard", "colab", "notebook",
        ]
        return !words.isEmpty && words.allSatisfy { other.contains($0) || $0 == "and" || $0 == "the" }
    }

    /// A short line under a paper that names an award: "Best Paper Award", "Outstanding Paper Prize".
    static func isAward(_ line: Line) -> Bool {
        if line.isAward { return true }
        guard line.text.count <= 80, line.links.isEmpty else { return false }
        let text = line.string.lowercased()
        if isAwardText(text) { return true }
        // A presentation remark on its own line: "Oral presentation", "Spotlight".
        let words = text.split { !$0.isLetter }
        return words.count <= 3 && (words.contains("oral") || words.contains("spotlight"))
    }

    /// One author's name: two to four capitalised words.
    ///
    /// "Priya Adeyemi" and "J. R. Low" are.
    private static func isSingleName(_ line: Line, _ range: Range<Int>) -> Bool {
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
        guard let bold = line.bold.first, bold.lowerBound == 0, bold.count >= 10, bold.upperBound < line.text.count,
            let italic = line.italic.first(where: { $0.lowerBound > bold.upperBound })
        else { return nil }
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
        let titleLink = line.links.first { $0.range.lowerBound < bold.upperBound }
        publication.links = line.links.compactMap { span in
            guard span.range != titleLink?.range, let url = resolver.resolve(span.href) else { return nil }
            return Link(label: line.string(in: span.range), url: url)
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) } ?? paperURL(among: publication.links)
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
            title = line.trimmed(after.lowerBound..<end, dropping: " .")
            rest = end + 1..<count
        }
        guard title.count >= 5, isPlausibleTitle(line, title) else { return nil }
        var publication = Publication(title: line.string(in: title))
        let names = Array(line.text[authors])
        publication.authors = TextScan.authors(names)
        publication.byline = TextScan.byline(names)
        let italic = line.italic.first { $0.lowerBound >= rest.lowerBound && $0.count >= 3 }
        let venue = italic.map { line.trimmed($0, dropping: " ,.") } ?? line.trimmed(rest, dropping: " ,.;")
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
    private static func sentenceEnd(in line: Line, from start: Int) -> Int? {
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

    /// The venue and the displayed year of a line such as "in <i>Proceedings of X</i>, 2015.".
    static func venueAndYear(of line: Line) -> (venue: String?, year: String?, remark: String?) {
        let all = 0..<line.text.count
        // A status alone ("Preprint", "Under review", before any links) is the year as displayed, not a venue.
        if let status = statusLabel(of: line) { return (nil, status, nil) }
        // An italic "Oral" or award after the venue is a remark, not the venue.
        if line.italic.count == 1, let remarkSpan = line.italic.first, remarkSpan.lowerBound > 0,
            isPresentationRemark(line.text, remarkSpan)
        {
            var plain = line
            plain.italic = []
            let read = venueAndYear(of: plain.prefix(remarkSpan.lowerBound))
            return (read.venue, read.year, read.remark ?? line.field(line.trimmed(remarkSpan)))
        }
        if let italic = line.italic.first(where: { $0.count >= 3 }) {
            var venue = line.dropping(anyOf: ["in ", "In "], from: line.trimmed(italic))
            // What follows the venue, up to its links ("[pdf] [code]").
            let linkStart =
                line.links.first { $0.range.lowerBound >= italic.upperBound }?.range.lowerBound ?? all.upperBound
            let after = italic.upperBound..<linkStart
            var year = TextScan.displayedYear(in: line.text, after)
            if year == nil, let inVenue = TextScan.lastYear(in: line.text, within: venue) {
                year = line.field(inVenue)
                // "<em>arXiv preprint, 2022</em>": the year that ends the italic venue is not venue.
                if line.trimmed(inVenue.upperBound..<venue.upperBound, dropping: " .").isEmpty {
                    let rest = line.trimmed(
                        line.droppingTrailingDate(venue.lowerBound..<inVenue.lowerBound),
                        dropping: " ,;"
                    )
                    if !rest.isEmpty { venue = rest }
                }
            }
            // "June, 2025 <em>In Proceedings …</em>": the date before the venue.
            if year == nil, let before = TextScan.lastYear(in: line.text, within: 0..<italic.lowerBound) {
                year = line.field(before)
            }
            var remark = TextScan.remark(in: line.text, after, anchor: italic.upperBound)
            let tail = line.trimmed(after, dropping: " ,.;")
            if remark == nil, year == nil, let text = line.field(tail), isAwardText(text.lowercased()) {
                // "<em>Venue</em> <span class="badge">Honorable Mention</span>"
                remark = text
            }
            if let yearRange = TextScan.lastYear(in: line.text, within: after) {
                // "<em>Venue</em>, 2025 <span class="badge">Oral</span>"
                let label = line.trimmed(yearRange.upperBound..<after.upperBound, dropping: " ,.;")
                if remark == nil, !label.isEmpty, isPresentationRemark(line.text, label) { remark = line.field(label) }
                // "<em>Journal</em>, 27(3), 2024" or ", Lakeside Institute, 2021": volume and place are venue.
                let between = line.trimmed(
                    line.droppingTrailingDate(italic.upperBound..<yearRange.lowerBound),
                    dropping: " ,.;"
                )
                // Only text the page joins with a comma; a badge glued to the venue ("SCIE") is not venue.
                if !between.isEmpty, line.text[between.lowerBound] != UInt8(ascii: "("),
                    line.text[italic.upperBound..<between.lowerBound].contains(UInt8(ascii: ","))
                {
                    venue = venue.lowerBound..<between.upperBound
                }
            } else if year == nil, remark == nil, !tail.isEmpty, line.text[tail.lowerBound] != UInt8(ascii: "("),
                line.text[tail.lowerBound] != UInt8(ascii: "["), tail.count <= 40
            {
                venue = venue.lowerBound..<tail.upperBound
            }
            return (line.field(venue), year, remark)
        }
        // The venue and year end where the bracketed links begin ("[paper] [code] [talk at Build 2019]").
        let shown = 0..<bracketedLinkStart(in: line)
        // "(2024) A&A 690 A69": the year first, in parentheses.
        if line.text.count >= 6, line.text[0] == UInt8(ascii: "("), line.text[5] == UInt8(ascii: ")"),
            TextScan.lastYear(in: line.text, within: 1..<5) != nil
        {
            let venue = line.dropping(
                anyOf: ["in ", "In "],
                from: line.trimmed(6..<shown.upperBound, dropping: " ,.;")
            )
            return (line.field(venue), line.field(1..<5), nil)
        }
        guard var yearRange = TextScan.lastYear(in: line.text, within: shown) else {
            return (
                line.field(line.dropping(anyOf: ["in ", "In "], from: line.trimmed(shown, dropping: " ,.;"))), nil, nil
            )
        }
        // "…, September 2024 (SRDS 2024).": a venue tag closing the line holds no new year.
        let closing = line.trimmed(shown, dropping: " .;")
        if closing.upperBound > yearRange.upperBound, line.text[closing.upperBound - 1] == UInt8(ascii: ")"),
            let open = line.text[..<yearRange.lowerBound].lastIndex(of: UInt8(ascii: "(")), open >= shown.lowerBound,
            line.text[yearRange.upperBound..<closing.upperBound].allSatisfy({ $0 != UInt8(ascii: "(") }),
            let earlier = TextScan.lastYear(in: line.text, within: shown.lowerBound..<open)
        {
            yearRange = earlier
        }
        // "Proc. of the 2017 Conference on … (EMNLP’17)": a year inside the venue's name stays in it.
        if yearRange.upperBound + 2 < shown.upperBound, line.text[yearRange.upperBound] == 0x20,
            (0x41...0x5A).contains(line.text[yearRange.upperBound + 1])
        {
            var end = line.trimmed(shown, dropping: " ,.;").upperBound
            if let tag = line.abbreviationTag(endingAt: end) { end = tag }
            let venue = line.dropping(anyOf: ["in ", "In "], from: line.trimmed(0..<end, dropping: " ,.;"))
            return (line.field(venue), line.field(yearRange), nil)
        }
        var venue = line.dropping(
            anyOf: ["in ", "In "],
            from: line.trimmed(line.droppingTrailingDate(0..<yearRange.lowerBound), dropping: " ,;([")
        )
        if venue.isEmpty {
            // "June, 2025 In Proceedings of …": the date first, then the venue.
            venue = line.dropping(
                anyOf: ["in ", "In "],
                from: line.trimmed(yearRange.upperBound..<all.upperBound, dropping: " ,.;")
            )
            if !venue.isEmpty { return (line.field(venue), line.field(yearRange), nil) }
        }
        return (
            line.field(venue), TextScan.displayedYear(in: line.text, yearRange.lowerBound..<line.text.count),
            TextScan.remark(in: line.text, shown)
        )
    }

    /// Where the first link in brackets or parentheses starts ("[paper]", "(slides)"), or the end of the line.
    static func bracketedLinkStart(in line: Line) -> Int {
        for link in line.links where link.range.lowerBound > 0 {
            let before = line.text[link.range.lowerBound - 1]
            if before == UInt8(ascii: "[") || before == UInt8(ascii: "(") { return link.range.lowerBound - 1 }
            // "VLDB 2024 | <a>Paper PDF</a> | <a>Slides</a>": a row of links after a bar.
            if link.range.lowerBound >= 3, line.text[link.range.lowerBound - 2] == UInt8(ascii: "|"),
                before == 0x20
            {
                return link.range.lowerBound - 2
            }
        }
        return line.text.count
    }

    // MARK: - Talks

    private static let venueSeparators: [StaticString] = ["at ", "@ ", ", ", "- ", "– ", "— ", ": "]

    /// The talks of a section's groups.
    ///
    /// Besides ``talks(from:links:)`` per group: a group that is only an event's date and place
    /// ("Feb 20, 2025 4:00 PM — 5:00 PM Harbour Station, Port Elling", Hugo Academic's talk
    /// list) completes the talk above it; a bare link of fewer than four words with no venue or
    /// year ("Slides", a speaker's name) is not a talk.
    ///
    /// - Returns: The talks of each group, in order (empty for a group that gave none).
    static func talks(in groups: [ArraySlice<Line>], links resolver: URLResolver) -> [[Talk]] {
        var result: [[Talk]] = []
        var lastBare: (group: Int, index: Int)?
        var columns: [String]?
        for group in groups {
            // A table with a header row ("Year | Title | Venue"): each row's cells by column.
            if let header = headerColumns(group) {
                columns = header
                result.append([])
                continue
            }
            if let columns,
                let talk = talk(fromRow: group, columns: columns, links: resolver)
            {
                result.append([talk])
                continue
            }
            if let bare = lastBare, let first = group.first, let event = event(in: first) {
                result[bare.group][bare.index].venues = event.venues
                result[bare.group][bare.index].year = event.year
                lastBare = nil
                result.append([])
                continue
            }
            var found = talks(from: group, links: resolver)
            // A year heading above the talks ("<h3>2025</h3>") dates those that show none.
            if let year = group.first?.headingYear {
                for index in found.indices where found[index].year == nil { found[index].year = year }
            }
            if let last = found.last, last.venues == nil, last.year == nil {
                lastBare = (result.count, found.count - 1)
            }
            result.append(found)
        }
        return result.map { talks in
            talks.filter { $0.venues != nil || $0.year != nil || $0.title.utf8.count(where: { $0 == 0x20 }) >= 3 }
        }
    }

    /// The column names of a table's header row, when every cell of `row` names a talk field.
    private static func headerColumns(_ row: ArraySlice<Line>) -> [String]? {
        headerColumns(
            row,
            known: ["year", "date", "when", "title", "talk", "venue", "event", "where", "location", "place"]
        )
    }

    /// A table's header row: every cell names a column from `known`, one of them the title.
    ///
    /// - Returns: The column names, lower-cased, or nil for an ordinary row.
    static func headerColumns(_ row: ArraySlice<Line>, known: Set<String>) -> [String]? {
        guard row.count >= 2, row.first?.cellID ?? -1 >= 0 else { return nil }
        let names = row.map { $0.string.lowercased() }
        guard names.allSatisfy(known.contains), names.contains(where: { ["title", "talk", "paper"].contains($0) })
        else { return nil }
        return names
    }

    /// Column names of a publications table's header row.
    static let publicationColumns: Set<String> = [
        "year", "date", "title", "paper", "publication", "authors", "author", "venue", "conference", "journal",
        "published", "where", "links", "link", "pdf", "code", "resources", "materials", "note", "notes", "award",
    ]

    /// A publication from a table row read by its header's columns.
    ///
    /// - Returns: nil when the row has no title cell.
    static func publication(fromRow row: ArraySlice<Line>, columns: [String], links resolver: URLResolver)
        -> Publication?
    {
        guard row.allSatisfy({ columns.indices.contains($0.cellIndex) }) else { return nil }
        var publication: Publication?
        var links: [Link] = []
        var fields: [String: Line] = [:]
        for line in row {
            let column = columns[line.cellIndex]
            switch column {
            case "title", "paper", "publication":
                publication = Publication(title: line.string)
                publication?.url = line.links.first.flatMap { resolver.resolve($0.href) }
            case "links", "link", "pdf", "code", "resources", "materials":
                links += line.links.compactMap { span in
                    resolver.resolve(span.href).map { Link(label: line.string(in: span.range), url: $0) }
                }
            default:
                fields[column] = line
            }
        }
        guard var publication else { return nil }
        if let authors = fields["authors"] ?? fields["author"] {
            publication.authors = TextScan.authors(authors.text)
            publication.byline = TextScan.byline(authors.text)
        }
        if let venue = fields["venue"] ?? fields["conference"] ?? fields["journal"] ?? fields["published"]
            ?? fields["where"]
        {
            publication.venue = venue.string
        }
        if let year = fields["year"] ?? fields["date"] {
            publication.year = TextScan.lastYear(in: year.text).flatMap(year.field) ?? year.string
        }
        if let note = fields["note"] ?? fields["notes"] ?? fields["award"] { publication.note = note.string }
        publication.links = links
        if publication.url == nil { publication.url = paperURL(among: links) }
        return publication
    }

    /// A talk from a table row read by its header's columns.
    private static func talk(fromRow row: ArraySlice<Line>, columns: [String], links resolver: URLResolver) -> Talk? {
        guard row.allSatisfy({ columns.indices.contains($0.cellIndex) }) else { return nil }
        var talk: Talk?
        var venues: [String] = []
        var year: String?
        for line in row {
            let column = columns[line.cellIndex]
            switch column {
            case "title", "talk":
                talk = Talk(title: line.string, url: line.links.first.flatMap { resolver.resolve($0.href) })
            case "year", "date", "when":
                year = TextScan.lastYear(in: line.text).flatMap(line.field)
            default:
                venues.append(line.string)
            }
        }
        talk?.venues = venues.isEmpty ? nil : venues.joined(separator: ", ")
        talk?.year = year
        return talk
    }

    /// The place and year of an event line that opens with its date: "Sep 30, 2024 — Oct 2,
    /// 2024 Example Workshop, Lakeport" gives ("Example Workshop, Lakeport", "2024").
    private static func event(in line: Line) -> (venues: String, year: String, datedVenue: Bool)? {
        var index = 0
        var year: String?
        let words = line.string.split(separator: " ", omittingEmptySubsequences: true)
        var consumed = 0
        var lastWord: Substring = ""
        for word in words {
            let bare = word.lowercased().filter { $0 != "," && $0 != "." }
            let isMonth = TextScan.isMonthName(bare.utf8)
            let isNumber = !bare.isEmpty && bare.allSatisfy { $0.isNumber || $0 == ":" }
            let isDash = ["—", "–", "-", "to"].contains(bare)
            guard isMonth || isNumber || isDash || bare == "am" || bare == "pm" else { break }
            if bare.count == 4, let value = Int(bare), (1900...2099).contains(value) { year = bare }
            consumed += word.utf8.count + 1
            index += 1
            lastWord = word
        }
        guard index >= 2, let year, consumed < line.text.count else { return nil }
        let venues = line.string(in: consumed..<line.text.count)
        // "Mar 2018, Venue" reads as one dated venue; "Sep 30, 2024 — Oct 2, 2024 Venue" as a date and a venue.
        return venues.isEmpty ? nil : (venues, year, lastWord.hasSuffix(","))
    }

    /// Where a talk's title ends when a sentence closes it.
    ///
    /// "Title. Venue, Month 2025." (also "?" or "!"): the first sentence
    /// end of a line whose shown text, link badges aside, ends in a year.
    private static func titleSentenceEnd(of line: Line) -> Int? {
        let shown = line.trimmed(0..<(trailingBadges(of: line) ?? line.text.count), dropping: " .")
        guard let year = TextScan.lastYear(in: line.text, within: shown), year.upperBound == shown.upperBound else {
            return nil
        }
        var index = 1
        while index + 1 < year.lowerBound {
            let byte = line.text[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!"),
                line.text[index + 1] == 0x20, line.text[index - 1] != 0x20,
                !(byte == UInt8(ascii: ".") && index >= 2 && line.text[index - 2] == 0x20)
            {
                guard line.text[..<index].contains(0x20) else { return nil }
                return byte == UInt8(ascii: ".") ? index : index + 1
            }
            index += 1
        }
        return nil
    }

    /// True when a range holds only a date: "(July, 2025)", "Mar 2024", "12 May 2023".
    private static func isOnlyDate(_ line: Line, _ range: Range<Int>) -> Bool {
        let inner = line.trimmed(range, dropping: " ()[],.")
        guard !inner.isEmpty, TextScan.lastYear(in: line.text, within: inner) != nil else { return false }
        return line.string(in: inner).split { $0 == " " || $0 == "," || $0 == "-" }.allSatisfy { word in
            word.allSatisfy(\.isNumber)
                || TextScan.isMonthName(word.lowercased().utf8.filter { $0 != UInt8(ascii: ".") })
        }
    }

    /// Where a run of bracketed link badges at the end of the line starts, or nil.
    ///
    /// "[bib][data]", "(slides) (recording)",
    /// "[PDF] | [code]"), or nil. Each badge holds a link; spaces and "|" may sit between them.
    static func trailingBadges(of line: Line) -> Int? {
        var end = line.text.count
        var start: Int?
        while end > 0 {
            while end > 0, line.text[end - 1] == 0x20 || line.text[end - 1] == UInt8(ascii: "|") { end -= 1 }
            guard end > 0 else { break }
            let close = line.text[end - 1]
            let openByte: UInt8
            switch close {
            case UInt8(ascii: "]"): openByte = UInt8(ascii: "[")
            case UInt8(ascii: ")"): openByte = UInt8(ascii: "(")
            default: return start
            }
            guard let open = line.text[..<(end - 1)].lastIndex(of: openByte),
                line.links.contains(where: { $0.range.lowerBound >= open && $0.range.upperBound <= end })
            else { return start }
            start = open
            end = open
        }
        return start
    }

    /// The talks of a group: usually one; a list of linked lines gives one per line.
    ///
    /// - Returns: The talks, none when the group is not a talk.
    static func talks(from lines: ArraySlice<Line>, links resolver: URLResolver) -> [Talk] {
        // A list of talks, one per line: "<a>Title</a>, Venue, 2023<br>", mostly linked.
        if lines.count >= 2, lines.count(where: { $0.links.first?.range.lowerBound == 0 }) * 2 >= lines.count {
            let each = lines.indices.compactMap { talk(from: lines[$0...$0], links: resolver, commaSeparated: true) }
            if each.count == lines.count, each.allSatisfy({ $0.year != nil }) { return each }
        }
        return talk(from: lines, links: resolver).map { [$0] } ?? []
    }

    /// A talk from a group, displayed as "TITLE at VENUES, YEAR" or "TITLE, VENUES, YEAR".
    ///
    /// The title is a leading link or italic span, else the text before " at ", else (or in a list
    /// of "Title, Venue, Year" lines, `commaSeparated`) the text before the first comma of a line
    /// that ends in a year. An unlinked title takes the line's first link ("[slides]") as its url.
    ///
    /// - Returns: `nil` when the group is not a talk.
    static func talk(from lines: ArraySlice<Line>, links resolver: URLResolver, commaSeparated: Bool = false) -> Talk? {
        guard var line = lines.first else { return nil }
        let all = 0..<line.text.count
        var title: Range<Int>
        var rest: Range<Int>
        var url: String?
        // Only for an unlinked title: whether the line ends in a year, and where its first comma is.
        var endsInYear: Bool {
            TextScan.lastYear(in: line.text, within: all).map {
                line.trimmed($0.upperBound..<all.upperBound, dropping: " .").isEmpty
            } ?? false
        }
        var comma: Int? { line.firstIndex(of: ", ", in: all) }
        if let link = line.links.first, link.range.lowerBound == 0 {
            title = link.range
            rest = line.trimmed(link.range.upperBound..<all.upperBound)
            url = resolver.resolve(link.href)
        } else if let italic = line.italic.first, italic.lowerBound == 0, italic.count >= 5, italic.count < all.count {
            title = italic
            rest = line.trimmed(italic.upperBound..<all.upperBound)
        } else if let bold = line.bold.first, bold.lowerBound == 0, bold.count >= 5, bold.count < all.count {
            // "<b>Title</b>, <i>Event</i>, dates, place."
            title = bold
            rest = line.trimmed(bold.upperBound..<all.upperBound)
        } else if event(in: line) != nil {
            // A line that opens with a date is an occasion, not a title.
            return nil
        } else if let badges = trailingBadges(of: line), badges > 0, lines.count > 1 {
            // "Title (slides) (recording)" above its venue line: the badges are links.
            title = 0..<badges
            rest = all.upperBound..<all.upperBound
        } else if commaSeparated, endsInYear, let comma, line.firstIndex(of: ". ", in: 0..<comma) == nil {
            title = 0..<comma
            rest = line.trimmed(comma..<all.upperBound)
        } else if let at = line.firstIndex(of: " at ", in: all),
            lines.count == 1 || TextScan.lastYear(in: line.text, within: at..<all.upperBound) != nil
        {
            title = 0..<at
            rest = line.trimmed(at..<all.upperBound)
        } else if let dash = line.firstIndex(of: " — ", in: all) ?? line.firstIndex(of: " – ", in: all)
            ?? (endsInYear ? line.firstIndex(of: " - ", in: all) : nil)
        {
            // "Title — Venue, March 2024"
            title = 0..<dash
            rest = line.trimmed(dash..<all.upperBound)
        } else if endsInYear, let comma, line.firstIndex(of: ". ", in: 0..<comma) == nil {
            title = 0..<comma
            rest = line.trimmed(comma..<all.upperBound)
        } else if let stop = titleSentenceEnd(of: line) {
            // "Why Tokenizers Drift. Example Seminar, February 2025. [slides]"
            title = 0..<stop
            rest = line.trimmed(stop + 1..<all.upperBound)
        } else {
            title = all
            rest = all.upperBound..<all.upperBound
        }
        if url == nil, let link = line.links.first(where: { $0.range.lowerBound >= title.upperBound }) {
            url = resolver.resolve(link.href)
            if link.range.lowerBound > rest.lowerBound {
                // "…, Apr. 2025. [slides]": the venue and year end before the link.
                rest = line.trimmed(
                    rest.lowerBound..<line.trimmed(rest.lowerBound..<link.range.lowerBound, dropping: " [(").upperBound
                )
            }
        }
        // Only link badges after the title ("[slides]", "(video)"): the venue is on the lines below.
        if let badges = trailingBadges(of: line), badges <= rest.lowerBound + 1 {
            rest = all.upperBound..<all.upperBound
        }
        // Only a date after the title ("<em>Title</em> (July, 2025)<br>Venue"): the venue is below, the year here.
        var dateYear: String?
        if !rest.isEmpty, lines.count > 1, isOnlyDate(line, rest) {
            dateYear = TextScan.lastYear(in: line.text, within: rest).flatMap(line.field)
            rest = all.upperBound..<all.upperBound
        }
        title = line.trimmed(title)
        guard !title.isEmpty, isPlausibleTitle(line, title) else { return nil }
        var talk = Talk(title: TextScan.unquoted(line.string(in: title)), url: url)
        if rest.isEmpty, lines.count > 1 {
            // Event lines below the title ("May 14, 2025 3:30 PM — 4:30 PM Venue, City"; one per
            // occasion: "Mar 2018, Venue" lines), else "Venue, Year" on the next line.
            let occasions = lines.dropFirst().compactMap { candidate in
                event(in: candidate).map { (line: candidate, event: $0) }
            }
            if let first = occasions.first {
                talk.venues = occasions.map { $0.event.datedVenue ? $0.line.string : $0.event.venues }
                    .joined(separator: "; ")
                talk.year = first.event.year
                return talk
            }
            line = lines[lines.startIndex + 1]
            rest = 0..<line.text.count
            if let badges = trailingBadges(of: line), badges > 0 { rest = 0..<badges }
            if let dateYear, TextScan.lastYear(in: line.text, within: rest) == nil {
                talk.venues = line.field(line.trimmed(rest, dropping: " ,.;"))
                talk.year = dateYear
                return talk
            }
        }
        rest = line.dropping(anyOf: venueSeparators, from: rest)
        if let yearRange = TextScan.lastYear(in: line.text, within: rest) {
            let after = line.trimmed(yearRange.upperBound..<rest.upperBound, dropping: " .,;")
            let before = line.droppingTrailingDate(rest.lowerBound..<yearRange.lowerBound)
            // A line that is only a date and a time ("Mar 2, 2023 10:00 AM — 11:00 AM") names no venue.
            if !before.isEmpty, !after.isEmpty || line.endsInDayRange(rest.lowerBound..<yearRange.lowerBound) {
                // "Meeting, October 16–19, 2022" and "EMNLP 2024 (w/ …)": the whole event as displayed.
                talk.venues = line.field(line.trimmed(rest, dropping: " .,;"))
                talk.year = line.field(TextScan.firstYear(in: line.text, within: rest) ?? yearRange)
            } else {
                talk.venues = line.field(before)
                talk.year = TextScan.displayedYear(in: line.text, yearRange.lowerBound..<rest.upperBound)
            }
        } else {
            talk.venues = line.field(line.trimmed(rest, dropping: " ,.;"))
        }
        guard talk.url != nil || talk.venues != nil || talk.year != nil else { return nil }
        // A line of linked names with no year (a talk's speakers) is not a talk.
        if talk.year == nil, line.links.count >= 2,
            line.links.reduce(0, { $0 + $1.range.count }) * 5 >= line.text.count * 4
        {
            return nil
        }
        return talk
    }

    // MARK: - Members

    /// The members of a group: one per line ("Name, role"), or one name line with a role line.
    static func members(from lines: ArraySlice<Line>, links resolver: URLResolver) -> [Member] {
        // A grid of people: one table cell per person (photo, name, role).
        if let first = lines.first, first.cellID >= 0, lines.contains(where: { $0.cellID != first.cellID }) {
            var members: [Member] = []
            var start = lines.startIndex
            for index in lines.indices.dropFirst() where lines[index].cellID != lines[index - 1].cellID {
                members += EntryParser.members(from: lines[start..<index], links: resolver)
                start = index
            }
            return members + EntryParser.members(from: lines[start..<lines.endIndex], links: resolver)
        }
        // A person's card: a name line, then role, dates and "Label: value" lines: one person, whose
        // description is the role line, else the text beside the name, else the other lines.
        // A bold or linked name alone on its line opens a card: only another such name ends it. A
        // "Name, role" line opens a list, which any other name line continues.
        if lines.count >= 2, lines.count <= 6, let head = lines.first, isNameLine(head),
            var person = member(from: head, links: resolver), isCard(lines, opener: person)
        {
            let rest = lines.dropFirst().filter { !isLabelValue($0) && !isContact($0) }
            if let role = rest.first(where: isRole) {
                person.description = role.string
            } else if person.description == nil, !rest.isEmpty {
                person.description = rest.map(\.string).joined(separator: " ")
            }
            return [person]
        }
        // A name line, then a role line (and perhaps interests): one person.
        if (2...3).contains(lines.count), var combined = member(from: lines[lines.startIndex], links: resolver),
            combined.description == nil, lines.dropFirst().allSatisfy({ $0.links.isEmpty }),
            lines.count == 2 || isRole(lines[lines.startIndex + 1])
        {
            combined.description = lines[lines.startIndex + 1].string
            return [combined]
        }
        return lines.compactMap { member(from: $0, links: resolver) }
    }

    /// True when a group is one person's card: a bold or linked name alone on its line, then lines
    /// with no other such name; or a "Name, role" line whose other lines are roles or labels, not names.
    private static func isCard(_ lines: ArraySlice<Line>, opener: Member) -> Bool {
        guard let head = lines.first else { return false }
        let rest = lines.dropFirst()
        if isStrongName(head), opener.description == nil { return !rest.contains(where: isStrongName) }
        return !rest.contains(where: isNameLine) && rest.contains(where: isRoleOrLabel)
    }

    /// A line that opens with a person's name: a bold or linked span at its start of one to five
    /// capitalised words ("<b>Seyong Kim</b>, MS"), or a short line of such words.
    static func isNameLine(_ line: Line) -> Bool {
        let span =
            line.bold.first { $0.lowerBound == 0 }?.upperBound
            ?? line.links.first { $0.range.lowerBound == 0 }?.range
            .upperBound
        if let span { return isName(line, end: span) }
        // Unstyled: "Monty Ash, Undergraduate" or a short line of two to five capitalised words.
        let end = line.text.firstIndex(of: UInt8(ascii: ",")) ?? (line.text.count <= 40 ? line.text.count : 0)
        return isName(line, end: end) && line.text[..<end].contains(0x20)
    }

    /// A line that opens with a bold or linked name ("<b>Seyong Kim</b>, MS", "<a>Ada Lindqvist</a>").
    static func isStrongName(_ line: Line) -> Bool {
        if line.isTitleHeading { return isName(line, end: line.text.count) }
        let span =
            line.bold.first { $0.lowerBound == 0 }?.upperBound
            ?? line.links.first { $0.range.lowerBound == 0 }?.range
            .upperBound
        return span.map { isName(line, end: $0) } ?? false
    }

    /// True when the line's first `end` bytes are one to five capitalised words, not a role.
    private static func isName(_ line: Line, end: Int) -> Bool {
        let end = min(end, line.text.count)
        guard end > 0, !line.text[..<end].contains(UInt8(ascii: ":")) else { return false }
        // Byte-level: this runs for every line of a members section.
        var words = 0
        var start = 0
        while start < end {
            while start < end, line.text[start] == 0x20 { start += 1 }
            guard start < end else { break }
            var stop = start
            while stop < end, line.text[stop] != 0x20 { stop += 1 }
            words += 1
            let first = line.text[start]
            // A capital, a non-ASCII letter (é, Ø, …) or punctuation ("(Lisa)") starts a name word.
            let isLower = first >= 0x61 && first <= 0x7A
            if isLower && !nameParticles.contains(where: { line.text[start..<stop].elementsEqual($0.utf8) }) {
                return false
            }
            // An acronym ("MEAM", "PhD" aside) is no name word; initials ("J.", "M.-L.") are.
            let word = line.text[start..<stop]
            if word.count >= 3, word.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2C }) { return false }
            start = stop
        }
        guard (1...5).contains(words) else { return false }
        return !isRole(line.prefix(end))
    }

    private static let nameParticles = ["van", "von", "de", "der", "da", "di", "la", "le", "bin", "al", "del", "dos"]

    /// A line that gives a role, dates or a "Label: value" rather than a name.
    static func isRoleOrLabel(_ line: Line) -> Bool {
        isRole(line) || isLabelValue(line) || line.text.first.map { (0x30...0x39).contains($0) || $0 == 0x28 } == true
    }

    /// "Research interest: Satellite MIMO", "Next position: SKT".
    private static func isLabelValue(_ line: Line) -> Bool {
        guard let colon = line.text.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < 30 else { return false }
        return line.text[..<colon].count(where: { $0 == 0x20 }) <= 3
    }

    /// An e-mail address or a "[CV]" link: contact details, not a role.
    private static func isContact(_ line: Line) -> Bool {
        line.links.contains { $0.href.lowercased().hasPrefix("mailto:") } || line.text.contains(UInt8(ascii: "@"))
    }

    /// A presentation or award remark shown beside a venue: "Oral", "Spotlight", "Best Paper Award".
    static func isPresentationRemark(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count <= 40 && isPresentationRemark(bytes, 0..<bytes.count)
    }

    /// ``isPresentationRemark(_:)`` on bytes, without making a string.
    static func isPresentationRemark(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count <= 40 else { return false }
        return TextScan.containsIgnoringCase(bytes, range, "oral")
            || TextScan.containsIgnoringCase(bytes, range, "spotlight")
            || TextScan.containsIgnoringCase(bytes, range, "award")
            || TextScan.containsIgnoringCase(bytes, range, "prize")
            || TextScan.containsIgnoringCase(bytes, range, "best paper")
            || TextScan.containsIgnoringCase(bytes, range, "honorable mention")
    }

    /// True for lower-case text that names an award: "best paper award", "honorable mention".
    private static func isAwardText(_ text: String) -> Bool {
        ["award", "prize", "best paper", "honorable mention", "honourable mention"].contains(where: text.contains)
    }

    /// True for a line that names a role ("PhD Student", "Postdoctoral Researcher").
    static func isRole(_ line: Line) -> Bool {
        let all = 0..<line.text.count
        return roleWords.contains { TextScan.containsIgnoringCase(line.text, all, $0) }
    }

    private static let roleWords: [StaticString] = [
        "student", "postdoc", "researcher", "professor", "fellow", "scientist", "engineer", "intern", "candidate",
        "undergrad", "master", "phd", "visiting", "alum", "lecturer", "assistant", "associate", "manager", "director",
        "staff",
    ]

    /// A member from one line: a (linked) name, then the role after a comma or dash.
    static func member(from line: Line, links resolver: URLResolver) -> Member? {
        let all = 0..<line.text.count
        guard isPlausibleTitle(line) else { return nil }
        var name: Range<Int>
        var rest: Range<Int>
        var url: String?
        if let link = line.links.first, link.range.lowerBound == 0 {
            name = link.range
            rest = link.range.upperBound..<all.upperBound
            url = resolver.resolve(link.href)
        } else if let open = line.firstIndex(of: " (", in: all), line.text.last == UInt8(ascii: ")"),
            line.text[..<open].firstIndex(of: UInt8(ascii: ",")) == nil
        {
            // "Jiaman (Lisa) Wu (AU22 –, co-advised with …)": the last parenthesis that runs to the end
            // is the description; one inside the name stays.
            var start = open
            while let next = line.firstIndex(of: " (", in: start + 2..<all.upperBound) { start = next }
            name = 0..<start
            rest = start + 1..<all.upperBound
        } else if let comma = line.text.firstIndex(of: UInt8(ascii: ",")) {
            name = 0..<comma
            rest = comma..<all.upperBound
        } else {
            name = all
            rest = all.upperBound..<all.upperBound
        }
        name = line.trimmed(name)
        guard let nameText = line.field(name), nameText.count <= 80 else { return nil }
        // An unlinked line is a name only when it is short and not a sentence ("I work with …").
        if url == nil, nameText.split(separator: " ").count > 5 || nameText.hasSuffix(".") || nameText.hasSuffix(":") {
            return nil
        }
        let description = line.dropping(anyOf: ["– ", "— "], from: line.trimmed(rest, dropping: " ,;:-"))
        return Member(name: nameText, url: url, description: line.field(description))
    }

    // MARK: - Shared

    /// The link that makes up most of a title line (link badges after it aside), if any.
    private static func dominantLink(of line: Line) -> LinkSpan? {
        let shown = trailingBadges(of: line).map { line.trimmed(0..<$0).upperBound } ?? line.text.count
        return line.links.first {
            $0.range.upperBound <= max(shown, $0.range.upperBound) && $0.range.count * 2 >= shown
        }
    }

    private static func otherLinks(
        in lines: ArraySlice<Line>,
        except titleLink: LinkSpan?,
        resolver: URLResolver
    ) -> [Link] {
        var links: [Link] = []
        for index in lines.indices {
            for span in lines[index].links {
                if index == lines.startIndex, let titleLink, span.range == titleLink.range { continue }
                guard let url = resolver.resolve(span.href) else { continue }
                links.append(Link(label: lines[index].string(in: span.range), url: url))
            }
        }
        return links
    }

    private static func isWhollyBold(_ line: Line) -> Bool {
        line.bold.contains { $0.lowerBound == 0 && $0.upperBound >= line.text.count }
    }

    /// A title or name must have two bytes and must not open with a bracket: "(full list)",
    /// "[PDF]" and "(online and offline)" are links beside a heading, not entries.
    private static func isPlausibleTitle(_ line: Line, _ range: Range<Int>? = nil) -> Bool {
        let range = range ?? 0..<line.text.count
        guard range.count >= 2 else { return false }
        let first = line.text[range.lowerBound]
        return first != UInt8(ascii: "(") && first != UInt8(ascii: "[")
    }
}
