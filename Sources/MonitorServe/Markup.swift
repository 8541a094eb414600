/// Escaping for text placed in HTML and XML.
enum Markup {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in element content and
    /// in quoted attribute values of both HTML and XML.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The escaped text.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// True for an http(s) URL, the only links the feed and pages make clickable (a page could
    /// hold a `javascript:` link).
    ///
    /// - Parameter text: A link as the page showed it.
    /// - Returns: Whether it may be used as an `href`.
    static func isWebLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
