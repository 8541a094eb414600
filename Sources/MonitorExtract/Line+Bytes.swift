/// Byte-level reading of a line: the field parsers work on ranges of the UTF-8 text and make a
/// `String` only for each final field, since they run for every entry of every page.
extension Line {
    /// The range without leading and trailing bytes from `set` (ASCII) and spaces.
    func trimmed(_ range: Range<Int>, dropping set: StaticString = " ") -> Range<Int> {
        var lower = max(range.lowerBound, 0)
        var upper = min(range.upperBound, text.count)
        while lower < upper, Line.contains(set, text[lower]) { lower += 1 }
        while upper > lower, Line.contains(set, text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The line's first word: its first run of ASCII letters and digits, after at most 8 bytes of
    /// leading symbols ("⭐ Best …", "* Winner …", "🏆 1st place …"); empty when there is none.
    func firstWordRange() -> Range<Int> {
        func isWordByte(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) || (0x30...0x39).contains(byte) }
        var start = 0
        while start < text.count, start < 8, !isWordByte(text[start]) { start += 1 }
        var end = start
        while end < text.count, isWordByte(text[end]) { end += 1 }
        return start..<end
    }

    /// True when the line's first word (``firstWordRange()``) is one of `words`, ignoring case.
    ///
    /// Byte-level and allocation-free: it screens lines before the slower tests that need their text
    /// as a `String`.
    func firstWordIs(anyOf words: [StaticString]) -> Bool {
        let first = firstWordRange()
        guard !first.isEmpty else { return false }
        for word in words where word.utf8CodeUnitCount == first.count {
            if TextScan.containsIgnoringCase(text, first, word) { return true }
        }
        return false
    }

    /// The range without the separators a card puts between its venue and year at its end: "PNAS · 2026",
    /// "VLDB • 2024", "Nature | 2021", "Science – 2020" (the year already cut off).
    func trimmingTrailingSeparators(_ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper > range.lowerBound {
            let byte = text[upper - 1]
            if byte == 0x20 || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "-") {
                upper -= 1
            } else if upper - 2 >= range.lowerBound, text[upper - 2] == 0xC2, byte == 0xB7 {
                upper -= 2  // ·
            } else if upper - 3 >= range.lowerBound, text[upper - 3] == 0xE2, text[upper - 2] == 0x80,
                [0xA2, 0x93, 0x94].contains(byte)
            {
                upper -= 3  // • – —
            } else {
                break
            }
        }
        return range.lowerBound..<upper
    }

    /// The range without spaces, `set` bytes and quotation marks (" “ ”) at either end.
    func trimmedOfQuotes(_ range: Range<Int>, dropping set: StaticString = " ") -> Range<Int> {
        var current = trimmed(range, dropping: set)
        while !current.isEmpty {
            if text[current.lowerBound] == 0x22 {
                current = trimmed(current.lowerBound + 1..<current.upperBound, dropping: set)
            } else if isCurlyQuote(at: current.lowerBound) {
                current = trimmed(current.lowerBound + 3..<current.upperBound, dropping: set)
            } else if text[current.upperBound - 1] == 0x22 {
                current = trimmed(current.lowerBound..<current.upperBound - 1, dropping: set)
            } else if current.count >= 3, isCurlyQuote(at: current.upperBound - 3) {
                current = trimmed(current.lowerBound..<current.upperBound - 3, dropping: set)
            } else {
                break
            }
        }
        return current
    }

    /// True for “ or ” at `index`.
    func isCurlyQuote(at index: Int) -> Bool {
        index >= 0 && index + 3 <= text.count && text[index] == 0xE2
            && text[index + 1] == 0x80 && (text[index + 2] == 0x9C || text[index + 2] == 0x9D)
    }

    /// True when the text at `index` starts with `literal`.
    func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= text.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where text[index + offset] != pointer[offset] { return false }
        return true
    }

    /// The first index of `literal` within `range`, if any.
    func firstIndex(of literal: StaticString, in range: Range<Int>) -> Int? {
        let count = literal.utf8CodeUnitCount
        guard count > 0 else { return range.lowerBound }
        let pointer = literal.utf8Start
        let lead = pointer[0]
        // Byte-level without bounds checks: the rules ask this of most lines, several times.
        return text.withUnsafeBufferPointer { bytes -> Int? in
            let last = min(range.upperBound, bytes.count) - count
            var index = max(range.lowerBound, 0)
            while index <= last {
                if bytes[index] == lead {
                    var offset = 1
                    while offset < count, bytes[index + offset] == pointer[offset] { offset += 1 }
                    if offset == count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// The range after one leading separator from `prefixes`, if the range starts with one.
    func dropping(anyOf prefixes: [StaticString], from range: Range<Int>) -> Range<Int> {
        for prefix in prefixes where range.count >= prefix.utf8CodeUnitCount && hasPrefix(prefix, at: range.lowerBound)
        {
            return trimmed(range.lowerBound + prefix.utf8CodeUnitCount..<range.upperBound)
        }
        return range
    }

    /// The range without a date before a year: "Seminar, March 12" gives "Seminar"; "Dec" too.
    ///
    /// Talk and venue lines often date the event ("Venue, March 2024"); the year is read apart.
    func droppingTrailingDate(_ range: Range<Int>) -> Range<Int> {
        var upper = trimmed(range, dropping: " ,;(").upperBound
        let lower = range.lowerBound
        func lastWord() -> Range<Int> {
            var start = upper
            while start > lower, text[start - 1] != 0x20 { start -= 1 }
            return start..<upper
        }
        let whole = trimmed(lower..<upper, dropping: " ,;(")
        var word = lastWord()
        if (1...2).contains(word.count), word.allSatisfy({ text[$0] >= 0x30 && text[$0] <= 0x39 }) {
            upper = trimmed(lower..<word.lowerBound, dropping: " ,").upperBound
            word = lastWord()
        }
        guard word.count >= 3, isMonth(word) else { return whole }
        return trimmed(lower..<word.lowerBound, dropping: " ,;(-")
    }

    /// True when the range ends in a day range before its year: "October 16–19, ", "June 8-11" or
    /// "August 28–September 1".
    func endsInDayRange(_ range: Range<Int>) -> Bool {
        let upper = trimmed(range, dropping: " ,").upperBound
        var start = upper
        while start > range.lowerBound, text[start - 1] != 0x20 { start -= 1 }
        let word = text[start..<upper]
        guard let first = word.first, (0x30...0x39).contains(first), let last = word.last, (0x30...0x39).contains(last)
        else { return false }
        if word.count >= 3, word.contains(where: { !(0x30...0x39).contains($0) }) { return true }
        // "August 28–September 1": a day after a range or a month.
        guard word.count <= 2, start > range.lowerBound + 1 else { return false }
        var before = start - 1
        while before > range.lowerBound, text[before - 1] != 0x20 { before -= 1 }
        let previous = before..<start - 1
        return text[previous].contains(0xE2) || text[previous].contains(UInt8(ascii: "-"))
    }

    /// Where a venue's abbreviation tag in parentheses starts when it ends the text at `end`.
    ///
    /// "(EMNLP’17)", "(ACL'21)", "(NeurIPS 2023)" — one or two words of letters, digits and
    /// apostrophes with a capital letter. Nil for other remarks ("(short paper)").
    func abbreviationTag(endingAt end: Int) -> Int? {
        guard end > 2, text[end - 1] == UInt8(ascii: ")"),
            let open = text[..<(end - 1)].lastIndex(of: UInt8(ascii: "("))
        else { return nil }
        let inner = String(decoding: text[open + 1..<end - 1], as: UTF8.self)
        let words = inner.split(separator: " ")
        guard (1...2).contains(words.count), inner.count <= 16, inner.first?.isUppercase == true,
            inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "'" || $0 == "\u{2019}" || $0 == " " || $0 == "-" })
        else { return nil }
        return open
    }

    /// True for a month's name or its abbreviation ("Dec", "Dec.", "Sept", "March"), any case.
    func isMonth(_ word: Range<Int>) -> Bool {
        var end = word.upperBound
        if end > word.lowerBound, text[end - 1] == UInt8(ascii: ".") { end -= 1 }
        return TextScan.isMonthName(text[word.lowerBound..<end])
    }

    /// The line without its first `count` bytes (a badge before a title), spans moved and cut to match.
    func droppingPrefix(_ count: Int) -> Line {
        let start = trimmed(count..<text.count).lowerBound
        var line = self
        line.text = Array(text[start...])
        func moved(_ range: Range<Int>) -> Range<Int>? {
            // A span the cut runs through ("<b>[New] Title</b>") keeps its part after the cut.
            range.upperBound > start ? max(range.lowerBound, start) - start..<range.upperBound - start : nil
        }
        line.links = links.compactMap { span in moved(span.range).map { LinkSpan(range: $0, href: span.href) } }
        line.bold = bold.compactMap(moved)
        line.italic = italic.compactMap(moved)
        line.labelPrefix = 0
        return line
    }

    /// The line's first `count` bytes, spans cut to match.
    func prefix(_ count: Int) -> Line {
        var line = self
        line.text = Array(text[..<count])
        func cut(_ range: Range<Int>) -> Range<Int>? {
            range.lowerBound < count ? range.lowerBound..<min(range.upperBound, count) : nil
        }
        line.links = links.compactMap { span in cut(span.range).map { LinkSpan(range: $0, href: span.href) } }
        line.bold = bold.compactMap(cut)
        line.italic = italic.compactMap(cut)
        return line
    }

    /// The text of a range as a string, or `nil` when the range is empty.
    func field(_ range: Range<Int>) -> String? {
        range.isEmpty ? nil : String(decoding: text[range], as: UTF8.self)
    }

    private static func contains(_ set: StaticString, _ byte: UInt8) -> Bool {
        let pointer = set.utf8Start
        for index in 0..<set.utf8CodeUnitCount where pointer[index] == byte { return true }
        return false
    }
}
