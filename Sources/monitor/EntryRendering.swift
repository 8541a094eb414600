import Foundation
import MonitorCore
import MonitorExtract

/// Prints a page's entries for people (text) and scripts (JSON).
enum EntryRendering {
    /// A readable listing grouped by kind.
    static func text(_ entries: PageEntries) -> String {
        var out = ""
        section("Publications", entries.publications, into: &out) { publication in
            var lines = [publication.title]
            if !publication.authors.isEmpty { lines.append(publication.authors.joined(separator: ", ")) }
            let venue = [publication.venue, publication.year].compactMap { $0 }.joined(separator: ", ")
            if !venue.isEmpty { lines.append(venue) }
            if let note = publication.note { lines.append(note) }
            if let url = publication.url { lines.append(url) }
            for link in publication.links { lines.append("\(link.label): \(link.url)") }
            return lines
        }
        section("Talks", entries.talks, into: &out) { talk in
            var lines = [talk.title]
            let venue = [talk.venues, talk.year].compactMap { $0 }.joined(separator: ", ")
            if !venue.isEmpty { lines.append(venue) }
            if let url = talk.url { lines.append(url) }
            return lines
        }
        section("Members", entries.members, into: &out) { member in
            var lines = [member.name]
            if let description = member.description { lines.append(description) }
            if let url = member.url { lines.append(url) }
            return lines
        }
        return out
    }

    /// The `extract --explain` report: sections with their kind and why, the grouping, the
    /// groups that gave nothing, then the entries field by field and how to override.
    static func explanation(_ report: ExtractionReport) -> String {
        var out = "Sections, in page order:\n"
        if report.sections.isEmpty { out += "  (none: the page has no headings, and no selectors are set)\n" }
        for (number, section) in report.sections.enumerated() {
            out += "  \(number + 1). \"\(section.title)\": "
            guard let kind = section.kind else {
                out += "\(section.reason)\n"
                continue
            }
            out += "\(kind.plural) (\(section.reason))\n"
            out += "     grouping: \(section.grouping)\n"
            out += "     \(section.groups) group\(section.groups == 1 ? "" : "s") gave \(section.entries) entr"
            out += section.entries == 1 ? "y\n" : "ies\n"
            for line in section.rejected {
                out += "     skipped a group starting \"\(line.count > 70 ? line.prefix(70) + "…" : line)\"\n"
            }
        }
        let entries = report.entries
        out += "\nFound \(entries.publications.count) publications, \(entries.talks.count) talks, "
        out += "\(entries.members.count) members.\n"
        for publication in entries.publications {
            out += "\npublication\n  title:   \(publication.title)\n"
            out += "  authors: \(publication.authors.joined(separator: " | "))\n"
            out += "  venue:   \(publication.venue ?? "-")\n  year:    \(publication.year ?? "-")\n"
            out += "  url:     \(publication.url ?? "-")\n"
            if let note = publication.note { out += "  note:    \(note)\n" }
        }
        for talk in entries.talks {
            out += "\ntalk\n  title:   \(talk.title)\n  venues:  \(talk.venues ?? "-")\n"
            out += "  year:    \(talk.year ?? "-")\n  url:     \(talk.url ?? "-")\n"
        }
        for member in entries.members {
            out += "\nmember\n  name:        \(member.name)\n  description: \(member.description ?? "-")\n"
            out += "  url:         \(member.url ?? "-")\n"
        }
        out += """

            Wrong or missing? Override a kind for the site in monitor.toml (XPath 1.0; fields you leave \
            out are read from each entry's text as above), then run `monitor extract --site ID --explain`:

              [sites.selectors.publications]
              section = "//h2[contains(., 'Papers')]/following-sibling::ul[1]"
              entry = "./li"
              title = ".//b"
              year = "substring-after(.//em, ', ')"

            """
        return out + "\n"
    }

    private static func section<Value>(
        _ title: String,
        _ values: [Value],
        into out: inout String,
        lines: (Value) -> [String]
    ) {
        guard !values.isEmpty else { return }
        if !out.isEmpty { out += "\n" }
        out += "\(title) (\(values.count))\n"
        for (index, value) in values.enumerated() {
            let entryLines = lines(value)
            let number = "\(index + 1)."
            out += String(repeating: " ", count: max(0, 5 - number.count)) + number + " " + entryLines[0] + "\n"
            for line in entryLines.dropFirst() { out += "      \(line)\n" }
        }
    }
}
