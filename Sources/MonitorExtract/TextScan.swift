#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small text rules shared by the entry parsers: years, author lists, punctuation.
enum TextScan {
    /// The byte range of the last year (1900–2099) in `text` that stands alone (no digits beside it).
    static func lastYear(in text: [UInt8], within range: Range<Int>? = nil) -> Range<Int>? {
        let range = range ?? 0..<text.count
        // Byte-level without bounds checks: this runs several times for every line of a list.
        return text.withUnsafeBufferPointer { bytes -> Range<Int>? in
            var index = min(range.upperBound, bytes.count) - 4
            while index >= range.lowerBound {
                let first = bytes[index]
                if first == UInt8(ascii: "1") || first == UInt8(ascii: "2"), isYear(bytes, at: index) {
                    return index..<index + 4
                }
                index -= 1
            }
            return nil
        }
    }

    /// True when the year at `year` follows a lower-case word ("since 2003", "in January of 2006"):
    /// running text, not an entry's date, which follows a separator, a capitalised venue or month
    /// ("NeurIPS 2020", "July 2019", ", 2021") or starts the line.
    static func isInProse(_ year: Range<Int>, _ text: [UInt8]) -> Bool {
        var end = year.lowerBound
        while end > 0, text[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(text[start - 1]) { start -= 1 }
        // A whole word of two or more lower-case letters right before the year.
        guard end - start >= 2, end < year.lowerBound else { return false }
        return start == 0 || text[start - 1] == 0x20
    }

    /// The byte range of the first year (1900–2099) in `text` that stands alone.
    static func firstYear(in text: [UInt8], within range: Range<Int>) -> Range<Int>? {
        var index = range.lowerBound
        return text.withUnsafeBufferPointer { bytes -> Range<Int>? in
            while index + 4 <= min(range.upperBound, bytes.count) {
                if isYear(bytes, at: index) { return index..<index + 4 }
                index += 1
            }
            return nil
        }
    }

    /// True when `text` opens with a quotation mark (straight or curly) and closes one later.
    static func isQuoted(_ text: [UInt8]) -> Bool {
        guard let open = quoteLength(text, at: 0) else { return false }
        var index = text.count - 1
        while index > open {
            if text[index] == 0x22
                || (index >= 2 && text[index - 2] == 0xE2 && text[index - 1] == 0x80
                    && (text[index] == 0x9D || text[index] == 0x9C))
            {
                return true
            }
            if text[index] == 0x20 || text[index] == UInt8(ascii: ",") || text[index] == UInt8(ascii: ".") {
                index -= 1
                continue
            }
            return false
        }
        return false
    }

    /// The byte length of a quotation mark at `index` (" or “ ”), or nil.
    private static func quoteLength(_ text: [UInt8], at index: Int) -> Int? {
        guard index < text.count else { return nil }
        if text[index] == 0x22 { return 1 }
        if index + 2 < text.count, text[index] == 0xE2, text[index + 1] == 0x80,
            text[index + 2] == 0x9C || text[index + 2] == 0x9D
        {
            return 3
        }
        return nil
    }

    /// A title without the quotation marks around it and a comma or period inside them.
    ///
    /// "“Deep Nets,”" gives "Deep Nets". Unquoted or partly quoted titles stay as they are.
    static func unquoted(_ title: String) -> String {
        guard let first = title.utf8.first, first == 0x22 || first == 0xE2 else { return title }
        var characters = Substring(title)
        let quotes: Set<Character> = ["\"", "\u{201C}", "\u{201D}"]
        guard let first = characters.first, quotes.contains(first) else { return title }
        characters = characters.dropFirst()
        while let last = characters.last, last == " " || last == "," || last == "." || last == ";" {
            characters = characters.dropLast()
        }
        guard let last = characters.last, quotes.contains(last) else { return title }
        characters = characters.dropLast()
        // A quote inside means the marks were not around the whole title.
        guard !characters.contains(where: quotes.contains) else { return title }
        while let last = characters.last, last == " " || last == "," { characters = characters.dropLast() }
        return String(characters).trimmingSpaces()
    }

    /// The year a sub-heading names ("2023", "2019 and earlier"), or `nil`.
    static func year(inHeading heading: String) -> String? {
        let bytes = Array(heading.utf8)
        guard bytes.count <= 24, let range = lastYear(in: bytes) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The year as displayed, from the text that follows a venue.
    ///
    /// ", 2022 (to appear)." gives "2022 (to appear)". A bare qualifier such as "to appear" or
    /// "Preprint" is kept as it is. A remark in parentheses that is not a publication status
    /// ("(Oral Presentation)") is not part of the year: ``remark(in:_:)`` reads it.
    static func displayedYear(in bytes: [UInt8], _ range: Range<Int>) -> String? {
        guard let year = lastYear(in: bytes, within: range) else {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, isLabelPunctuation(bytes[lower]) { lower += 1 }
            while upper > lower, isLabelPunctuation(bytes[upper - 1]) { upper -= 1 }
            guard upper - lower <= 30 else { return nil }
            let label = String(decoding: bytes[lower..<upper], as: UTF8.self)
            return isStatusLabel(label) ? label : nil
        }
        var end = year.upperBound
        if let parenthesis = parenthesis(after: year.upperBound, in: bytes, range, skipping: [0x20]),
            isStatus(bytes, parenthesis)
        {
            end = parenthesis.upperBound
        }
        return String(decoding: bytes[year.lowerBound..<end], as: UTF8.self)
    }

    /// A publication status shown instead of a year: "Preprint", "to appear", "Under review".
    static func isStatusLabel(_ text: String) -> Bool {
        statusLabels.contains(text.lowercased())
    }

    private static let statusLabels: Set<String> = [
        "preprint", "to appear", "under review", "submitted", "in submission", "working paper", "in preparation",
        "forthcoming", "in press", "accepted",
    ]

    /// The remark in parentheses after the last year (or after `anchor` when there is no year), when it
    /// is not a status: "Oral Presentation" from ", 2023 (Oral Presentation)".
    static func remark(in bytes: [UInt8], _ range: Range<Int>, anchor: Int? = nil) -> String? {
        guard let end = lastYear(in: bytes, within: range)?.upperBound ?? anchor,
            let parenthesis = parenthesis(after: end, in: bytes, range, skipping: [0x20, 0x2C, 0x2E]),
            !isStatus(bytes, parenthesis), parenthesis.count > 2
        else { return nil }
        let text = String(decoding: bytes[parenthesis.lowerBound + 1..<parenthesis.upperBound - 1], as: UTF8.self)
        return text.trimmingSpaces().isEmpty ? nil : text.trimmingSpaces()
    }

    /// The range of "( … )" starting right after `index` and the bytes `skipping`, if any.
    private static func parenthesis(
        after index: Int,
        in bytes: [UInt8],
        _ range: Range<Int>,
        skipping: [UInt8]
    ) -> Range<Int>? {
        var cursor = index
        while cursor < range.upperBound {
            if skipping.contains(bytes[cursor]) {
                cursor += 1
            } else if bytes[cursor] == UInt8(ascii: "&"), bytes[cursor..<range.upperBound].starts(with: "&nbsp".utf8) {
                // "&nbsp" without its semicolon, as Jon Barron's template writes it, stays literal text.
                cursor += 5
                if cursor < range.upperBound, bytes[cursor] == UInt8(ascii: ";") { cursor += 1 }
            } else {
                break
            }
        }
        guard cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "("),
            let close = bytes[cursor..<range.upperBound].firstIndex(of: UInt8(ascii: ")"))
        else { return nil }
        return cursor..<close + 1
    }

    /// A publication status that belongs to the year as displayed: "(to appear)", "(in press)".
    private static func isStatus(_ bytes: [UInt8], _ parenthesis: Range<Int>) -> Bool {
        statusWords.contains { containsIgnoringCase(bytes, parenthesis, $0) }
    }

    private static let statusWords: [StaticString] = [
        "appear", "press", "accepted", "forthcoming", "submitted", "review", "print",
    ]

    /// True when `needle` (lower-case ASCII) occurs in `bytes[range]`, ASCII case ignored.
    static func containsIgnoringCase(_ bytes: [UInt8], _ range: Range<Int>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        let pointer = needle.utf8Start
        guard count > 0, range.count >= count else { return false }
        var start = range.lowerBound
        while start + count <= range.upperBound {
            var offset = 0
            while offset < count, lowercased(bytes[start + offset]) == pointer[offset] { offset += 1 }
            if offset == count { return true }
            start += 1
        }
        return false
    }

    /// True for a month's name or an abbreviation of at least three letters ("Dec", "sept", "March"),
    /// ASCII case ignored.
    static func isMonthName<Word: Collection<UInt8>>(_ word: Word) -> Bool {
        guard word.count >= 3 else { return false }
        return months.contains { month in
            word.count <= month.utf8CodeUnitCount
                && zip(word, UnsafeBufferPointer(start: month.utf8Start, count: month.utf8CodeUnitCount))
                    .allSatisfy { lowercased($0) == $1 }
        }
    }

    private static let months: [StaticString] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// ASCII lower case of a byte; other bytes unchanged.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The author list as displayed, without surrounding spaces and a closing "," or ".".
    static func byline(_ text: [UInt8]) -> String? {
        var end = text.count
        while end > 0, text[end - 1] == 0x20 || text[end - 1] == UInt8(ascii: ",") || text[end - 1] == UInt8(ascii: ".")
        {
            // "et al." keeps its period.
            if text[end - 1] == UInt8(ascii: "."), text[..<(end - 1)].suffix(5).elementsEqual("et al".utf8) { break }
            end -= 1
        }
        var start = 0
        while start < end, text[start] == 0x20 { start += 1 }
        return start < end ? String(decoding: text[start..<end], as: UTF8.self) : nil
    }

    /// Splits a displayed author list into names.
    ///
    /// Names are separated by commas and "and"; "and 386 others including X" and "X et al." stay one
    /// item. Works on UTF-8 bytes: long author lists are common and this runs for every paper.
    static func authors(_ text: [UInt8]) -> [String] {
        text.withUnsafeBufferPointer { bytes in
            let hasPhrase = containsOthersOrEtAl(bytes)
            var names: [String] = []
            var partStart = 0
            // memchr finds each comma many bytes at a time: author lists are long and this runs per paper.
            while partStart <= bytes.count {
                let end = find(UInt8(ascii: ","), in: bytes, from: partStart) ?? bytes.count
                appendNames(in: bytes, partStart..<end, checkingPhrases: hasPhrase, to: &names)
                partStart = end + 1
            }
            return names
        }
    }

    /// True when the text has "others" or "et al" anywhere: memchr finds their rarer letters ("h",
    /// "l") many bytes at a time, and only those places are compared.
    private static func containsOthersOrEtAl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var at = 0
        while let h = find(UInt8(ascii: "h"), in: bytes, from: at) {
            if h >= 2, starts(bytes, h - 2..<bytes.count, "others") { return true }
            at = h + 1
        }
        at = 0
        while let l = find(UInt8(ascii: "l"), in: bytes, from: at) {
            if l >= 4, starts(bytes, l - 4..<bytes.count, "et al") { return true }
            at = l + 1
        }
        return false
    }

    /// The start of the first " and " in `range`, found by its "d" with memchr, or nil.
    private static func findAnd(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var at = range.lowerBound + 3
        while at < range.upperBound, let d = find(UInt8(ascii: "d"), in: bytes, from: at), d + 1 < range.upperBound {
            if bytes[d + 1] == 0x20, starts(bytes, d - 3..<range.upperBound, " and ") { return d - 3 }
            at = d + 1
        }
        return nil
    }

    /// The index of the first `byte` at or after `start`, or nil.
    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Adds the names of one comma-separated part: "and X", "X and Y", or an "others" phrase whole.
    private static func appendNames(
        in bytes: UnsafeBufferPointer<UInt8>,
        _ part: Range<Int>,
        checkingPhrases: Bool,
        to names: inout [String]
    ) {
        func append(_ range: Range<Int>) {
            names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
        var range = trimmedRange(bytes, part)
        guard !range.isEmpty else { return }
        if checkingPhrases, contains(bytes, range, "others") || contains(bytes, range, "et al") {
            append(range)
            return
        }
        if starts(bytes, range, "and ") { range = trimmedRange(bytes, range.lowerBound + 4..<range.upperBound) }
        var nameStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound, let found = findAnd(in: bytes, index..<range.upperBound) {
            index = found
            let name = trimmedRange(bytes, nameStart..<index)
            if !name.isEmpty { append(name) }
            index += 5
            nameStart = index
        }
        let last = trimmedRange(bytes, nameStart..<range.upperBound)
        if !last.isEmpty { append(last) }
    }

    private static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        return lower..<upper
    }

    private static func starts(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        _ prefix: StaticString
    ) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    private static func contains(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        _ needle: StaticString
    ) -> Bool {
        let first = needle.utf8Start[0]
        var start = range.lowerBound
        while start + needle.utf8CodeUnitCount <= range.upperBound {
            if bytes[start] == first, starts(bytes, start..<range.upperBound, needle) { return true }
            start += 1
        }
        return false
    }

    /// Space and the punctuation around a year label: , . ; : ( )
    private static func isLabelPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x2C, 0x2E, 0x3B, 0x3A, 0x28, 0x29: true
        default: false
        }
    }

    private static func isYear(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 0, index + 4 <= text.count else { return false }
        let first = text[index]
        let second = text[index + 1]
        guard
            (first == UInt8(ascii: "1") && second == UInt8(ascii: "9"))
                || (first == UInt8(ascii: "2") && second == UInt8(ascii: "0"))
        else { return false }
        guard isDigit(text[index + 2]), isDigit(text[index + 3]) else { return false }
        if index > 0, isDigit(text[index - 1]) { return false }
        if index + 4 < text.count, isDigit(text[index + 4]) { return false }
        // "arXiv:2102.11972" is an identifier, not a year.
        if index > 0, text[index - 1] == UInt8(ascii: ":") || text[index - 1] == UInt8(ascii: ".") { return false }
        if index + 4 < text.count, text[index + 4] == UInt8(ascii: "."), index + 5 < text.count,
            isDigit(text[index + 5])
        {
            return false
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
