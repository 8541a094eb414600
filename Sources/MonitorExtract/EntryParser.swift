import Foundation
import MonitorCore

/// Reads the fields of one entry from its group of lines.
enum EntryParser {
    // MARK: - Publications

    /// A publication from a group: a title line, then authors, a venue line with the year, and
    /// optionally a bold notice (an award) and a line of links.
    ///
    /// - Returns: `nil` when the group is not a publication (a "(full list)" link, an intro line).
    static func publication(from lines: [Line], links resolver: URLResolver) -> Publication? {
        guard let titleLine = lines.first, lines.count >= 2 else { return nil }
        let title = titleLine.string
        guard isPlausibleTitle(title) else { return nil }
        let titleLink = dominantLink(of: titleLine)

        var venueIndex: Int?
        for index in 1..<lines.count where TextScan.lastYear(in: lines[index].text) != nil {
            venueIndex = index
            break
        }
        if venueIndex == nil {
            venueIndex = (1..<lines.count).first { !lines[$0].italic.isEmpty }
        }

        var publication = Publication(title: title)
        publication.url = titleLink.flatMap { resolver.resolve($0.href) }
        let authorsEnd = venueIndex ?? min(2, lines.count)
        if authorsEnd > 1 {
            let authorText = lines[1..<authorsEnd].map(\.string).joined(separator: " ")
            publication.authors = TextScan.authors(authorText)
        }
        if let venueIndex {
            let (venue, year) = venueAndYear(of: lines[venueIndex])
            publication.venue = venue
            publication.year = year
            let notes = lines[(venueIndex + 1)...].filter(isWhollyBold).map(\.string)
            publication.note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        }
        if publication.year == nil { publication.year = titleLine.headingYear }
        publication.links = otherLinks(in: lines, except: titleLink, resolver: resolver)
        guard publication.venue != nil || publication.year != nil || !publication.authors.isEmpty else {
            return nil
        }
        return publication
    }

    /// The venue and the displayed year of a line such as "in <i>Proceedings of X</i>, 2015.".
    static func venueAndYear(of line: Line) -> (venue: String?, year: String?) {
        if let italic = line.italic.first(where: { $0.count >= 3 }) {
            let venue = dropLeadingIn(line.string(in: italic))
            let after = line.string(in: italic.upperBound..<line.text.count)
            var year = TextScan.displayedYear(after)
            if year == nil, let inVenue = TextScan.lastYear(in: Array(venue.utf8)) {
                year = String(decoding: Array(venue.utf8)[inVenue], as: UTF8.self)
            }
            return (venue.isEmpty ? nil : venue, year)
        }
        guard let yearRange = TextScan.lastYear(in: line.text) else {
            let venue = dropLeadingIn(line.string.trimmed(of: " ,.;"))
            return (venue.isEmpty ? nil : venue, nil)
        }
        let venue = dropLeadingIn(line.string(in: 0..<yearRange.lowerBound).trimmed(of: " ,;(["))
        let year = TextScan.displayedYear(line.string(in: yearRange.lowerBound..<line.text.count))
        return (venue.isEmpty ? nil : venue, year)
    }

    // MARK: - Talks

    /// A talk from a group: "TITLE at VENUES, YEAR."
    ///
    /// - Returns: `nil` when the group is not a talk.
    static func talk(from lines: [Line], links resolver: URLResolver) -> Talk? {
        guard let line = lines.first else { return nil }
        var title: String
        var rest: String
        var url: String?
        if let link = line.links.first, link.range.lowerBound == 0 {
            title = line.string(in: link.range)
            rest = line.string(in: link.range.upperBound..<line.text.count)
            url = resolver.resolve(link.href)
        } else if let at = line.string.range(of: " at ") {
            title = String(line.string[..<at.lowerBound])
            rest = String(line.string[at.upperBound...])
        } else {
            title = line.string
            rest = ""
        }
        if rest.isEmpty, lines.count > 1 { rest = lines[1...].map(\.string).joined(separator: " ") }
        title = title.trimmingSpaces()
        guard isPlausibleTitle(title) else { return nil }
        rest = rest.trimmingSpaces()
        for prefix in ["at ", "@ ", ", ", "- ", "– ", "— ", ": "] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count))
            break
        }
        var talk = Talk(title: title, url: url)
        let restBytes = Array(rest.utf8)
        if let yearRange = TextScan.lastYear(in: restBytes) {
            let venues = String(decoding: restBytes[..<yearRange.lowerBound], as: UTF8.self).trimmed(of: " ,;(")
            talk.venues = venues.isEmpty ? nil : venues
            talk.year = TextScan.displayedYear(String(decoding: restBytes[yearRange.lowerBound...], as: UTF8.self))
        } else {
            let venues = rest.trimmed(of: " ,.;")
            talk.venues = venues.isEmpty ? nil : venues
        }
        guard talk.url != nil || talk.venues != nil || talk.year != nil else { return nil }
        return talk
    }

    // MARK: - Members

    /// The members of a group: one per line ("Name, role"), or one name line with a role line.
    static func members(from lines: [Line], links resolver: URLResolver) -> [Member] {
        if lines.count == 2, let name = member(from: lines[0], links: resolver), name.description == nil,
            lines[1].links.isEmpty
        {
            var combined = name
            combined.description = lines[1].string
            return [combined]
        }
        return lines.compactMap { member(from: $0, links: resolver) }
    }

    /// A member from one line: a (linked) name, then the role after a comma or dash.
    static func member(from line: Line, links resolver: URLResolver) -> Member? {
        let text = line.string
        guard let first = text.first, first != "(", first != "[" else { return nil }
        var name: String
        var rest: String
        var url: String?
        if let link = line.links.first, link.range.lowerBound == 0 {
            name = line.string(in: link.range)
            rest = line.string(in: link.range.upperBound..<line.text.count)
            url = resolver.resolve(link.href)
        } else if let comma = text.firstIndex(of: ",") {
            name = String(text[..<comma])
            rest = String(text[text.index(after: comma)...])
        } else {
            name = text
            rest = ""
        }
        name = name.trimmingSpaces()
        guard !name.isEmpty, name.count <= 80 else { return nil }
        let description = rest.trimmed(of: " ,;:-–—")
        return Member(name: name, url: url, description: description.isEmpty ? nil : description)
    }

    // MARK: - Shared

    /// The link that makes up most of a title line, if any.
    private static func dominantLink(of line: Line) -> LinkSpan? {
        line.links.first { $0.range.count * 2 >= line.text.count }
    }

    private static func otherLinks(in lines: [Line], except titleLink: LinkSpan?, resolver: URLResolver) -> [Link] {
        var links: [Link] = []
        for (index, line) in lines.enumerated() {
            for span in line.links {
                if index == 0, let titleLink, span.range == titleLink.range { continue }
                guard let url = resolver.resolve(span.href) else { continue }
                links.append(Link(label: line.string(in: span.range), url: url))
            }
        }
        return links
    }

    private static func isWhollyBold(_ line: Line) -> Bool {
        line.bold.contains { $0.lowerBound == 0 && $0.upperBound >= line.text.count }
    }

    private static func isPlausibleTitle(_ title: String) -> Bool {
        guard let first = title.first, first != "(", first != "[" else { return false }
        return title.utf8.count >= 2
    }

    private static func dropLeadingIn(_ venue: String) -> String {
        venue.hasPrefix("in ") || venue.hasPrefix("In ") ? String(venue.dropFirst(3)).trimmingSpaces() : venue
    }
}
