import MonitorCore

/// Turns a homepage's HTML into its publications, talks and members.
///
/// Sections are found by their headings ("Publications", "Recent publications", "Talks",
/// "Group members", …); inside a section, entries are found from the repeated structure:
/// `<p>` blocks, `<li>` items, table rows, or runs of lines separated by blank lines.
/// Nothing in here knows a particular site.
public struct Extractor: Sendable {
    /// Creates an extractor.
    public init() {}

    /// Extracts the entries of one page.
    ///
    /// - Parameters:
    ///   - html: The page body as fetched or read from disk.
    ///   - url: The page's URL; relative links resolve against it (a `<base href>` wins). A file
    ///     path is fine when links need no resolving; it also names the page in errors.
    ///   - contentType: The HTTP `Content-Type` header, whose charset wins over the page's own.
    /// - Returns: The entries by kind, in page order.
    /// - Throws: ``ExtractError`` when the body is empty, not HTML, or shows no entries at all.
    public func entries(in html: [UInt8], url: String, contentType: String? = nil) throws -> PageEntries {
        let outline = try outline(of: html, url: url, contentType: contentType)
        let base = URLResolver(base: outline.baseHref, page: url)
        var entries = PageEntries()
        for section in sections(of: outline) {
            let groups = EntryGroup.split(section.lines)
            switch section.kind {
            case .publications:
                entries.publications += groups.compactMap {
                    EntryParser.publication(from: $0, links: base)
                }
            case .talks:
                entries.talks += groups.compactMap { EntryParser.talk(from: $0, links: base) }
            case .members:
                entries.members += groups.flatMap { EntryParser.members(from: $0, links: base) }
            case .other:
                break
            }
        }
        guard !entries.isEmpty else { throw ExtractError(.noEntries, url: url) }
        return entries
    }

    /// Extracts the entries of a watched site's page.
    ///
    /// - Parameters:
    ///   - html: The page body.
    ///   - site: The site; its URL resolves relative links.
    ///   - contentType: The HTTP `Content-Type` header, if known.
    /// - Returns: The entries by kind, in page order.
    /// - Throws: ``ExtractError``.
    public func entries(in html: [UInt8], site: Site, contentType: String? = nil) throws -> PageEntries {
        try entries(in: html, url: site.url, contentType: contentType)
    }

    /// Parses a page and returns its outline: the libxml2 tree lives only inside this call.
    func outline(of html: [UInt8], url: String, contentType: String?) throws -> PageOutline {
        guard !html.isEmpty else { throw ExtractError(.emptyPage, url: url) }
        guard Extractor.looksLikeHTML(html) else { throw ExtractError(.notHTML, url: url) }
        let decoded = Charset.decode(html, contentType: contentType)
        let document: HTMLDocument
        do {
            document = try HTMLDocument(parsing: decoded.bytes, encoding: decoded.encoding, url: url)
        } catch let error as ExtractError where decoded.encoding != "UTF-8" && error.code == .unparsable {
            // libxml2 has no converter for that charset: read the bytes as UTF-8 instead.
            let fallback = Charset.repairedUTF8(html[...])
            document = try HTMLDocument(parsing: fallback, url: url)
        }
        return document.outline()
    }

    /// A cheap test that a body is markup: no NUL bytes, and a tag near the start.
    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = body.prefix(2048)
        if head.contains(0) {
            // UTF-16 pages carry NULs; they start with a byte-order mark.
            return body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF])
        }
        return head.contains(UInt8(ascii: "<"))
    }

    /// One section of the page with the lines below its heading.
    struct Section {
        var kind: SectionKind
        var lines: [Line]
    }

    /// Splits the outline into sections at headings.
    ///
    /// A heading that names a kind starts a section of that kind at any level. Another heading
    /// ends the section when it is at the same or a higher level; deeper, it is a sub-heading
    /// (a year such as "2023" then dates the entries below it).
    func sections(of outline: PageOutline) -> [Section] {
        var sections: [Section] = []
        var current: Section?
        var level = 0
        var year: String?
        var afterSubheading = false
        for block in outline.blocks {
            switch block {
            case .heading(let headingLevel, let text):
                let kind = SectionKind(heading: text)
                if kind != .other || current == nil || headingLevel <= level {
                    if let done = current { sections.append(done) }
                    current = Section(kind: kind, lines: [])
                    level = headingLevel
                    year = nil
                } else {
                    year = TextScan.year(inHeading: text)
                    afterSubheading = true
                }
            case .line(var line):
                // A sub-heading separates the entries above it from those below.
                if afterSubheading { line.followsBlankLine = true }
                afterSubheading = false
                line.headingYear = year
                current?.lines.append(line)
            }
        }
        if let done = current { sections.append(done) }
        return sections.filter { $0.kind != .other }
    }
}
