import MonitorCore

/// Publications read from a group of lines: the title line, the authors, the venue line, and the
/// tests that tell those lines apart.
extension EntryParser {
    /// A publication from a group: a title line, then authors, a venue line with the year, and
    /// optionally a bold notice (an award) and a line of links.
    ///
    /// - Returns: `nil` when the group is not a publication (a "(full list)" link, an intro line).
    /// True for a short line in capitals only ("HYBRID", "MEMS &"): at most three words, no digit,
    /// no lower-case letter, no link.
    static func isShoutedLabel(_ line: Line) -> Bool {
        guard line.links.isEmpty, !line.text.isEmpty, line.text.count <= 32 else { return false }
        var letters = 0
        var index = 0
        while index < line.text.count {
            let byte = line.text[index]
            // A dash or quotation mark (U+2010–U+203F: E2 80 xx) may join the words ("MAGNON–PHONON").
            if byte == 0xE2, index + 2 < line.text.count, line.text[index + 1] == 0x80 {
                index += 3
                continue
            }
            if (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte >= 0x80 { return false }
            if (0x41...0x5A).contains(byte) { letters += 1 }
            index += 1
        }
        return letters >= 2 && line.text.lazy.filter { $0 == 0x20 }.count <= 2
    }

    /// True for a note on who contributed what, on a line of its own ("* A and B are co-first authors").
    ///
    /// The line opens with its mark or its words ("Equal contribution"); such a note is never the
    /// author list. An author list that ends in "(* equal contribution)" is still the authors.
    private static func isContributionNote(_ line: Line) -> Bool {
        guard let first = line.text.first,
            !(0x41...0x5A).contains(first) || line.text.starts(with: "Equal".utf8)
                || line.text.starts(with: "Co-first".utf8)
        else { return false }
        let all = 0..<line.text.count
        return TextScan.containsIgnoringCase(line.text, all, "co-first author")
            || TextScan.containsIgnoringCase(line.text, all, "equal contribution")
            || TextScan.containsIgnoringCase(line.text, all, "contributed equally")
            || TextScan.containsIgnoringCase(line.text, all, "equally contributed")
            || TextScan.containsIgnoringCase(line.text, all, "corresponding author")
    }

    /// True for a line that is one link of at most three words and nothing else.
    private static func isShortLinkLine(_ line: Line) -> Bool {
        guard line.links.count == 1, let link = line.links.first, link.range.lowerBound == 0,
            line.text.count - link.range.upperBound <= 1, line.italic.isEmpty
        else { return false }
        return line.text.lazy.filter { $0 == 0x20 }.count <= 2 && TextScan.lastYear(in: line.text) == nil
    }

    static func publication(from group: ArraySlice<Line>, links resolver: URLResolver) -> Publication? {
        // A badge before the title (al-folio's venue abbreviation, "ICML" before a linked title) is not
        // part of the entry.
        var lines = group.drop { $0.isLabel }
        // Lines are read in place (`lines[index]`), not bound with `first`: each binding copies a line.
        guard !lines.isEmpty else { return nil }
        let numberLabel = bracketLabelLength(of: lines[lines.startIndex])
        let labelLength = max(lines[lines.startIndex].labelPrefix, numberLabel)
        if labelLength > 0 { lines[lines.startIndex] = lines[lines.startIndex].droppingPrefix(labelLength) }
        if lines.count == 1 {
            if let cited = citation(from: lines[lines.startIndex], links: resolver) {
                return withoutVenueLinkURL(cited)
            }
            // "T1 : Title, TR-PME-2010-13, 2010": a numbered entry needs no authors.
            return numberLabel > 0 ? numberedCitation(from: lines[lines.startIndex], links: resolver) : nil
        }
        // A card's label ("HYBRID / MAGNONICS", "MEMS &") in a block of its own is no paper.
        if lines.allSatisfy(isShoutedLabel) { return nil }
        // A block of short links alone ("Replication package", "Supplemental material") is the
        // paper's above it, never a paper.
        if lines.allSatisfy(isShortLinkLine) { return nil }
        // An author line that closes with the year ("Wu, C., & Pan, W. (2016).", "CA Vallejos and JC
        // Marioni (2017)") is the names, and the year is the entry's.
        var bylineYear: String?
        for index in lines.indices.prefix(2) where lines.count >= 3 {
            if let (names, year) = yearClosedAuthorList(lines[index]) {
                lines[index] = names
                bylineYear = year
                break
            }
        }
        // Authors first, then the title (lab lists, IEEE style, APA on three lines): read it as title
        // first. The title is set off (bold, italics, quotes or a link), or the first line is plainly a
        // list of names and the second is not.
        let start = lines.startIndex
        if lines.count >= 3,
            isSetOffTitle(lines[start + 1])
                && (isAuthorList(lines[start]) || isSoleAuthorAbove(lines[start + 1], lines[start]))
                || TextScan.lastYear(in: lines[start + 1].text) == nil && isPlausibleTitle(lines[start + 1])
                    && isAuthorList(lines[start]) && !looksLikeNames(lines[start + 1])
        {
            lines.swapAt(start, start + 1)
        }
        // "Title (with Ana Rivers and Tom Okafor)": the co-authors in the title line, the owner implied.
        var coauthors: [UInt8]?
        if lines.count >= 2, let clause = withClause(in: lines[lines.startIndex]) {
            coauthors = Array(lines[lines.startIndex].text[clause.names])
            lines[lines.startIndex] = lines[lines.startIndex].prefix(clause.start)
        }
        guard lines.count >= 2, isPlausibleTitle(lines[lines.startIndex]) else { return nil }
        // "Authors. In Proc. of Venue, 2022 [paper]" on one line: the names and the venue apart.
        if let split = splitAuthors(lines[lines.startIndex + 1]) {
            var rebuilt = Array(lines)
            rebuilt.replaceSubrange(1...1, with: split)
            lines = rebuilt[...]
        }
        return publication(
            reading: lines,
            bylineYear: bylineYear,
            coauthors: coauthors,
            links: resolver
        )
    }

    /// The fields of an entry whose lines are in reading order, the title line first (the rest of
    /// ``publication(from:links:)``; its lines are a constant here, so reading them copies nothing).
    private static func publication(
        reading lines: ArraySlice<Line>,
        bylineYear: String?,
        coauthors: [UInt8]?,
        links resolver: URLResolver
    ) -> Publication? {
        let first = lines.startIndex
        let titleLine = lines[first]
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
            rest.first { TextScan.lastYear(in: lines[$0].text) != nil && !opensWithAward(lines[$0]) } ?? rest.first {
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
        if let titleLink, titleLink.range.upperBound < titleLine.text.count,
            titleLine.links.allSatisfy({
                $0.range == titleLink.range
                    || ($0.range.lowerBound > titleLink.range.upperBound && $0.range.count <= 12)
            }),
            onlyPunctuationOutside(titleLine.links.map(\.range), in: titleLine, from: titleLink.range.upperBound)
        {
            // "<a>Title</a>. <a>CODE</a>": the short links after a linked title are buttons, not title.
            publication.title = TextScan.unquoted(
                titleLine.string(in: titleLine.trimmed(titleLink.range, dropping: " .,"))
            )
        }
        if titleLink == nil, let trailing = titleLine.links.first, trailing.range.lowerBound >= 10,
            titleLine.links.allSatisfy({ $0.range.count <= 12 })
        {
            // "Sign Language Avatars & Trust [PDF]": the badges after an unlinked title are links, not title.
            publication.title = titleLine.string(in: titleLine.trimmed(0..<trailing.range.lowerBound, dropping: " [(|"))
        }
        publication.url = titleLink.flatMap { resolver.resolve($0.href) }
        let authorsEnd = venueIndex ?? min(first + 2, lines.endIndex)
        // A row of buttons ("Project PDF BibTeX Code") names no one.
        // Nor does "* A and B are co-first authors".
        var authorLines = rest.filter {
            $0 < authorsEnd && !isButtonLabels(lines[$0]) && !isContributionNote(lines[$0])
        }
        if authorLines.isEmpty, let venueIndex, let next = rest.first(where: { $0 > venueIndex }),
            TextScan.lastYear(in: lines[next].text) == nil,
            !isLinkRow(lines[next]) && looksLikeNames(lines[next]) || isNameList(lines[next])
        {
            // A card with the venue as its subtitle: "Title / Venue, 2025 / Authors".
            authorLines = [next]
        }
        if authorLines.count > 1, authorLines.contains(where: { !lines[$0].text.contains(UInt8(ascii: ",")) }) {
            // A card's status labels moved below its title ("Preprint", "TrajectoryPublished") are no
            // authors beside a line of names.
            let names = authorLines.filter { looksLikeNames(lines[$0]) || isNameList(lines[$0]) }
            if !names.isEmpty, names.count < authorLines.count,
                authorLines.allSatisfy({ names.contains($0) || !lines[$0].text.contains(UInt8(ascii: ",")) })
            {
                authorLines = names
            }
        }
        if !authorLines.isEmpty {
            let text = withoutAuthorRole(
                authorLines.count == 1
                    ? lines[authorLines[0]].text : Array(authorLines.map { lines[$0].text }.joined(separator: [0x20]))
            )
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
        if publication.year == nil { publication.year = bylineYear ?? titleLine.headingYear }
        if publication.authors.isEmpty, let coauthors {
            publication.authors = TextScan.authors(coauthors)
            publication.byline = TextScan.byline(coauthors)
        }
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
            // Nor the venue's homepage: a link whose label is the venue ("<a>Current Biology</a> 27(8)").
            let venue = publication.venue?.lowercased()
            let candidates = publication.links.filter { link in
                !authorLinks.contains(link.url)
                    && (isPaperLink(link)
                        || !(venue.map { link.label.count >= 4 && $0.contains(link.label.lowercased()) } ?? false))
            }
            publication.url = paperURL(among: candidates) ?? publication.links.first(where: isPaperLink)?.url
        }
        guard publication.venue != nil || publication.year != nil || !publication.authors.isEmpty else {
            return nil
        }
        return publication
    }

    /// The author list without the owner's role in the paper shown after it.
    ///
    /// "…, Ana Ruiz, et al. Lead author", "… Co-author": a label, not a name.
    private static func withoutAuthorRole(_ text: [UInt8]) -> [UInt8] {
        // Byte-level, and only for lists ending in "author": this runs for every paper.
        guard text.count > 12, text[text.count - 1] | 0x20 == UInt8(ascii: "r"),
            TextScan.containsIgnoringCase(text, text.count - 6..<text.count, "author")
        else { return text }
        for role: StaticString in ["lead author", "co-author", "first author", "senior author", "last author"] {
            let count = role.utf8CodeUnitCount
            guard text.count > count + 1, text[text.count - count - 1] == 0x20,
                TextScan.containsIgnoringCase(text, text.count - count..<text.count, role)
            else { continue }
            var end = text.count - count - 1
            while end > 0, text[end - 1] == 0x20 { end -= 1 }
            return Array(text[..<end])
        }
        return text
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
        // Byte-level: this runs for most entries' first lines.
        let text = line.text
        var words = 0
        var capitalised = 0
        var start = 0
        while start < text.count {
            while start < text.count, text[start] == 0x20 { start += 1 }
            guard start < text.count else { break }
            var stop = start
            while stop < text.count, text[stop] != 0x20 { stop += 1 }
            let word = text[start..<stop]
            defer { start = stop }
            if word.elementsEqual("and".utf8) || word.elementsEqual("et".utf8) || word.elementsEqual("al.".utf8)
                || word.elementsEqual("&".utf8)
            {
                continue
            }
            words += 1
            let first = word[word.startIndex]
            if first < 0x80 {
                if first >= 0x41 && first <= 0x5A { capitalised += 1 }
            } else if String(decoding: word, as: UTF8.self).first?.isUppercase == true {
                capitalised += 1
            }
        }
        return words > 0 && capitalised * 4 >= words * 3
    }

    /// A list of names, strictly: most words capitalised, and none of the small words and digits
    /// titles have ("Planar Abstraction and Inverse Rendering of 3D Scenes" is a title).
    static func isNameList(_ line: Line) -> Bool {
        let all = 0..<line.text.count
        guard
            line.text.contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: all) != nil
                || line.firstIndex(of: " & ", in: all) != nil,
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

    /// An author list closed by its year in parentheses, as the names and the year apart.
    ///
    /// "Wu, C., Chen, J., & Pan, W. (2016)." gives "Wu, C., Chen, J., & Pan, W." and "2016"; a title
    /// with a year in parentheses is no list of names and gives nil.
    private static func yearClosedAuthorList(_ line: Line) -> (names: Line, year: String)? {
        let text = line.text
        var end = text.count
        while end > 0, text[end - 1] == UInt8(ascii: ".") || text[end - 1] == UInt8(ascii: ",") || text[end - 1] == 0x20
        {
            end -= 1
        }
        guard end >= 10, text[end - 1] == UInt8(ascii: ")"), text[end - 6] == UInt8(ascii: "("),
            TextScan.lastYear(in: text, within: end - 5..<end - 1) == end - 5..<end - 1
        else { return nil }
        let names = line.prefix(line.trimmed(0..<end - 6, dropping: " ,").upperBound)
        guard isNameList(names) else { return nil }
        return (names, String(decoding: text[end - 5..<end - 1], as: UTF8.self))
    }

    /// A line that is an author list: names with commas or "and", no year, not set off as a title.
    private static func isAuthorList(_ line: Line) -> Bool {
        // The cheap tests first: this runs for the first line of most entries.
        guard !isWhollyBold(line), !isWhollyItalic(line), dominantLink(of: line) == nil,
            line.text.contains(UInt8(ascii: ",")) || line.firstIndex(of: " and ", in: 0..<line.text.count) != nil
                || line.firstIndex(of: " & ", in: 0..<line.text.count) != nil,
            TextScan.lastYear(in: line.text) == nil, !TextScan.isQuoted(line.text)
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

    /// The status a line shows before its links, if that is all it shows.
    ///
    /// "Preprint", "Preprint. [PDF]" and "Under review" give "Preprint", "Preprint", "Under review".
    static func statusLabel(of line: Line) -> String? {
        let end = line.links.first?.range.lowerBound ?? line.text.count
        let label = line.trimmed(0..<end, dropping: " .,;()[")
        guard label.count <= 16, let text = line.field(label), TextScan.isStatusLabel(text) else { return nil }
        return text
    }

    /// A line that is mostly link labels: "PDF Cite Code", "[pdf] [code]".
    static func isLinkRow(_ line: Line) -> Bool {
        !line.links.isEmpty && line.links.reduce(0, { $0 + $1.range.count }) * 2 >= line.text.count
    }

    /// A sentence of twelve words or more ending in a period: a summary, not a field.
    private static func isSummary(_ line: Line) -> Bool {
        guard line.text.count >= 60, line.text.last == UInt8(ascii: "."), line.italic.isEmpty else { return false }
        guard line.text.count(where: { $0 == 0x20 }) >= 11, line.links.isEmpty else { return false }
        // "Ana Ruiz, Bo Li, Cy Dunn, Dee Park, Eve Ono, Fay Sun." is an author list, not a summary: a
        // few capitalised words between commas ("Andrew A Lover, …, Richard J. Coker, and Alex R. Cook.").
        if (line.text.count(where: { $0 == UInt8(ascii: ",") }) + 1) * 4 > line.text.count(where: { $0 == 0x20 }),
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

    static func isPaperLink(_ link: Link) -> Bool {
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
        // "Best Student Paper at [EVA 2019]": an award line may link its occasion.
        guard line.links.isEmpty else { return opensWithAward(line) }
        guard line.text.count <= 80 else { return false }
        let text = line.string.lowercased()
        if isAwardText(text) || opensWithAward(line) { return true }
        // A presentation remark on its own line: "Oral presentation", "Spotlight".
        let words = text.split { !$0.isLetter }
        return words.count <= 3 && (words.contains("oral") || words.contains("spotlight"))
    }

    /// A line of its own that opens with an award.
    ///
    /// "Best Student Paper at [EVA 2019]", "1st place in the poster competition at [Symposium …]",
    /// "⭐ Winner of the Test of Time Award". Its year and link are the award's, so it is never the
    /// venue line, and it is the note. A venue line with an award after the venue ("ICML 2020,
    /// Outstanding Paper Award") does not open with one.
    static func opensWithAward(_ line: Line) -> Bool {
        // Byte-level: isAward asks this of every line with a link.
        guard line.text.count <= 160 else { return false }
        let all = 0..<line.text.count
        func has(_ word: StaticString) -> Bool { TextScan.containsIgnoringCase(line.text, all, word) }
        func namesAward() -> Bool { has("award") || has("prize") || has("best paper") || has("mention") }
        if line.firstWordIs(anyOf: ["best"]) {
            // "Best Student Paper at …", "Best Poster"
            return namesAward() || has("paper") || has("poster") || has("talk") || has("demo")
                || has("presentation") || has("student") || has("article") || has("thesis")
                || has("dissertation")
        }
        if line.firstWordIs(anyOf: ["winner", "won", "awarded", "recipient", "finalist", "nominated", "runner"]) {
            return namesAward() || has("place") || has("finalist") || has("winner")
        }
        // "1st place in the poster competition", "2nd prize"
        if opensWithOrdinal(line) { return has(" place") || has(" prize") || has(" award") }
        // "Honorable mention", "Outstanding paper award"
        return line.firstWordIs(anyOf: ["honorable", "honourable", "outstanding", "award"]) && namesAward()
    }

    /// True for a line whose first word is an ordinal followed by a space: "1st", "2nd", "3rd", "12th".
    private static func opensWithOrdinal(_ line: Line) -> Bool {
        let word = line.firstWordRange()
        guard (3...4).contains(word.count), word.upperBound < line.text.count, line.text[word.upperBound] == 0x20,
            (0x31...0x39).contains(line.text[word.lowerBound])
        else { return false }
        let digitsEnd = word.upperBound - 2
        guard line.text[word.lowerBound..<digitsEnd].allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let suffix = (line.text[digitsEnd] | 0x20, line.text[digitsEnd + 1] | 0x20)
        return suffix == (0x73, 0x74) || suffix == (0x6E, 0x64) || suffix == (0x72, 0x64) || suffix == (0x74, 0x68)
    }

    /// A citation whose url is only its venue's homepage ("<a>Journal of Ice</a> 12: 1-9"), with
    /// the url of its paper instead, or none.
    private static func withoutVenueLinkURL(_ publication: Publication) -> Publication {
        guard let url = publication.url, let venue = publication.venue?.lowercased(),
            let link = publication.links.first(where: { $0.url == url }), !isPaperLink(link),
            link.label.count >= 4, venue.contains(link.label.lowercased())
        else { return publication }
        var fixed = publication
        fixed.url = paperURL(among: publication.links.filter { $0.url != url })
        return fixed
    }

    /// True when the line's text after `start` is only the given link spans and punctuation.
    private static func onlyPunctuationOutside(_ spans: [Range<Int>], in line: Line, from start: Int) -> Bool {
        var index = start
        while index < line.text.count {
            if let span = spans.first(where: { $0.contains(index) }) {
                index = span.upperBound
                continue
            }
            let byte = line.text[index]
            guard
                byte == 0x20 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "|")
                    || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "(")
                    || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "/")
            else { return false }
            index += 1
        }
        return true
    }

    /// A line of button labels only ("PDF BibTeX", "Project PDF Code"), linked or not (a BibTeX
    /// toggle is often a script, not a link).
    private static func isButtonLabels(_ line: Line) -> Bool {
        // Byte-level, stopping at the first word that is no label (a name, for an author line).
        let text = line.text
        guard text.count <= 60 else { return false }
        var index = 0
        var words = 0
        while index < text.count {
            let byte = text[index]
            guard byte < 0x80 else { return false }
            guard (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") else {
                index += 1
                continue
            }
            var stop = index
            while stop < text.count, (text[stop] | 0x20) >= UInt8(ascii: "a"), (text[stop] | 0x20) <= UInt8(ascii: "z")
            {
                stop += 1
            }
            let word = text[index..<stop]
            guard
                buttonLabels.contains(where: { label in
                    label.count == word.count && zip(label, word).allSatisfy { $0 == ($1 | 0x20) }
                })
            else { return false }
            words += 1
            index = stop
        }
        return words > 0
    }

    private static let buttonLabels: [[UInt8]] = [
        "pdf", "bibtex", "bib", "code", "project", "slides", "video", "arxiv", "abstract", "abs", "paper", "poster",
        "website", "doi", "html", "cite", "data", "dataset", "supp", "supplementary", "talk", "demo", "github",
        "preprint", "link", "page", "blog", "media", "press",
    ].map { Array($0.utf8) }

    /// A "(with A and B)" clause closing a title line: where it starts, and the names inside.
    ///
    /// - Returns: nil unless the parenthesis runs to the line's end and holds a list of names.
    private static func withClause(in line: Line) -> (start: Int, names: Range<Int>)? {
        let all = 0..<line.text.count
        let end = line.trimmed(all, dropping: " .,;").upperBound
        guard end > 18, line.text[end - 1] == UInt8(ascii: ")"),
            let open = line.firstIndex(of: " (with ", in: all), open >= 10, end > open + 8
        else { return nil }
        let names = line.trimmed(open + 7..<end - 1, dropping: " ,")
        let inner = line.droppingPrefix(names.lowerBound).prefix(names.count)
        guard !names.isEmpty, isNameList(inner) || isSingleName(line, names) else { return nil }
        return (line.trimmed(0..<open).upperBound, names)
    }
}
