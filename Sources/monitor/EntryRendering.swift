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
    /// groups that gave nothing, then the entries field by field and, when no override is in use,
    /// a starting point for one.
    ///
    /// - Parameters:
    ///   - report: What extraction found and how.
    ///   - page: The page as given on the command line (for the suggested command).
    /// - Returns: The text to print.
    static func explanation(_ report: ExtractionReport, page: String) -> String {
        var out = "Sections, in page order:\n"
        if report.sections.isEmpty { out += "  (none: the page has no headings, and no selectors are set)\n" }
        for (number, section) in report.sections.enumerated() {
            out += "  \(number + 1). \"\(section.title.isEmpty ? "(before the first heading)" : section.title)\": "
            guard let kind = section.kind else {
                out += "\(section.reason)\n"
                continue
            }
            out += "\(kind.plural) (\(section.reason))\n"
            out += "     grouping: \(section.grouping)\n"
            out += "     \(plural(section.groups, "group")) gave \(plural(section.entries, "entry", "entries"))\n"
            for line in section.rejected {
                out += "     skipped a group starting \"\(line.count > 70 ? line.prefix(70) + "…" : line)\"\n"
            }
        }
        let entries = report.entries
        out += "\nFound \(plural(entries.publications.count, "publication")), \(plural(entries.talks.count, "talk")), "
        out += "\(plural(entries.members.count, "member")).\n"
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
        guard !report.sections.contains(where: { $0.level == nil }) else { return out }
        for doubt in report.doubts {
            out +=
                "\nUnsure: \"\(doubt.section.isEmpty ? "(before the first heading)" : doubt.section)\": \(doubt.reason)\n"
        }
        // No override yet: a starting point built from the page's own elements.
        if let suggestion = report.suggestion {
            out += """

                Wrong or missing? Give the site an override in monitor.toml (XPath 1.0; fields left out are read \
                from each entry's text as above). Built from this page's elements:

                  [sites.selectors.\(suggestion.kind.plural)]
                  section = "\(suggestion.section.replacingOccurrences(of: "\"", with: "\\\""))"
                  entry = "\(suggestion.entry)"

                and check it with: monitor extract --config monitor.toml --site ID --explain \(page)

                """
        }
        return out
    }

    /// "1 entry", "2 entries".
    private static func plural(_ count: Int, _ one: String, _ many: String? = nil) -> String {
        "\(count) \(count == 1 ? one : many ?? one + "s")"
    }

    /// The `extract --explain --format json` report: `{"sections": [...], "entries": {...}}`.
    static func explanationJSON(_ report: ExtractionReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let sections = try JSONSerialization.jsonObject(with: encoder.encode(report.sections))
        let entries = try JSONSerialization.jsonObject(with: Data(report.entries.jsonString().utf8))
        let data = try JSONSerialization.data(
            withJSONObject: ["sections": sections, "entries": entries],
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        )
        return String(decoding: data, as: UTF8.self) + "\n"
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
