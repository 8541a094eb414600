import MonitorCore

/// The venue, the displayed year and the remark of a publication's venue line.
extension EntryParser {
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
            let tail = line.trimmed(after, dropping: " ,.;")
            // "<em>Statistics in Medicine, 38</em>(8), 1399-1420": the issue and pages are venue.
            let issue = opensWithIssue(line.text, at: tail.lowerBound, before: tail.upperBound)
            var remark = issue ? nil : TextScan.remark(in: line.text, after, anchor: italic.upperBound)
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
                if !between.isEmpty,
                    issue && between.lowerBound == tail.lowerBound
                        || line.text[between.lowerBound] != UInt8(ascii: "(")
                            && line.text[italic.upperBound..<between.lowerBound].contains(UInt8(ascii: ","))
                {
                    venue = venue.lowerBound..<between.upperBound
                }
            } else if year == nil, remark == nil, !tail.isEmpty, line.text[tail.lowerBound] != UInt8(ascii: "("),
                line.text[tail.lowerBound] != UInt8(ascii: "["), tail.count <= 40
            {
                venue = venue.lowerBound..<tail.upperBound
            } else if issue, tail.count <= 40 {
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
            from: line.trimmingTrailingSeparators(
                line.trimmed(line.droppingTrailingDate(0..<yearRange.lowerBound), dropping: " ,;([")
            )
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
    static func isAwardText(_ text: String) -> Bool {
        ["award", "prize", "best paper", "honorable mention", "honourable mention"].contains(where: text.contains)
    }

    /// True when `text` at `start` opens with an issue number in parentheses glued to the volume:
    /// "(8)", "(3-4)", "(12)".
    private static func opensWithIssue(_ text: [UInt8], at start: Int, before end: Int) -> Bool {
        guard start + 2 < end, text[start] == UInt8(ascii: "("), (0x30...0x39).contains(text[start + 1]) else {
            return false
        }
        var index = start + 2
        while index < end, index - start <= 8 {
            let byte = text[index]
            if byte == UInt8(ascii: ")") { return true }
            guard (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") else {
                return false
            }
            index += 1
        }
        return false
    }
}
