import MonitorCore

/// Talks: "Title at Venue, Year" and the other shapes, one talk per group or per line.
extension EntryParser {
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

    /// The place and year of an event line that opens with its date: "Sep 30, 2024 — Oct 2,
    /// 2024 Example Workshop, Lakeport" gives ("Example Workshop, Lakeport", "2024").
    private static func event(in line: Line) -> (venues: String, year: String, datedVenue: Bool)? {
        // Most lines open with no date: their first word, checked on the bytes, rules them out.
        guard let opening = line.text.first else { return nil }
        if !(0x30...0x39).contains(opening) {
            let end = line.text.firstIndex { $0 == 0x20 || $0 == 0x2C || $0 == 0x2E } ?? line.text.count
            let word = line.text[..<end]
            guard
                TextScan.isMonthName(word) || opening >= 0x80 || opening == UInt8(ascii: "-")
                    || word.elementsEqual("to".utf8) || word.elementsEqual("am".utf8) || word.elementsEqual("pm".utf8)
            else { return nil }
        }
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

    /// The talks of a group: usually one; a list of linked lines gives one per line.
    ///
    /// - Returns: The talks, none when the group is not a talk.
    static func talks(from lines: ArraySlice<Line>, links resolver: URLResolver) -> [Talk] {
        // A list of talks, one per line: "<a>Title</a>, Venue, 2023<br>", mostly linked.
        if lines.count >= 2, lines.count(where: { $0.links.first?.range.lowerBound == 0 }) * 2 >= lines.count {
            let each = lines.indices.compactMap { talk(from: lines[$0...$0], links: resolver, commaSeparated: true) }
            if each.count == lines.count, each.allSatisfy({ $0.year != nil }) { return each }
        }
        // Lines of one block, each a whole talk ending in its year ("Title, Event, Place, 2022 [Slides]<br>"):
        // one talk per line.
        if lines.count >= 2, lines.allSatisfy({ endsInYearBeforeBadges($0) }) {
            let each = lines.indices.compactMap { talk(from: lines[$0...$0], links: resolver, commaSeparated: true) }
            if each.count == lines.count, each.allSatisfy({ $0.year != nil && $0.venues != nil }) { return each }
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
        // "[Invited talk] Title - Venue": the label marks the talk, it is not its title.
        let labelLength = bracketLabelLength(of: line)
        if labelLength > 0 { line = line.droppingPrefix(labelLength) }
        // "June 18. Title. Event, Place." / "December 15, 2017. Title. …": the date opening the line is
        // the talk's date, never its title; the first sentence after it is the title.
        var leadingYear: String?
        var afterDate = false
        if let (end, year) = leadingDate(of: line) {
            line = line.droppingPrefix(end)
            leadingYear = year
            afterDate = true
        }
        // "Invited talk at the <b>Example Seminar</b> on “Title”.": the quoted words are the title.
        if let talk = quotedTalk(line, links: resolver) { return talk }
        // "Lind A. (2024, May). “Title.” Annual Meeting": a talk cited as a paper is, names first.
        if line.text.contains(where: { $0 == 0x22 || $0 == 0xE2 }),
            let cited = quotedTitleCitation(from: line, links: resolver), !cited.authors.isEmpty
        {
            return Talk(title: cited.title, venues: cited.venue, year: cited.year, url: cited.url)
        }
        let all = 0..<line.text.count
        var title: Range<Int>
        var rest: Range<Int>
        var url: String?
        // Only for an unlinked title: whether the line ends in a year, and where its first comma is.
        var endsInYearCache: Bool?
        var endsInYear: Bool {
            if let known = endsInYearCache { return known }
            let value = endsInYearBeforeBadges(line)
            endsInYearCache = value
            return value
        }
        var comma: Int? { line.firstIndex(of: ", ", in: all) }
        if afterDate, line.links.first?.range.lowerBound != 0, line.italic.first?.lowerBound != 0,
            let stop = sentenceEnd(in: line, from: 1), stop + 2 < all.upperBound
        {
            title = 0..<stop
            rest = line.trimmed(stop + 1..<all.upperBound)
        } else if let link = line.links.first, link.range.lowerBound == 0 {
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
        } else if lines.count > 1, line.links.isEmpty, isWhollyBold(line),
            let below = lines.dropFirst().first, below.links.reduce(0, { $0 + $1.range.count }) * 2 < below.text.count
        {
            // "<b>Invited Talk - Academic Ceremony 2020</b><br>University …, 2020": a bold line above
            // the venue lines is the title as a whole, dashes and all.
            title = all
            rest = all.upperBound..<all.upperBound
        } else if event(in: line) != nil {
            // A line that opens with a date is an occasion, not a title.
            return nil
        } else if let badges = trailingBadges(of: line), badges > 0, lines.count > 1 {
            // "Title (slides) (recording)" above its venue line: the badges are links.
            title = 0..<badges
            rest = all.upperBound..<all.upperBound
        } else if commaSeparated, endsInYear, let comma, !hasSentenceEnd(line, before: comma) {
            title = 0..<comma
            rest = line.trimmed(comma..<all.upperBound)
        } else if let at = line.firstIndex(of: " at ", in: all),
            lines.count == 1 || TextScan.lastYear(in: line.text, within: at..<all.upperBound) != nil
        {
            title = 0..<at
            rest = line.trimmed(at..<all.upperBound)
        } else if let dash = line.firstIndex(of: " — ", in: all) ?? line.firstIndex(of: " – ", in: all)
            ?? (endsInYear ? lastHyphen(in: line) : nil)
        {
            // A hyphen may join the title's words ("Queueing delay - error probability tradeoff … - ISIT,
            // 2011"): the venue follows the last one.
            // "Title — Venue, March 2024"
            title = 0..<dash
            rest = line.trimmed(dash..<all.upperBound)
        } else if endsInYear, let comma, !hasSentenceEnd(line, before: comma) {
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
        // Only a row of buttons under the title ("Details", "Slides"): no venue shown; the first is the url.
        if rest.isEmpty, lines.count > 1,
            lines.dropFirst().allSatisfy({ isLinkRow($0) && $0.links.allSatisfy { $0.range.count <= 16 } })
        {
            if talk.url == nil { talk.url = linkRowURL(below: lines, links: resolver) }
            return talk
        }
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
            if let spread = venueLines(below: lines) {
                talk.venues = spread.venues
                talk.year = spread.year
                if talk.url == nil { talk.url = linkRowURL(below: lines, links: resolver) }
                return talk
            }
            line = lines[lines.startIndex + 1]
            if lines.count >= 3, isSpeakerLine(line) { line = lines[lines.startIndex + 2] }
            // One venue line, then the link row ("[Slides]"): its first link is the url.
            if talk.url == nil, lines.count >= 3 { talk.url = linkRowURL(below: lines, links: resolver) }
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
        if talk.year == nil { talk.year = leadingYear }
        guard talk.url != nil || talk.venues != nil || talk.year != nil else { return nil }
        // A line of linked names with no year (a talk's speakers) is not a talk.
        if talk.year == nil, line.links.count >= 2,
            line.links.reduce(0, { $0 + $1.range.count }) * 5 >= line.text.count * 4
        {
            return nil
        }
        return talk
    }

    /// The venue of a talk told on several lines under its title ("11th Conference" / "Prague, 2019").
    ///
    /// The lines are joined with ", " as shown, and the year is that of the last one that has one.
    /// A line of names alone (the speakers) and the link row ("[Slides]") are no venue, and a year
    /// closing the last line is the year, not venue.
    ///
    /// - Returns: nil unless two or three such lines remain and one of them has a year.
    private static func venueLines(below lines: ArraySlice<Line>) -> (venues: String, year: String)? {
        guard lines.count >= 3 else { return nil }
        var below = lines.dropFirst().filter {
            !(isLinkRow($0) && TextScan.lastYear(in: $0.text) == nil) && trailingBadges(of: $0) != 0
        }
        if below.count >= 2, let first = below.first, isSpeakerLine(first) { below.removeFirst() }
        guard (2...3).contains(below.count), below.allSatisfy({ $0.text.count <= 120 }),
            let dated = below.lastIndex(where: { TextScan.lastYear(in: $0.text) != nil }),
            let yearRange = TextScan.lastYear(in: below[dated].text),
            let year = below[dated].field(yearRange)
        else { return nil }
        var parts = below.map { $0.string(in: $0.trimmed(0..<$0.text.count, dropping: " ,.;")) }
        let last = below[below.count - 1]
        if dated == below.count - 1,
            last.trimmed(yearRange.upperBound..<last.text.count, dropping: " ,.;").isEmpty,
            !last.endsInDayRange(0..<yearRange.lowerBound)
        {
            parts[parts.count - 1] = last.string(
                in: last.trimmed(last.droppingTrailingDate(0..<yearRange.lowerBound), dropping: " ,.;")
            )
        }
        let venues = parts.filter { !$0.isEmpty }.joined(separator: ", ")
        return venues.isEmpty ? nil : (venues, year)
    }

    /// A date opening a line and closed by a period or colon ("June 18.", "December 15, 2017.",
    /// "12 May 2023:"): where the text after it starts, and the date's year if it shows one.
    ///
    /// - Returns: nil unless the date has a month name and a day or year, and a sentence follows.
    static func leadingDate(of line: Line) -> (end: Int, year: String?)? {
        let text = line.text
        var index = 0
        var tokens = 0
        var hasMonth = false
        var year: String?
        while index < text.count, tokens < 4 {
            var end = index
            while end < text.count, text[end] != 0x20 { end += 1 }
            var word = text[index..<end]
            let closing = word.last
            if closing == UInt8(ascii: ".") || closing == UInt8(ascii: ":") || closing == UInt8(ascii: ",") {
                word = word.dropLast()
            }
            if TextScan.isMonthName(word) {
                hasMonth = true
            } else if !word.isEmpty, word.count <= 2 || word.count == 4, word.allSatisfy({ (0x30...0x39).contains($0) })
            {
                if word.count == 4 {
                    guard let value = Int(String(decoding: word, as: UTF8.self)), (1900...2099).contains(value)
                    else { return nil }
                    year = String(decoding: word, as: UTF8.self)
                }
            } else {
                return nil
            }
            tokens += 1
            if closing == UInt8(ascii: ".") || closing == UInt8(ascii: ":") {
                let start = end + 1
                guard hasMonth, tokens >= 2, start + 10 <= text.count else { return nil }
                return (start, year)
            }
            index = end + 1
        }
        return nil
    }

    /// The first link of the first link row under a talk's title ("[Slides]", "Details"), resolved.
    private static func linkRowURL(below lines: ArraySlice<Line>, links resolver: URLResolver) -> String? {
        let row = lines.dropFirst().first { trailingBadges(of: $0) == 0 || isLinkRow($0) }
        return row?.links.first.flatMap { resolver.resolve($0.href) }
    }

    /// True for a line of names alone under a talk's title ("<b>Eli Park</b> and Alex Taylor"): its
    /// speakers, not its venue.
    private static func isSpeakerLine(_ line: Line) -> Bool {
        guard line.links.isEmpty || line.bold.first?.lowerBound == 0, TextScan.lastYear(in: line.text) == nil
        else { return false }
        return isNameList(line) || isName(line, end: line.text.count)
    }

    /// A talk told as a sentence with its title in quotation marks: "Invited seminar at the
    /// Example University on “Tides at Scale”." gives the quoted title, and the sentence without
    /// the "on “…”" clause as the event ("Invited seminar at the Example University").
    ///
    /// - Returns: nil unless the line has a curly-quoted phrase of three words or more after
    ///   words that lead to a title (" on", " titled", ":", ",", a dash).
    private static func quotedTalk(_ line: Line, links resolver: URLResolver) -> Talk? {
        let text = line.text
        func isQuote(_ index: Int, _ last: UInt8) -> Bool {
            index + 2 < text.count && text[index] == 0xE2 && text[index + 1] == 0x80 && text[index + 2] == last
        }
        // Most talk lines have no curly quote at all: look for its first byte before anything else.
        guard let lead = text.firstIndex(of: 0xE2),
            let open = (lead..<text.count).first(where: { text[$0] == 0xE2 && isQuote($0, 0x9C) }), open > 0,
            let close = (open + 3..<text.count).first(where: { text[$0] == 0xE2 && isQuote($0, 0x9D) })
        else { return nil }
        let inner = line.trimmed(open + 3..<close, dropping: " ,.")
        guard text[inner].count(where: { $0 == 0x20 }) >= 2 else { return nil }
        var before = line.trimmed(0..<open, dropping: " ")
        let leads = [" on", " titled", " entitled", ":", ",", " -", " –", " —"].map { Array($0.utf8) }
        guard
            let lead = leads.first(where: {
                before.count >= $0.count && text[before.upperBound - $0.count..<before.upperBound].elementsEqual($0)
            })
        else { return nil }
        before = line.trimmed(before.lowerBound..<before.upperBound - lead.count, dropping: " ,:")
        let after = line.trimmed(close + 3..<text.count, dropping: " ,.;")
        guard !before.isEmpty, isPlausibleTitle(line, inner) else { return nil }
        var venues = line.string(in: before)
        if !after.isEmpty, !line.links.contains(where: { $0.range.lowerBound <= after.lowerBound + 1 }) {
            venues += ", " + line.string(in: after)
        }
        var talk = Talk(title: line.string(in: inner), venues: venues)
        talk.year = TextScan.lastYear(in: text, within: before).flatMap(line.field)
        talk.url = line.links.first.flatMap { resolver.resolve($0.href) }
        return talk
    }

    /// True when a line's shown text, link badges aside ("2022 Slides", "2019 [pdf]"), ends in a year.
    private static func endsInYearBeforeBadges(_ line: Line) -> Bool {
        let end =
            line.links.first { $0.range.lowerBound > 0 && line.links.allSatisfy({ $0.range.count <= 12 }) }?
            .range.lowerBound ?? line.text.count
        let shown = line.trimmed(0..<end, dropping: " .,[(|")
        guard let year = TextScan.lastYear(in: line.text, within: shown) else { return false }
        return year.upperBound == shown.upperBound
    }

    /// True when a sentence ends before `index` ("Why Tokenizers Drift? Seminar, …"): the title is
    /// that sentence, not the text before the first comma.
    private static func hasSentenceEnd(_ line: Line, before index: Int) -> Bool {
        let range = 0..<index
        return line.firstIndex(of: ". ", in: range) != nil || line.firstIndex(of: "? ", in: range) != nil
            || line.firstIndex(of: "! ", in: range) != nil
    }

    /// The last " - " of a line.
    private static func lastHyphen(in line: Line) -> Int? {
        var found: Int?
        var start = 0
        while let next = line.firstIndex(of: " - ", in: start..<line.text.count) {
            found = next
            start = next + 3
        }
        return found
    }
}
