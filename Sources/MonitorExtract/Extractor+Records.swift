import MonitorCore

/// A section's lines as records: the groups of one entry each, and what they look like.
extension Extractor {
    static func groups(
        of lines: ArraySlice<Line>,
        as kind: EntryKind,
        _ outline: PageOutline,
        _ base: URLResolver
    ) -> [ArraySlice<Line>] {
        EntryGroup.split(lines, parents: outline.parents) { line in
            switch kind {
            case .publication: EntryParser.citation(from: line, links: base) != nil
            case .talk: EntryParser.talk(from: [line], links: base).map { $0.year != nil && $0.venues != nil } ?? false
            case .member: EntryParser.member(from: line, links: base)?.description != nil
            }
        }
    }

    /// What the records of a section whose heading names no kind look like.
    ///
    /// A record reads as a citation when it parses as a publication with a title of three words or
    /// more, a year (or status) and authors or a venue. Records that are a single short line (a
    /// "[show all]" link, a caption) are not counted.
    ///
    /// A year in running text ("maintained since 2003", "from 2004-2009") does not date its record.
    ///
    /// - Returns: How many records there are, how many read as citations, and how many show a year.
    static func records(
        in lines: ArraySlice<Line>,
        parents: [Int],
        links base: URLResolver
    ) -> (count: Int, citations: Int, dated: Int) {
        guard lines.count >= 2 else { return (0, 0, 0) }
        let groups = EntryGroup.split(lines, parents: parents) { EntryParser.citation(from: $0, links: base) != nil }
        var records = 0
        var citations = 0
        var dated = 0
        for group in groups {
            if group.count == 1, let only = group.first, only.text.count < 40 { continue }
            records += 1
            if group.contains(where: { line in
                TextScan.lastYear(in: line.text).map { !TextScan.isInProse($0, line.text) } ?? false
            }) {
                dated += 1
            }
            guard let publication = EntryParser.publication(from: group, links: base) else { continue }
            let words = publication.title.utf8.count(where: { $0 == 0x20 }) + 1
            if words >= 3, publication.year != nil, publication.venue != nil || !publication.authors.isEmpty {
                citations += 1
            }
        }
        return (records, citations, dated)
    }
}
