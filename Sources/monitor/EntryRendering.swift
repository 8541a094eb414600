import Foundation
import MonitorCore

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
