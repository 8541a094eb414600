import MonitorCore

/// Tables read by their header row ("Year | Title | Venue"): publications and talks by column.
extension EntryParser {
    /// The column names of a table's header row, when every cell of `row` names a talk field.
    static func headerColumns(_ row: ArraySlice<Line>) -> [String]? {
        headerColumns(row, known: talkColumns)
    }

    /// Column names of a talks table's header row.
    private static let talkColumns: Set<String> = [
        "year", "date", "when", "title", "talk", "venue", "event", "where", "location", "place",
    ]

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
    static func talk(fromRow row: ArraySlice<Line>, columns: [String], links resolver: URLResolver) -> Talk? {
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
}
