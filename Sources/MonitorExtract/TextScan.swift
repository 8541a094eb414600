/// Small text rules shared by the entry parsers: years, author lists, punctuation.
enum TextScan {
    /// The byte range of the last year (1900–2099) in `text` that stands alone (no digits beside it).
    static func lastYear(in text: [UInt8], from start: Int = 0) -> Range<Int>? {
        var index = text.count - 4
        while index >= start {
            if isYear(text, at: index) { return index..<index + 4 }
            index -= 1
        }
        return nil
    }

    /// The year a sub-heading names ("2023", "2019 and earlier"), or `nil`.
    static func year(inHeading heading: String) -> String? {
        let bytes = Array(heading.utf8)
        guard bytes.count <= 24, let range = lastYear(in: bytes) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The year as displayed, from the text that follows a venue: ", 2022 (to appear)." gives
    /// "2022 (to appear)". A bare qualifier such as "to appear" or "Preprint" is kept as it is.
    static func displayedYear(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let range = lastYear(in: bytes) else {
            let label = text.trimmed(of: " ,.;:()")
            return label.isEmpty || label.count > 30 ? nil : label
        }
        var end = range.upperBound
        // Keep a parenthesised qualifier right after the year: "2024 (to appear)".
        var cursor = end
        while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "("),
            let close = bytes[cursor...].firstIndex(of: UInt8(ascii: ")"))
        {
            end = close + 1
        }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }

    /// Splits a displayed author list into names.
    ///
    /// Names are separated by commas and "and"; "and 386 others including X" stays one item.
    static func authors(_ text: String) -> [String] {
        var names: [String] = []
        for part in text.split(separator: ",") {
            var piece = part.trimmingSpaces()
            if piece.isEmpty { continue }
            if piece.contains(" others") || piece.hasPrefix("others") || piece.contains("et al") {
                names.append(piece)
                continue
            }
            if piece.hasPrefix("and ") { piece = String(piece.dropFirst(4)).trimmingSpaces() }
            for name in piece.split(separator: " and ") {
                let trimmed = name.trimmingSpaces()
                if !trimmed.isEmpty { names.append(trimmed) }
            }
        }
        return names
    }

    private static func isYear(_ text: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + 4 <= text.count else { return false }
        let first = text[index]
        let second = text[index + 1]
        guard (first == UInt8(ascii: "1") && second == UInt8(ascii: "9"))
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
