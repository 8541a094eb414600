import MonitorCore

/// Reads the fields of one entry from its group of lines.
///
/// One file per shape: `+Publication` (a group of lines), `+Citation` (one citation line), `+Venue`
/// (a venue line's venue, year and remark), `+Table` (rows read by their header), `+Talk` and
/// `+Member`. This file holds the line tests they share.
enum EntryParser {
    /// A line wholly in italics.
    static func isWhollyItalic(_ line: Line) -> Bool {
        line.italic.contains { $0.lowerBound == 0 && $0.upperBound >= line.text.count }
    }

    /// Where a run of bracketed link badges at the end of the line starts, or nil.
    ///
    /// "[bib][data]", "(slides) (recording)",
    /// "[PDF] | [code]"), or nil. Each badge holds a link; spaces and "|" may sit between them.
    static func trailingBadges(of line: Line) -> Int? {
        var end = line.text.count
        var start: Int?
        while end > 0 {
            while end > 0, line.text[end - 1] == 0x20 || line.text[end - 1] == UInt8(ascii: "|") { end -= 1 }
            guard end > 0 else { break }
            let close = line.text[end - 1]
            let openByte: UInt8
            switch close {
            case UInt8(ascii: "]"): openByte = UInt8(ascii: "[")
            case UInt8(ascii: ")"): openByte = UInt8(ascii: "(")
            default: return start
            }
            guard let open = line.text[..<(end - 1)].lastIndex(of: openByte),
                line.links.contains(where: { $0.range.lowerBound >= open && $0.range.upperBound <= end })
            else { return start }
            start = open
            end = open
        }
        return start
    }

    /// The link that makes up most of a title line (link badges after it aside), if any.
    static func dominantLink(of line: Line) -> LinkSpan? {
        let shown = trailingBadges(of: line).map { line.trimmed(0..<$0).upperBound } ?? line.text.count
        return line.links.first {
            $0.range.upperBound <= max(shown, $0.range.upperBound) && $0.range.count * 2 >= shown
        }
    }

    /// The links of a group other than the title link, with their labels, resolved.
    static func otherLinks(
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

    /// A line wholly in bold.
    static func isWhollyBold(_ line: Line) -> Bool {
        line.bold.contains { $0.lowerBound == 0 && $0.upperBound >= line.text.count }
    }

    /// A title or name must have two bytes and must not open with a bracket: "(full list)",
    /// "[PDF]" and "(online and offline)" are links beside a heading, not entries; nor with a
    /// copyright notice.
    static func isPlausibleTitle(_ line: Line, _ range: Range<Int>? = nil) -> Bool {
        let range = range ?? 0..<line.text.count
        guard range.count >= 2 else { return false }
        let first = line.text[range.lowerBound]
        // A copyright notice ("Copyright (c) 2018 …", "© 2024 …") is the page's footer, never an entry.
        if first == 0xC2, range.count >= 2, line.text[range.lowerBound + 1] == 0xA9 { return false }
        if first | 0x20 == UInt8(ascii: "c"), range.count >= 9,
            TextScan.containsIgnoringCase(line.text, range.lowerBound..<range.lowerBound + 9, "copyright")
        {
            return false
        }
        // "<! --/row -->": a broken comment shown as text.
        return first != UInt8(ascii: "(") && first != UInt8(ascii: "[") && first != UInt8(ascii: "<")
    }

    /// The length of a bracketed label opening a line, with the space after it.
    ///
    /// "[New] ", "[Invited talk] ", "[J12] ": such labels mark or number an entry; they are not its title.
    /// A link in brackets ("[PDF] Title") is no label: it is the entry's link.
    ///
    /// - Returns: 0 when the line does not open with a label of one to three words.
    static func bracketLabelLength(of line: Line) -> Int {
        let text = line.text
        // A numbering label: "J1: ", "C7 : ", "T12: " (one or two capitals, a number, a colon).
        if let first = text.first, (0x41...0x5A).contains(first) {
            var end = 1
            if end < text.count, (0x41...0x5A).contains(text[end]) { end += 1 }
            let digits = end
            while end < text.count, end - digits < 3, (0x30...0x39).contains(text[end]) { end += 1 }
            guard end > digits else { return bracketedLabelLength(of: line) }
            if end < text.count, text[end] == 0x20 { end += 1 }
            guard end + 1 < text.count, text[end] == UInt8(ascii: ":"), text[end + 1] == 0x20 else { return 0 }
            end += 1
            while end < text.count, text[end] == 0x20 { end += 1 }
            return end + 5 < text.count ? end : 0
        }
        return bracketedLabelLength(of: line)
    }

    private static func bracketedLabelLength(of line: Line) -> Int {
        let text = line.text
        guard text.first == UInt8(ascii: "["), let close = text.prefix(28).firstIndex(of: UInt8(ascii: "]")),
            close >= 2, close + 1 < text.count,
            !line.links.contains(where: { $0.range.lowerBound <= 1 })
        else { return 0 }
        let inner = text[1..<close]
        guard inner.contains(where: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }),
            inner.count(where: { $0 == 0x20 }) <= 2
        else { return 0 }
        var end = close + 1
        while end < text.count, text[end] == 0x20 { end += 1 }
        return end < text.count ? end : 0
    }
}
