import Foundation

/// Resolves the links of one page to absolute URLs.
struct URLResolver {
    private let base: URL?

    /// Creates a resolver for a page.
    ///
    /// - Parameters:
    ///   - baseHref: The page's `<base href>`, if any; it wins over the page URL.
    ///   - page: The page's URL, or a file path (then only a `<base href>` can resolve links).
    init(base baseHref: String?, page: String) {
        let pageURL = URLResolver.absoluteURL(page)
        if let baseHref, let resolved = URL(string: baseHref.trimmingSpaces(), relativeTo: pageURL)?.absoluteURL,
            resolved.scheme != nil
        {
            base = resolved
        } else {
            base = pageURL
        }
    }

    /// The absolute URL for an `href`, or `nil` for an empty, fragment-only or script link.
    func resolve(_ href: String) -> String? {
        let isTrimmed = href.utf8.first.map { $0 > 0x20 } == true && href.utf8.last.map { $0 > 0x20 } == true
        let trimmed = isTrimmed ? href : href.trimmingSpaces()
        if trimmed.isEmpty || trimmed.utf8.first == UInt8(ascii: "#") { return nil }
        if URLResolver.hasScheme(trimmed) {
            return URLResolver.isScript(trimmed) ? nil : trimmed
        }
        guard let base, let resolved = URL(string: trimmed, relativeTo: base) else { return trimmed }
        return resolved.absoluteURL.absoluteString
    }

    private static func absoluteURL(_ string: String) -> URL? {
        guard hasScheme(string), let url = URL(string: string) else { return nil }
        return url
    }

    /// True for a `javascript:` link, in any letter case.
    private static func isScript(_ string: String) -> Bool {
        let scheme: StaticString = "javascript:"
        let expected = UnsafeBufferPointer(start: scheme.utf8Start, count: scheme.utf8CodeUnitCount)
        return string.utf8.count >= expected.count
            && zip(string.utf8, expected).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }

    /// True for "https:", "mailto:" and the like: letters, digits, "+", "-", "." and then ":".
    private static func hasScheme(_ string: String) -> Bool {
        for (offset, character) in string.utf8.enumerated() {
            switch character {
            case UInt8(ascii: ":"): return offset > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if offset == 0 { return false }
            default: return false
            }
        }
        return false
    }
}
