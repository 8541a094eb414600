import MonitorCore

/// Reads the fields of one entry from its group of lines.
enum EntryParser {
    // MARK: - Publications

    /// A publication from a group: a title line, then authors, a venue line with the year, and
    /// optionally a bold notice (an award) and a line of links.
    ///
    /// - Returns: `nil` when the group is not a publication (a "(full list)" link, an intro line).
    static func publication(from lines: ArraySlice<Line>, links resolver: URLResolver) -> Publication? {
        if lines.count == 1, let only = lines.first { return citation(from: only, links: resolver) }
        guard lines.count >= 2, let titleLine = lines.first, isPlausibleTitle(titleLine) else { return nil }
        let first = lines.startIndex
        let rest = first + 1..<lines.endIndex
        let titleLink = dominantLink(of: titleLine)
        let venueIndex =
            rest.first { TextScan.lastYear(in: lines[$0].text) != nil } ?? rest.first { !lines[$0].italic.isEmpty }

        var publication = Publication(title: titleLine.string)
        publication.url = titleLink.flatMap { resolver.resolve($0.href) }
        let authorsEnd = venueIndex ?? min(first + 2, lines.endIndex)
        if authorsEnd >= first + 2 {
            let text =
                authorsEnd == first + 2
                ? lines[first + 1].text : Array(lines[first + 1..<authorsEnd].map(\.text).joined(separator: [0x20]))
            publication.authors = TextScan.authors(text)
            publication.byline = TextScan.byline(text)
        }
        if let venueIndex {
            let (venue, year) = venueAndYear(of: lines[venueIndex])
            publication.venue = venue
            publication.year = year
            let notes = lines[(venueIndex + 1)...].filter(isWhollyBold)
            if !notes.isEmpty { publication.note = notes.map(\.string).joined(separator: "; ") }
        }
        if publication.year == nil { publication.year = titleLine.headingYear }
        publication.links = otherLinks(in: lines, except: titleLink, resolver: resolver)
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
        let all = 0..<line.text.count
        guard let yearRange = TextScan.lastYear(in: line.text, within: all) else { return nil }
        let authors: Range<Int>
        let title: Range<Int>
        let rest: Range<Int>
        let titleLink = line.links.filter {
            $0.range.count >= 10 && $0.range.lowerBound > 1 && $0.range.upperBound <= yearRange.lowerBound
                && line.text[$0.range].contains(0x20)
        }.max { $0.range.count < $1.range.count }
        if let titleLink {
            authors = line.trimmed(0..<titleLink.range.lowerBound, dropping: " .,:;")
            title = line.trimmed(titleLink.range, dropping: " .")
            rest = titleLink.range.upperBound..<all.upperBound
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
                    || line.firstIndex(of: " et al", in: authors) != nil
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
        // An unlinked title: the paper is the "[PDF]" / "Paper" link, else the first link.
        publication.url =
            titleLink.flatMap { resolver.resolve($0.href) }
            ?? (publication.links.first { ["pdf", "paper"].contains(where: $0.label.lowercased().contains) }
            ?? publication.links.first)?.url
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
    static func venueAndYear(of line: Line) -> (venue: String?, year: String?) {
        let all = 0..<line.text.count
        if let italic = line.italic.first(where: { $0.count >= 3 }) {
            let venue = line.dropping(anyOf: ["in ", "In "], from: line.trimmed(italic))
            let after = italic.upperBound..<line.text.count
            var year = TextScan.displayedYear(in: line.text, after)
            if year == nil, let inVenue = TextScan.lastYear(in: line.text, within: venue) {
                year = line.field(inVenue)
            }
            return (line.field(venue), year)
        }
        guard let yearRange = TextScan.lastYear(in: line.text, within: all) else {
            return (line.field(line.dropping(anyOf: ["in ", "In "], from: line.trimmed(all, dropping: " ,.;"))), nil)
        }
        let venue = line.dropping(
            anyOf: ["in ", "In "],
            from: line.trimmed(0..<yearRange.lowerBound, dropping: " ,;([")
        )
        return (line.field(venue), TextScan.displayedYear(in: line.text, yearRange.lowerBound..<line.text.count))
    }

    // MARK: - Talks

    private static let venueSeparators: [StaticString] = ["at ", "@ ", ", ", "- ", "– ", "— ", ": "]

    /// A talk from a group, displayed as "TITLE at VENUES, YEAR".
    ///
    /// - Returns: `nil` when the group is not a talk.
    static func talk(from lines: ArraySlice<Line>, links resolver: URLResolver) -> Talk? {
        guard var line = lines.first else { return nil }
        let all = 0..<line.text.count
        var title: Range<Int>
        var rest: Range<Int>
        var url: String?
        if let link = line.links.first, link.range.lowerBound == 0 {
            title = link.range
            rest = line.trimmed(link.range.upperBound..<all.upperBound)
            url = resolver.resolve(link.href)
        } else if let at = line.firstIndex(of: " at ", in: all) {
            title = 0..<at
            rest = line.trimmed(at..<all.upperBound)
        } else {
            title = all
            rest = all.upperBound..<all.upperBound
        }
        title = line.trimmed(title)
        guard !title.isEmpty, isPlausibleTitle(line, title) else { return nil }
        var talk = Talk(title: line.string(in: title), url: url)
        if rest.isEmpty, lines.count > 1 {
            // "Title" on one line, "Venue, Year" on the next.
            line = lines[lines.startIndex + 1]
            rest = 0..<line.text.count
        }
        rest = line.dropping(anyOf: venueSeparators, from: rest)
        if let yearRange = TextScan.lastYear(in: line.text, within: rest) {
            talk.venues = line.field(line.trimmed(rest.lowerBound..<yearRange.lowerBound, dropping: " ,;("))
            talk.year = TextScan.displayedYear(in: line.text, yearRange.lowerBound..<rest.upperBound)
        } else {
            talk.venues = line.field(line.trimmed(rest, dropping: " ,.;"))
        }
        guard talk.url != nil || talk.venues != nil || talk.year != nil else { return nil }
        return talk
    }

    // MARK: - Members

    /// The members of a group: one per line ("Name, role"), or one name line with a role line.
    static func members(from lines: ArraySlice<Line>, links resolver: URLResolver) -> [Member] {
        if lines.count == 2, var combined = member(from: lines[lines.startIndex], links: resolver),
            combined.description == nil, lines[lines.startIndex + 1].links.isEmpty
        {
            combined.description = lines[lines.startIndex + 1].string
            return [combined]
        }
        return lines.compactMap { member(from: $0, links: resolver) }
    }

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
        } else if let comma = line.text.firstIndex(of: UInt8(ascii: ",")) {
            name = 0..<comma
            rest = comma..<all.upperBound
        } else {
            name = all
            rest = all.upperBound..<all.upperBound
        }
        name = line.trimmed(name)
        guard let nameText = line.field(name), nameText.count <= 80 else { return nil }
        let description = line.dropping(anyOf: ["– ", "— "], from: line.trimmed(rest, dropping: " ,;:-"))
        return Member(name: nameText, url: url, description: line.field(description))
    }

    // MARK: - Shared

    /// The link that makes up most of a title line, if any.
    private static func dominantLink(of line: Line) -> LinkSpan? {
        line.links.first { $0.range.count * 2 >= line.text.count }
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
